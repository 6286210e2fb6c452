package io.bfg.console.http;

import io.bfg.console.auth.AuthRefusal;
import io.bfg.console.auth.BearerTokens;
import io.bfg.console.auth.Identity;
import io.bfg.console.auth.OriginCheck;
import io.bfg.console.auth.SessionLookup;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Supplier;

/**
 * CONSOLE_AUTH=oidc: every request past this handler has an identity, from a bearer token
 * ({@code Authorization: Bearer}) or the browser's session cookie; {@code X-Actor-Id} counts for
 * nothing. A session-authenticated request that may change something must come from the console's
 * own origin ({@link OriginCheck}).
 */
final class OidcAuth implements Handler<RoutingContext> {

  private static final String BEARER = "bearer ";

  private final BearerTokens bearer;
  private final SessionLookup sessions;
  private final Supplier<String> publicOrigin;

  /** {@code publicOrigin} is read per request: without CONSOLE_PUBLIC_URL it depends on the bound port. */
  OidcAuth(BearerTokens bearer, SessionLookup sessions, Supplier<String> publicOrigin) {
    this.bearer = bearer;
    this.sessions = sessions;
    this.publicOrigin = publicOrigin;
  }

  @Override
  public void handle(RoutingContext rc) {
    identify(rc).onSuccess(identity -> {
      Authenticated.put(rc, identity);
      rc.next();
    }).onFailure(rc::fail);
  }

  private Future<Identity> identify(RoutingContext rc) {
    String authorization = rc.request().getHeader("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
          || authorization.substring(BEARER.length()).isBlank()) {
        return Future.failedFuture(new AuthRefusal(401, "INVALID_TOKEN",
            "the Authorization header must be 'Bearer <token>'"));
      }
      return bearer.identify(authorization.substring(BEARER.length()).trim());
    }
    Cookie session = rc.request().getCookie(SessionLookup.COOKIE);
    if (session != null && !session.getValue().isEmpty()) {
      return sessions.identify(session.getValue()).map(identity -> {
        OriginCheck.check(rc.request().method().name(), identity.via(), rc.request().getHeader("Origin"),
            publicOrigin.get());
        return identity;
      });
    }
    return Future.failedFuture(new AuthRefusal(401, "UNAUTHENTICATED",
        "sign in (GET /auth/login) or send 'Authorization: Bearer <token>' from the identity provider"));
  }
}
