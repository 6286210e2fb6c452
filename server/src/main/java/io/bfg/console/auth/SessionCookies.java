package io.bfg.console.auth;

import io.bfg.console.model.Actor;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The {@code console_session} cookie: seals a {@link Session} into it, and reads a request's back into an
 * {@link Identity}. The actor is looked up again on every request, so a session carries no permissions of
 * its own: they stay the scenario's.
 */
public final class SessionCookies implements SessionLookup {

  private final CookieSeal seal;
  private final SessionRevocations revocations;
  private final ActorDirectory actors;
  private final String issuer;
  private final Clock clock;
  private final SecureRandom random;

  /** {@code issuer} is the configured one: a session another issuer vouched for is not this console's. */
  public SessionCookies(CookieSeal seal, SessionRevocations revocations, ActorDirectory actors, String issuer,
                        Clock clock, SecureRandom random) {
    this.seal = seal;
    this.revocations = revocations;
    this.actors = actors;
    this.issuer = issuer;
    this.clock = clock;
    this.random = random;
  }

  /** A new session (a random 128-bit id) for a verified ID token's subject, until the token expires. */
  public Session open(String subject, String claim, Instant expiresAt) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(id), subject, issuer, claim,
        expiresAt, clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  public String seal(Session session) {
    JsonObject json = new JsonObject().put("sid", session.id()).put("sub", session.subject())
        .put("iss", session.issuer()).put("act", session.claim())
        .put("exp", session.expiresAt().getEpochSecond()).put("iat", session.issuedAt().getEpochSecond());
    return seal.seal(COOKIE, json.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** The session a cookie value holds, or null when it was not sealed by a console with this key. */
  public Session read(String cookieValue) {
    byte[] plain = seal.open(COOKIE, cookieValue);
    if (plain == null) {
      return null;
    }
    try {
      JsonObject json = new JsonObject(new String(plain, StandardCharsets.UTF_8));
      Session session = new Session(json.getString("sid"), json.getString("sub"), json.getString("iss"),
          json.getString("act"), Instant.ofEpochSecond(json.getLong("exp")), Instant.ofEpochSecond(json.getLong("iat")));
      return session.id() == null || session.claim() == null ? null : session;
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      return null; // sealed with our key yet not a session: a format this console does not know
    }
  }

  /** The session a cookie value holds if it still stands, else why not. */
  public Session valid(String cookieValue) {
    Session session = read(cookieValue);
    if (session == null) {
      throw unauthenticated("the session cookie cannot be read (it was altered, or sealed with another key)");
    }
    if (!clock.instant().isBefore(session.expiresAt())) {
      throw unauthenticated("session expired at " + session.expiresAt());
    }
    if (!issuer.equals(session.issuer())) {
      throw unauthenticated("the session was signed in at another issuer (" + session.issuer() + ")");
    }
    if (revocations.isRevoked(session.id())) {
      throw unauthenticated("signed out");
    }
    return session;
  }

  @Override
  public Future<Identity> identify(String cookieValue) {
    try {
      Session session = valid(cookieValue);
      Actor actor = actors.actorFor(session.claim());
      if (actor == null) {
        return Future.failedFuture(new AuthRefusal(403, "NO_ACTOR", "'" + session.claim()
            + "' (subject " + session.subject() + ") is no actor of this scenario"));
      }
      return Future.succeededFuture(new Identity(actor, session.subject(), session.issuer(), session.expiresAt(),
          Identity.Via.SESSION, session.id()));
    } catch (AuthRefusal refusal) {
      return Future.failedFuture(refusal);
    }
  }

  /**
   * The Set-Cookie for a session: HttpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it),
   * Path=/, Secure when the console is served over https, and kept by the browser until the session expires.
   */
  public Cookie cookie(Session session, boolean secure) {
    long maxAge = Math.max(0, Duration.between(clock.instant(), session.expiresAt()).getSeconds());
    return Cookie.cookie(COOKIE, seal(session)).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
        .setSecure(secure).setMaxAge(maxAge);
  }

  /** The Set-Cookie that makes a browser forget its session. */
  public static Cookie cleared(boolean secure) {
    return Cookie.cookie(COOKIE, "").setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
        .setSecure(secure).setMaxAge(0);
  }

  static AuthRefusal unauthenticated(String why) {
    return new AuthRefusal(401, "UNAUTHENTICATED", why + "; sign in again at /auth/login");
  }
}
