package io.bfg.console.http;

import io.bfg.console.auth.Identity;
import io.bfg.console.model.Actor;
import io.bfg.console.service.ReadinessService;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * mock-auth-header: the actor is whoever {@code X-Actor-Id} names. It trusts the caller, so it
 * only serves loopback clients unless the operator explicitly allowed remote ones.
 */
public final class MockHeaderAuth implements Handler<RoutingContext> {

  static final String HEADER = "X-Actor-Id";

  private final ReadinessService service;
  private final boolean allowRemote;
  private final boolean required;

  /** {@code required} false lets a request without the header through anonymously (feed readers). */
  MockHeaderAuth(ReadinessService service, boolean allowRemote, boolean required) {
    this.service = service;
    this.allowRemote = allowRemote;
    this.required = required;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (!required && rc.request().getHeader(HEADER) == null) {
      rc.next();
      return;
    }
    if (!allowRemote && !isLoopback(rc.request().remoteAddress())) {
      rc.fail(new ApiError(403, "MOCK_AUTH_LOOPBACK_ONLY",
          "mock-auth-header is accepted from loopback clients only"));
      return;
    }
    String actorId = rc.request().getHeader(HEADER);
    if (actorId == null || actorId.isBlank()) {
      rc.fail(new ApiError(401, "UNAUTHENTICATED", "send the acting actor in the " + HEADER + " header"));
      return;
    }
    Actor actor = service.actor(actorId.trim());
    if (actor == null) {
      rc.fail(new ApiError(401, "UNKNOWN_ACTOR", "'" + actorId.trim() + "' is not an actor of this scenario"));
      return;
    }
    Authenticated.put(rc, new Identity(actor, null, null, null, Identity.Via.MOCK_HEADER, null));
    rc.next();
  }

  private static boolean isLoopback(SocketAddress address) {
    if (address == null || address.hostAddress() == null) {
      return false;
    }
    try {
      return InetAddress.getByName(address.hostAddress()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
