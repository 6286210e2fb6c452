package io.bfg.console.auth;

import io.bfg.console.model.Actor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code Authorization: Bearer <JWT>}: a token {@link TokenRules} accepts (the issuer's asymmetric signature
 * by one of its JWKS keys, this console's audience, within its lifetime), naming an actor of the scenario.
 *
 * <p>A verified token is cached by its signature until it expires, so requests after the first cost a
 * map look-up, never a JWKS fetch; an unknown {@code kid} refetches the JWKS (rate-limited by the
 * provider). The actor is looked up on every request, so the scenario's permissions always apply.
 */
public final class BearerTokens {

  static final int MAX_CACHED = 10_000;

  private final OidcProvider provider;
  private final ActorDirectory actors;
  private final TokenRules rules;
  private final Map<String, Verified> cache = new ConcurrentHashMap<>();

  public BearerTokens(OidcProvider provider, ActorDirectory actors, Clock clock) {
    this.provider = provider;
    this.actors = actors;
    this.rules = new TokenRules(clock);
  }

  /** A token the console verified: the signed part it covers and the claims it vouches for. */
  private record Verified(String signedPart, String subject, String issuer, String actorClaim, long exp) {
  }

  /** The identity a bearer token proves; fails with {@link AuthRefusal}. */
  public Future<Identity> identify(String token) {
    try {
      TokenRules.Compact jwt = TokenRules.Compact.of(token);
      // a hit needs the very bytes verified before, header included, so its algorithm was checked then: the
      // header is decoded only on a miss (decoding it first cost a fifth of a cached request)
      Verified cached = cache.get(jwt.signature());
      if (cached != null && cached.signedPart.equals(jwt.signed())) {
        if (rules.expired(cached.exp)) {
          cache.remove(jwt.signature());
        }
        rules.unexpired(cached.exp);
        return Future.succeededFuture(identity(cached));
      }
      TokenRules.Header header = TokenRules.header(jwt);
      if (!provider.ready()) {
        throw unavailable(provider);
      }
      String kid = header.kid();
      JsonObject key = kid == null ? null : provider.keys().get(kid);
      if (kid != null && key == null) {
        return provider.refetchKeys().map(keys -> verify(jwt, header, keys.get(kid)));
      }
      return Future.succeededFuture(verify(jwt, header, key));
    } catch (AuthRefusal refusal) {
      return Future.failedFuture(refusal);
    } catch (TokenRules.Refused refused) {
      return Future.failedFuture(invalid(refused.getMessage()));
    }
  }

  private Identity verify(TokenRules.Compact jwt, TokenRules.Header header, JsonObject key) {
    OidcSettings settings = provider.settings();
    JsonObject claims;
    try {
      claims = rules.verify(jwt, header, key, settings.issuerId(), settings.audience());
    } catch (TokenRules.Refused refused) {
      throw invalid(refused.getMessage());
    }
    Object claim = claims.getValue(settings.actorClaim());
    Verified verified = new Verified(jwt.signed(), claims.getValue("sub") instanceof String sub ? sub : null,
        settings.issuerId(), claim instanceof String value ? value : null, claims.getLong("exp"));
    remember(jwt.signature(), verified);
    return identity(verified);
  }

  /** The actor is looked up every time: the scenario decides who a claim is, not the cache. */
  private Identity identity(Verified token) {
    String claimName = provider.settings().actorClaim();
    if (token.actorClaim == null) {
      throw new AuthRefusal(403, "NO_ACTOR", "the token has no '" + claimName + "' claim to name an actor by");
    }
    Actor actor = actors.actorFor(token.actorClaim);
    if (actor == null) {
      throw new AuthRefusal(403, "NO_ACTOR", "the token's " + claimName + " '" + token.actorClaim
          + "' is no actor of this scenario (an actor's id or one of its identities)");
    }
    return new Identity(actor, token.subject, token.issuer, Instant.ofEpochSecond(token.exp), Identity.Via.BEARER,
        null);
  }

  /** Bounded: past the limit, expired entries go first, and if that is not enough the cache starts over. */
  private void remember(String signature, Verified verified) {
    if (cache.size() >= MAX_CACHED) {
      cache.values().removeIf(entry -> rules.expired(entry.exp));
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
    }
    cache.put(signature, verified);
  }

  static AuthRefusal invalid(String why) {
    return new AuthRefusal(401, "INVALID_TOKEN", "the bearer token is refused: " + why);
  }

  static AuthRefusal unavailable(OidcProvider provider) {
    return new AuthRefusal(503, "IDENTITY_PROVIDER_UNAVAILABLE", provider.problem() == null
        ? "the identity provider is not available yet" : provider.problem());
  }
}
