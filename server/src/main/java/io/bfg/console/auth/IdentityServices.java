package io.bfg.console.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * What CONSOLE_AUTH=oidc adds to a running console, built once and shared by every HTTP verticle: the
 * discovered provider, bearer checks, the session cookie's reader and the browser login's routes.
 */
public record IdentityServices(OidcProvider provider, BearerTokens bearer, SessionLookup sessions,
                               BrowserLogin login) {

  /** The browser side of the login: how a session cookie is read, and the /auth/* routes that set it. */
  public record Browser(SessionLookup sessions, BrowserLogin login) {

    /** Refuses every session cookie and mounts nothing: bearer tokens only. */
    public static final Browser NONE = new Browser(
        cookie -> Future.failedFuture(new AuthRefusal(401, "UNAUTHENTICATED",
            "browser sessions are not available; send a bearer token")),
        BrowserLogin.NONE);
  }

  /** Builds the browser side once the provider and the scenario's actors are known; the login plugs in here. */
  @FunctionalInterface
  public interface BrowserFactory {

    BrowserFactory NONE = (vertx, provider, actors) -> Browser.NONE;

    Browser create(Vertx vertx, OidcProvider provider, ActorDirectory actors);
  }
}
