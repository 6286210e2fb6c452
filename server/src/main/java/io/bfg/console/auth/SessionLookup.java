package io.bfg.console.auth;

import io.vertx.core.Future;

/** A browser session from its cookie value (LOGIN implements it; CORE calls it when the request carries the cookie). */
public interface SessionLookup {

  String COOKIE = "console_session";

  /**
   * Succeeds with the session's Identity (via SESSION); fails with AuthRefusal 401 UNAUTHENTICATED when the
   * cookie is unreadable, forged, expired or logged out, or 403 NO_ACTOR when its subject maps to no actor now.
   */
  Future<Identity> identify(String cookieValue);
}
