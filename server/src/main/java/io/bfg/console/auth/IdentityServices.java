package io.bfg.console.auth;

/**
 * What CONSOLE_AUTH=oidc adds to a running console, built once and shared by every HTTP verticle: the
 * discovered provider, bearer checks, the session cookie's reader and the browser login's routes.
 */
public record IdentityServices(OidcProvider provider, BearerTokens bearer, SessionLookup sessions,
                               BrowserLogin login) {

  /** Refuses every session cookie: the browser login is not part of this build yet. */
  public static final SessionLookup NO_SESSIONS = cookie -> io.vertx.core.Future.failedFuture(
      new AuthRefusal(401, "UNAUTHENTICATED", "browser sessions are not available; send a bearer token"));
}
