package io.bfg.console.http;

import io.bfg.console.auth.Identity;
import io.bfg.console.model.Actor;
import io.vertx.ext.web.RoutingContext;

/** Where an authenticated request keeps who sent it on its routing context; both auth modes put both. */
public final class Authenticated {

  public static final String IDENTITY = "identity";
  public static final String ACTOR = "actor";

  private Authenticated() {
  }

  static void put(RoutingContext rc, Identity identity) {
    rc.put(IDENTITY, identity);
    rc.put(ACTOR, identity.actor());
  }

  /** The identity, or null when the request is anonymous (mock-mode reads). */
  public static Identity identity(RoutingContext rc) {
    return rc.get(IDENTITY);
  }

  /** The acting actor, or null when the request is anonymous. */
  public static Actor actor(RoutingContext rc) {
    return rc.get(ACTOR);
  }

  /** Whom rate limits count against: the authenticated actor, else the client's address. */
  public static String asker(RoutingContext rc) {
    Actor actor = actor(rc);
    return actor != null ? actor.id() : "address:" + rc.request().remoteAddress().host();
  }
}
