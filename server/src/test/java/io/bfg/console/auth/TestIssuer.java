package io.bfg.console.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenID Connect provider for the tests: mock-oauth2-server in-process, with a signing key the
 * test can rotate (the provider then publishes only the new key, as an issuer rotating for real does)
 * and a count of the JWKS requests it served.
 */
public final class TestIssuer implements AutoCloseable {

  public static final String ISSUER_ID = "bfg";
  public static final String CLIENT_ID = "integration-console";
  public static final String SECRET = "test-secret-never-printed";

  private final RotatingKeys keys = new RotatingKeys();
  private final MockOAuth2Server server =
      new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys)));
  private int jwksRequests;

  /** Keys signed with {@link #current}; a rotation replaces it, the old one is no longer published. */
  static final class RotatingKeys extends KeyProvider {
    volatile JWK current = newKey("key-1");

    @Override
    public JWK signingKey(String issuerId) {
      return current;
    }

    static JWK newKey(String kid) {
      try {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static TestIssuer start() {
    TestIssuer issuer = new TestIssuer();
    issuer.server.start();
    return issuer;
  }

  /** On a fixed port (a console may be told the issuer before the issuer runs). */
  public static TestIssuer startOn(int port) {
    TestIssuer issuer = new TestIssuer();
    issuer.server.start(port);
    return issuer;
  }

  public String issuer() {
    return issuer(ISSUER_ID);
  }

  public String issuer(String issuerId) {
    return server.issuerUrl(issuerId).toString().replaceAll("/+$", "");
  }

  /** The console's environment for oidc mode against this issuer. */
  public Map<String, String> consoleEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("CONSOLE_AUTH", "oidc");
    env.put("CONSOLE_OIDC_ISSUER", issuer());
    env.put("CONSOLE_OIDC_CLIENT_ID", CLIENT_ID);
    env.put("CONSOLE_OIDC_CLIENT_SECRET", SECRET);
    return env;
  }

  /** A token for {@code subject}, for the console's audience, valid for an hour. */
  public String token(String subject) {
    return token(ISSUER_ID, subject, CLIENT_ID, Map.of(), 3600);
  }

  public String token(String issuerId, String subject, String audience, Map<String, Object> claims,
                      long expirySeconds) {
    return server.issueToken(issuerId, "test-client", new DefaultOAuth2TokenCallback(issuerId, subject, "JWT",
        List.of(audience), claims, expirySeconds)).serialize();
  }

  /** Publishes a new signing key instead of the old one; tokens minted from now on carry its kid. */
  public void rotateKey(String kid) {
    keys.current = RotatingKeys.newKey(kid);
  }

  /** JWKS requests served since the last call (every recorded request is consumed). */
  public int takeJwksRequests() {
    while (true) {
      RecordedRequest request;
      try {
        request = server.takeRequest(10, TimeUnit.MILLISECONDS);
      } catch (RuntimeException none) {
        // mock-oauth2-server throws once the queue is empty
        break;
      }
      if (request.getPath() != null && request.getPath().contains("/jwks")) {
        jwksRequests++;
      }
    }
    int counted = jwksRequests;
    jwksRequests = 0;
    return counted;
  }

  @Override
  public void close() {
    server.shutdown();
  }

  /** The same payload with {@code sub} changed, keeping the original signature. */
  public static String tampered(String token, String subject) {
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    io.vertx.core.json.JsonObject claims = new io.vertx.core.json.JsonObject(payload).put("sub", subject);
    return parts[0] + "." + b64(claims.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
  }

  /** The same payload, unsigned ({@code alg: none}). */
  public static String unsigned(String token) {
    String[] parts = token.split("\\.");
    return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
  }

  /** The same payload signed HS256 with {@code secret}: what a client holding the secret could forge. */
  public static String hmac(String token, String secret) {
    try {
      String[] parts = token.split("\\.");
      String head = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return head + "." + parts[1] + "." + b64(mac.doFinal((head + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
