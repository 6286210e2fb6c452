package io.bfg.console.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * One sign-in between {@code /auth/login} and {@code /auth/callback}: the {@code state} the provider echoes,
 * the {@code nonce} the ID token must carry, the PKCE verifier whose S256 challenge went to the provider,
 * and where to go afterwards. It travels sealed in the {@code console_login} cookie rather than in memory,
 * so the callback may land on another instance.
 */
public record LoginTransaction(String state, String nonce, String verifier, String returnPath, Instant expiresAt) {

  public static final String COOKIE = "console_login";
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  /** A new transaction; a verifier of 32 random bytes is 43 base64url characters (RFC 7636 asks 43 to 128). */
  public static LoginTransaction start(String returnPath, Instant now, SecureRandom random) {
    return new LoginTransaction(randomText(random, 16), randomText(random, 16), randomText(random, 32),
        safeReturnPath(returnPath), now.plus(LIFETIME));
  }

  /** The PKCE S256 challenge: base64url(SHA-256(verifier)). */
  public String challenge() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /**
   * Only a path on this console: it starts with one "/" (not "//" or "/\", which browsers read as another
   * host), has no control characters, and loses any fragment; anything else is "/".
   */
  public static String safeReturnPath(String requested) {
    if (requested == null) {
      return "/";
    }
    int hash = requested.indexOf('#');
    String path = hash < 0 ? requested : requested.substring(0, hash);
    if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\") || path.length() > 2048) {
      return "/";
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x21 || c == 0x7f || c == '\\') {
        return "/";
      }
    }
    return path;
  }

  public String seal(CookieSeal seal) {
    JsonObject json = new JsonObject().put("state", state).put("nonce", nonce).put("verifier", verifier)
        .put("return", returnPath).put("exp", expiresAt.getEpochSecond());
    return seal.seal(COOKIE, json.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** The transaction a {@code console_login} value holds, or null when this console's key did not seal it. */
  public static LoginTransaction open(CookieSeal seal, String sealed) {
    byte[] plain = seal.open(COOKIE, sealed);
    if (plain == null) {
      return null;
    }
    try {
      JsonObject json = new JsonObject(new String(plain, StandardCharsets.UTF_8));
      LoginTransaction tx = new LoginTransaction(json.getString("state"), json.getString("nonce"),
          json.getString("verifier"), safeReturnPath(json.getString("return")),
          Instant.ofEpochSecond(json.getLong("exp")));
      return tx.state() == null || tx.nonce() == null || tx.verifier() == null ? null : tx;
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      return null;
    }
  }

  private static String randomText(SecureRandom random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return URL.encodeToString(value);
  }
}
