package io.bfg.console.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.auth.impl.jose.JWS;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What makes a JWT good, for every check that judges one: the console's bearer check, the identity
 * check's probe token (which must be judged exactly as the console will judge its users' tokens) and the
 * login's ID token. The header's {@code alg} is checked first, before any key is looked at: only the
 * issuer's asymmetric algorithms count, so a token "signed" with the client secret or with nothing is
 * never verified at all. Then the key its {@code kid} names (whose own {@code alg}, if it has one, must be
 * the header's), the signature, and only then the claims: iss, aud, exp and nbf with {@link #LEEWAY_SECONDS}
 * either side.
 *
 * <p>A refusal is one {@link Refused} with a {@link Reason} and a sentence; each caller turns it into its
 * own refusal (a 401, a failed step, a refused sign-in).
 */
public final class TokenRules {

  /** The clock skew allowed between the issuer and this console, either way. */
  public static final long LEEWAY_SECONDS = 30;
  public static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
      "ES256", "ES384", "ES512", "EdDSA");
  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  private final Clock clock;
  /** Verifiers per key and algorithm, built once per key seen. */
  private final Map<String, JWS> verifiers = new ConcurrentHashMap<>();

  public TokenRules(Clock clock) {
    this.clock = clock;
  }

  /** Why a token is refused, for callers that say more than the sentence (advice, their own wording). */
  public enum Reason {
    NOT_JWT, UNREADABLE, ALGORITHM, UNKNOWN_KEY, KEY_ALGORITHM, SIGNATURE, ISSUER, AUDIENCE, NO_EXPIRY, EXPIRED,
    NOT_YET_VALID
  }

  /** A token these rules refuse; {@link #claims()} only once its signature verified (else null). */
  public static final class Refused extends RuntimeException {

    private final Reason reason;
    private final transient JsonObject claims;

    Refused(Reason reason, String why) {
      this(reason, why, null);
    }

    Refused(Reason reason, String why, JsonObject claims) {
      super(why, null, false, false);
      this.reason = reason;
      this.claims = claims;
    }

    public Reason reason() {
      return reason;
    }

    public JsonObject claims() {
      return claims;
    }
  }

  /** A compact JWT in its three base64url parts, nothing decoded yet. */
  public record Compact(String header, String payload, String signature) {

    public static Compact of(String token) {
      String[] parts = token.split("\\.", -1);
      if (parts.length != 3) {
        throw new Refused(Reason.NOT_JWT, "it is not a JWT (three base64url parts separated by dots)");
      }
      return new Compact(parts[0], parts[1], parts[2]);
    }

    /** What the signature covers. */
    public String signed() {
      return header + "." + payload;
    }
  }

  /** A header whose algorithm is one of {@link #ALGORITHMS}; {@code kid} may be null. */
  public record Header(String alg, String kid) {
  }

  /** The header, refused unless it names an accepted algorithm. */
  public static Header header(Compact jwt) {
    JsonObject header = json(jwt.header(), "header");
    Object alg = header.getValue("alg");
    if (!(alg instanceof String algorithm) || !ALGORITHMS.contains(algorithm)) {
      throw new Refused(Reason.ALGORITHM, "algorithm " + (alg == null ? "(none named)" : "'" + alg + "'")
          + " is not accepted; the issuer's asymmetric signatures only (none and HMAC are refused)");
    }
    Object kid = header.getValue("kid");
    if (kid != null && !(kid instanceof String)) {
      throw new Refused(Reason.UNREADABLE, "its kid is not a string");
    }
    return new Header(algorithm, (String) kid);
  }

  /**
   * The signature against {@code key} (the issuer's key the header's kid names, null if it has none), then
   * the claims: the claims of a token that passes, else {@link Refused}.
   */
  public JsonObject verify(Compact jwt, Header header, JsonObject key, String issuer, String audience) {
    if (key == null) {
      throw new Refused(Reason.UNKNOWN_KEY, "signature: the issuer has no key " + (header.kid() == null
          ? "(the token names no kid)" : "'" + header.kid() + "'"));
    }
    String kid = key.getValue("kid") instanceof String named ? named : null;
    String keyAlg = key.getValue("alg") instanceof String named ? named : null;
    if (keyAlg != null && !keyAlg.equals(header.alg())) {
      throw new Refused(Reason.KEY_ALGORITHM, "algorithm '" + header.alg() + "' is not the one key '" + kid
          + "' signs with (" + keyAlg + ")");
    }
    JWS jws;
    try {
      jws = verifiers.computeIfAbsent(kid + "|" + header.alg() + "|" + key.hashCode(),
          ignored -> new JWS(new JWK(key.copy().put("alg", header.alg()))));
    } catch (RuntimeException e) {
      // a key without alg of another type than the header's algorithm (an RSA key for ES256)
      throw new Refused(Reason.KEY_ALGORITHM, "algorithm '" + header.alg() + "' is not one key '" + kid
          + "' (kty " + key.getValue("kty") + ") can sign with");
    }
    boolean valid;
    try {
      valid = jws.verify(B64.decode(jwt.signature()), jwt.signed().getBytes(StandardCharsets.US_ASCII));
    } catch (RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw new Refused(Reason.SIGNATURE, "signature: it does not verify against the issuer's key '" + kid + "'");
    }
    JsonObject claims = json(jwt.payload(), "payload");
    claims(claims, issuer, audience);
    return claims;
  }

  /**
   * The claims of a token whose signature verified: issued by {@code issuer}, for {@code audience} (aud
   * is a string or an array), with an exp not passed and an nbf reached, both give or take the leeway.
   */
  public void claims(JsonObject claims, String issuer, String audience) {
    Object iss = claims.getValue("iss");
    if (!issuer.equals(iss)) {
      throw new Refused(Reason.ISSUER, "issuer: it was issued by " + (iss instanceof String named ? "'" + named
          + "'" : "no one (no iss)") + ", not " + issuer, claims);
    }
    Object aud = claims.getValue("aud");
    if (!audiences(aud).contains(audience)) {
      throw new Refused(Reason.AUDIENCE, "audience: it is for " + (aud == null ? "no audience" : aud) + ", not "
          + audience, claims);
    }
    if (!(claims.getValue("exp") instanceof Number exp)) {
      throw new Refused(Reason.NO_EXPIRY, "expiry: it has no exp", claims);
    }
    unexpired(exp.longValue());
    if (claims.getValue("nbf") instanceof Number nbf && now() + LEEWAY_SECONDS < nbf.longValue()) {
      throw new Refused(Reason.NOT_YET_VALID, "it is not valid before " + Instant.ofEpochSecond(nbf.longValue()),
          claims);
    }
  }

  /** Refused once {@code exp} (epoch seconds) is past by more than the leeway. */
  public void unexpired(long exp) {
    if (expired(exp)) {
      throw new Refused(Reason.EXPIRED, "it expired at " + Instant.ofEpochSecond(exp));
    }
  }

  public boolean expired(long exp) {
    return now() > exp + LEEWAY_SECONDS;
  }

  /** The audiences an aud claim names: one string, or the strings of an array. */
  public static List<String> audiences(Object aud) {
    if (aud instanceof String one) {
      return List.of(one);
    }
    if (aud instanceof JsonArray many) {
      return many.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private static JsonObject json(String part, String what) {
    try {
      return new JsonObject(new String(B64.decode(part), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw new Refused(Reason.UNREADABLE, "its " + what + " is not base64url JSON");
    }
  }
}
