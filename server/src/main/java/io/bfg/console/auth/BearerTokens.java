package io.bfg.console.auth;

import io.bfg.console.model.Actor;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.auth.impl.jose.JWS;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code Authorization: Bearer <JWT>}: a token the issuer signed with one of its JWKS keys, for this
 * console's audience, within its lifetime (30 s leeway either side). The header's {@code alg} is checked
 * first, by us: only the issuer's asymmetric algorithms count; {@code none} and every HMAC are refused
 * before any key is looked at, so a token "signed" with the client secret or with nothing is never
 * verified at all.
 *
 * <p>A verified token is cached by its signature until it expires, so requests after the first cost a
 * map look-up, never a JWKS fetch; an unknown {@code kid} refetches the JWKS (rate-limited by the
 * provider). The actor is looked up on every request, so the scenario's permissions always apply.
 */
public final class BearerTokens {

  static final long LEEWAY_SECONDS = 30;
  static final int MAX_CACHED = 10_000;
  private static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
      "ES256", "ES384", "ES512", "EdDSA");
  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  private final OidcProvider provider;
  private final ActorDirectory actors;
  private final Clock clock;
  private final Map<String, Verified> cache = new ConcurrentHashMap<>();
  /** Verifiers per key and algorithm, built once per key seen. */
  private final Map<String, JWS> verifiers = new ConcurrentHashMap<>();

  public BearerTokens(OidcProvider provider, ActorDirectory actors, Clock clock) {
    this.provider = provider;
    this.actors = actors;
    this.clock = clock;
  }

  /** A token the console verified: the signed part it covers and the claims it vouches for. */
  private record Verified(String signedPart, String subject, String issuer, String actorClaim, long exp) {
  }

  /** The identity a bearer token proves; fails with {@link AuthRefusal}. */
  public Future<Identity> identify(String token) {
    try {
      String[] parts = token.split("\\.", -1);
      if (parts.length != 3) {
        throw invalid("it is not a JWT (three base64url parts separated by dots)");
      }
      JsonObject header = json(parts[0], "header");
      Object alg = header.getValue("alg");
      if (!(alg instanceof String algorithm) || !ALGORITHMS.contains(algorithm)) {
        throw invalid("algorithm " + (alg == null ? "(none named)" : "'" + alg + "'") + " is not accepted; the "
            + "issuer's asymmetric signatures only (none and HMAC are refused)");
      }
      String signedPart = parts[0] + "." + parts[1];
      long now = clock.instant().getEpochSecond();
      Verified cached = cache.get(parts[2]);
      if (cached != null && cached.signedPart.equals(signedPart)) {
        if (now > cached.exp + LEEWAY_SECONDS) {
          cache.remove(parts[2]);
          throw invalid("it expired at " + Instant.ofEpochSecond(cached.exp));
        }
        return Future.succeededFuture(identity(cached));
      }
      if (!provider.ready()) {
        throw unavailable(provider);
      }
      String kid = header.getString("kid");
      JsonObject key = kid == null ? null : provider.keys().get(kid);
      if (kid != null && key == null) {
        return provider.refetchKeys().map(keys -> verify(parts, signedPart, header, algorithm, keys.get(kid)));
      }
      return Future.succeededFuture(verify(parts, signedPart, header, algorithm, key));
    } catch (AuthRefusal refusal) {
      return Future.failedFuture(refusal);
    } catch (ClassCastException | DecodeException | IllegalArgumentException e) {
      return Future.failedFuture(invalid("it cannot be read: " + e.getMessage()));
    }
  }

  private Identity verify(String[] parts, String signedPart, JsonObject header, String algorithm, JsonObject key) {
    if (key == null) {
      throw invalid("signature: the issuer has no key " + (header.getString("kid") == null ? "(the token names no kid)"
          : "'" + header.getString("kid") + "'"));
    }
    String keyAlg = key.getString("alg");
    if (keyAlg != null && !keyAlg.equals(algorithm)) {
      throw invalid("algorithm '" + algorithm + "' is not the one key '" + key.getString("kid") + "' signs with ("
          + keyAlg + ")");
    }
    JWS jws = verifiers.computeIfAbsent(key.getString("kid") + "|" + algorithm + "|" + key.hashCode(),
        ignored -> new JWS(new JWK(key.copy().put("alg", algorithm))));
    boolean valid;
    try {
      valid = jws.verify(B64.decode(parts[2]), signedPart.getBytes(StandardCharsets.US_ASCII));
    } catch (RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw invalid("signature: it does not verify against the issuer's key '" + key.getString("kid") + "'");
    }
    JsonObject claims = json(parts[1], "payload");
    OidcSettings settings = provider.settings();
    String issuer = claims.getValue("iss") instanceof String iss ? iss : null;
    if (!settings.issuerId().equals(issuer)) {
      throw invalid("issuer: it was issued by " + (issuer == null ? "no one (no iss)" : "'" + issuer + "'")
          + ", not " + settings.issuerId());
    }
    Object aud = claims.getValue("aud");
    boolean forUs = aud instanceof String one ? one.equals(settings.audience())
        : aud instanceof JsonArray many && many.contains(settings.audience());
    if (!forUs) {
      throw invalid("audience: it is for " + (aud == null ? "no audience" : aud) + ", not " + settings.audience());
    }
    long now = clock.instant().getEpochSecond();
    if (!(claims.getValue("exp") instanceof Number exp)) {
      throw invalid("expiry: it has no exp");
    }
    if (now > exp.longValue() + LEEWAY_SECONDS) {
      throw invalid("it expired at " + Instant.ofEpochSecond(exp.longValue()));
    }
    if (claims.getValue("nbf") instanceof Number nbf && now + LEEWAY_SECONDS < nbf.longValue()) {
      throw invalid("it is not valid before " + Instant.ofEpochSecond(nbf.longValue()));
    }
    Object claim = claims.getValue(settings.actorClaim());
    Verified verified = new Verified(signedPart, claims.getValue("sub") instanceof String sub ? sub : null, issuer,
        claim instanceof String value ? value : null, exp.longValue());
    remember(parts[2], verified, now);
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
    return new Identity(actor, token.subject, token.issuer, Instant.ofEpochSecond(token.exp), Identity.Via.BEARER);
  }

  /** Bounded: past the limit, expired entries go first, and if that is not enough the cache starts over. */
  private void remember(String signature, Verified verified, long now) {
    if (cache.size() >= MAX_CACHED) {
      cache.values().removeIf(entry -> now > entry.exp + LEEWAY_SECONDS);
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
    }
    cache.put(signature, verified);
  }

  private static JsonObject json(String part, String what) {
    try {
      return new JsonObject(new String(B64.decode(part), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw invalid("its " + what + " is not base64url JSON");
    }
  }

  static AuthRefusal invalid(String why) {
    return new AuthRefusal(401, "INVALID_TOKEN", "the bearer token is refused: " + why);
  }

  static AuthRefusal unavailable(OidcProvider provider) {
    return new AuthRefusal(503, "IDENTITY_PROVIDER_UNAVAILABLE", provider.problem() == null
        ? "the identity provider is not available yet" : provider.problem());
  }
}
