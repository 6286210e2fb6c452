package io.bfg.console.auth;

import io.bfg.console.auth.TokenRules.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules every JWT check shares, one refusal at a time, against real RSA keys and a fixed clock. */
class TokenRulesTest {

  private static final String ISSUER = "https://idp.bfg.example/realms/bfg";
  private static final String AUDIENCE = "integration-console";
  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  private static final long T = NOW.getEpochSecond();

  private static KeyPair signer;
  private static KeyPair other;
  private static Map<String, JsonObject> keys;

  private final TokenRules rules = new TokenRules(Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    signer = generator.generateKeyPair();
    other = generator.generateKeyPair();
    keys = Map.of(
        "key-1", jwk("key-1", "RS256", signer),
        "key-384", jwk("key-384", "RS384", signer),
        "no-alg", jwk("no-alg", null, signer));
  }

  @Test
  @DisplayName("A token signed RS256 by the key its kid names, for us, in its lifetime: its claims come back")
  void accepts() {
    JsonObject claims = verify(token("RS256", "key-1", claims(AUDIENCE, T + 300), signer.getPrivate()));
    assertThat(claims.getString("sub")).isEqualTo("anna");
  }

  @Test
  @DisplayName("alg none and HS256 (keyed with anything, the client secret included) are refused before any key")
  void noneAndHmac() {
    String payload = b64(claims(AUDIENCE, T + 300).encode());
    String none = b64("{\"alg\":\"none\",\"kid\":\"key-1\"}") + "." + payload + ".";
    String hs256 = hmac("{\"alg\":\"HS256\",\"kid\":\"key-1\"}", payload, "client-secret");
    String unnamed = b64("{\"kid\":\"key-1\"}") + "." + payload + ".x";
    for (String token : new String[] {none, hs256, unnamed}) {
      assertThatThrownBy(() -> TokenRules.header(TokenRules.Compact.of(token)))
          .isInstanceOfSatisfying(TokenRules.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Reason.ALGORITHM);
            assertThat(refused.getMessage()).contains("is not accepted").contains("none and HMAC are refused");
          });
    }
  }

  @Test
  @DisplayName("Not three parts is NOT_JWT; a header that is not base64url JSON is UNREADABLE")
  void unreadable() {
    assertRefused(() -> TokenRules.Compact.of("not-a-jwt"), Reason.NOT_JWT, "it is not a JWT");
    assertRefused(() -> TokenRules.header(TokenRules.Compact.of("%%%.e30.x")), Reason.UNREADABLE,
        "its header is not base64url JSON");
  }

  @Test
  @DisplayName("A kid the keys do not hold, or no kid at all, is UNKNOWN_KEY")
  void unknownKid() {
    assertRefused(() -> verify(token("RS256", "key-9", claims(AUDIENCE, T + 300), signer.getPrivate())),
        Reason.UNKNOWN_KEY, "the issuer has no key 'key-9'");
    assertRefused(() -> verify(token("RS256", null, claims(AUDIENCE, T + 300), signer.getPrivate())),
        Reason.UNKNOWN_KEY, "(the token names no kid)");
  }

  @Test
  @DisplayName("A header alg other than the key's own alg is KEY_ALGORITHM; a key without alg of another type too")
  void keyAlgorithm() {
    assertRefused(() -> verify(token("RS512", "key-1", claims(AUDIENCE, T + 300), signer.getPrivate())),
        Reason.KEY_ALGORITHM, "algorithm 'RS512' is not the one key 'key-1' signs with (RS256)");
    assertRefused(() -> verify(token("ES256", "no-alg", claims(AUDIENCE, T + 300), signer.getPrivate())),
        Reason.KEY_ALGORITHM, "algorithm 'ES256' is not one key 'no-alg' (kty RSA) can sign with");
    // a key without alg signs with any algorithm of its type
    assertThat(verify(token("RS384", "no-alg", claims(AUDIENCE, T + 300), signer.getPrivate())).getString("sub"))
        .isEqualTo("anna");
  }

  @Test
  @DisplayName("Another key's signature, an altered payload or a mangled signature is SIGNATURE, claims unread")
  void badSignature() {
    String good = token("RS256", "key-1", claims(AUDIENCE, T + 300), signer.getPrivate());
    String[] parts = good.split("\\.");
    String altered = parts[0] + "." + b64(claims(AUDIENCE, T + 300).put("sub", "marek").encode()) + "." + parts[2];
    for (String token : new String[] {token("RS256", "key-1", claims(AUDIENCE, T + 300), other.getPrivate()),
        altered, parts[0] + "." + parts[1] + ".%%%"}) {
      assertThatThrownBy(() -> verify(token)).isInstanceOfSatisfying(TokenRules.Refused.class, refused -> {
        assertThat(refused.reason()).isEqualTo(Reason.SIGNATURE);
        assertThat(refused.getMessage()).isEqualTo("signature: it does not verify against the issuer's key 'key-1'");
        assertThat(refused.claims()).isNull();
      });
    }
  }

  @Test
  @DisplayName("Another issuer, or none, is ISSUER")
  void wrongIssuer() {
    assertRefused(() -> verify(token("RS256", "key-1", claims(AUDIENCE, T + 300).put("iss", "https://evil.example"),
        signer.getPrivate())), Reason.ISSUER, "issuer: it was issued by 'https://evil.example', not " + ISSUER);
    JsonObject anonymous = claims(AUDIENCE, T + 300);
    anonymous.remove("iss");
    assertRefused(() -> verify(token("RS256", "key-1", anonymous, signer.getPrivate())), Reason.ISSUER,
        "issued by no one (no iss)");
  }

  @Test
  @DisplayName("aud is ours as a string or inside an array; another string or an array without us is AUDIENCE")
  void audience() {
    assertThat(verify(token("RS256", "key-1", claims(AUDIENCE, T + 300), signer.getPrivate()))).isNotNull();
    assertThat(verify(token("RS256", "key-1", claims(new JsonArray().add("billing-api").add(AUDIENCE), T + 300),
        signer.getPrivate()))).isNotNull();
    assertRefused(() -> verify(token("RS256", "key-1", claims("billing-api", T + 300), signer.getPrivate())),
        Reason.AUDIENCE, "audience: it is for billing-api, not " + AUDIENCE);
    assertThatThrownBy(() -> verify(token("RS256", "key-1", claims(new JsonArray().add("billing-api"), T + 300),
        signer.getPrivate()))).isInstanceOfSatisfying(TokenRules.Refused.class, refused -> {
          assertThat(refused.reason()).isEqualTo(Reason.AUDIENCE);
          assertThat(TokenRules.audiences(refused.claims().getValue("aud"))).containsExactly("billing-api");
        });
  }

  @Test
  @DisplayName("exp passed by more than 30 s is EXPIRED; passed by less is still good; no exp is NO_EXPIRY")
  void expiry() {
    assertRefused(() -> verify(token("RS256", "key-1", claims(AUDIENCE, T - 31), signer.getPrivate())),
        Reason.EXPIRED, "it expired at " + Instant.ofEpochSecond(T - 31));
    assertThat(verify(token("RS256", "key-1", claims(AUDIENCE, T - 29), signer.getPrivate()))).isNotNull();
    assertThat(verify(token("RS256", "key-1", claims(AUDIENCE, T - 30), signer.getPrivate()))).isNotNull();
    JsonObject forever = claims(AUDIENCE, T);
    forever.remove("exp");
    assertRefused(() -> verify(token("RS256", "key-1", forever, signer.getPrivate())), Reason.NO_EXPIRY,
        "expiry: it has no exp");
  }

  @Test
  @DisplayName("nbf more than 30 s ahead is NOT_YET_VALID; less than 30 s ahead is good")
  void notBefore() {
    assertRefused(() -> verify(token("RS256", "key-1", claims(AUDIENCE, T + 300).put("nbf", T + 31),
        signer.getPrivate())), Reason.NOT_YET_VALID, "it is not valid before " + Instant.ofEpochSecond(T + 31));
    assertThat(verify(token("RS256", "key-1", claims(AUDIENCE, T + 300).put("nbf", T + 29), signer.getPrivate())))
        .isNotNull();
  }

  private JsonObject verify(String token) {
    TokenRules.Compact jwt = TokenRules.Compact.of(token);
    TokenRules.Header header = TokenRules.header(jwt);
    return rules.verify(jwt, header, header.kid() == null ? null : keys.get(header.kid()), ISSUER, AUDIENCE);
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason,
                                    String says) {
    assertThatThrownBy(call).isInstanceOfSatisfying(TokenRules.Refused.class, refused -> {
      assertThat(refused.reason()).isEqualTo(reason);
      assertThat(refused.getMessage()).contains(says);
    });
  }

  private static JsonObject claims(Object aud, long exp) {
    return new JsonObject().put("iss", ISSUER).put("sub", "anna").put("aud", aud).put("iat", T - 60).put("exp", exp);
  }

  private static String token(String alg, String kid, JsonObject claims, PrivateKey key) {
    JsonObject header = new JsonObject().put("alg", alg).put("typ", "JWT");
    if (kid != null) {
      header.put("kid", kid);
    }
    String signed = b64(header.encode()) + "." + b64(claims.encode());
    try {
      Signature signature = Signature.getInstance(switch (alg) {
        case "RS384" -> "SHA384withRSA";
        case "RS512" -> "SHA512withRSA";
        default -> "SHA256withRSA";
      });
      signature.initSign(key);
      signature.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hmac(String header, String payload, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String signed = b64(header) + "." + payload;
      return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
          mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject jwk(String kid, String alg, KeyPair pair) {
    RSAPublicKey key = (RSAPublicKey) pair.getPublic();
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig")
        .put("n", unsigned(key.getModulus())).put("e", unsigned(key.getPublicExponent()));
    return alg == null ? jwk : jwk.put("alg", alg);
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
