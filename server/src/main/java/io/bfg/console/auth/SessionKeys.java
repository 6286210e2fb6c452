package io.bfg.console.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the session cookies' key comes from, in this order: CONSOLE_SESSION_KEY (several instances must
 * share one), else derived from CONSOLE_OIDC_CLIENT_SECRET (instances of one client share it already),
 * else a random key generated once into {@code <data dir>/session.key}, which only one instance reads.
 */
public final class SessionKeys {

  public static final String KEY_FILE = "session.key";
  /** HKDF's info: a key derived for anything else from the same secret differs from this one. */
  static final String HKDF_INFO = "integration-console session v1";

  private SessionKeys() {
  }

  /** A key written as base64 of 32 bytes, or why it cannot be one. */
  static byte[] parse(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not base64 (make one with: openssl rand -base64 32)");
    }
    if (key.length != CookieSeal.KEY_BYTES) {
      throw new IllegalArgumentException("decodes to " + key.length + " bytes, not " + CookieSeal.KEY_BYTES
          + " (make one with: openssl rand -base64 32)");
    }
    return key;
  }

  /** HKDF-SHA256 (RFC 5869) of the client secret, no salt, {@link #HKDF_INFO} as info, 32 bytes. */
  public static byte[] derive(String clientSecret) {
    try {
      Mac extract = Mac.getInstance("HmacSHA256");
      extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
      byte[] prk = extract.doFinal(clientSecret.getBytes(StandardCharsets.UTF_8));
      Mac expand = Mac.getInstance("HmacSHA256");
      expand.init(new SecretKeySpec(prk, "HmacSHA256"));
      expand.update(HKDF_INFO.getBytes(StandardCharsets.UTF_8));
      expand.update((byte) 1);
      return expand.doFinal(); // one HMAC-SHA256 block is the 32 bytes wanted
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /**
   * The key in {@code <dataDir>/session.key}, made (random, owner-only 0600) on first use. Blocking: call
   * it off the event loop.
   */
  public static byte[] fromFile(Path dataDir, SecureRandom random) throws IOException {
    Path file = dataDir.resolve(KEY_FILE);
    if (!Files.exists(file)) {
      Files.createDirectories(dataDir);
      byte[] key = new byte[CookieSeal.KEY_BYTES];
      random.nextBytes(key);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, Base64.getEncoder().encode(key), StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        return key;
      } catch (FileAlreadyExistsException raced) {
        // another process made it first: use that one
      }
    }
    try {
      return parse(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " " + e.getMessage() + "; delete it to have a new one made (every browser "
          + "will have to sign in again)");
    }
  }

  /**
   * The key by the order above; {@code configured} (CONSOLE_SESSION_KEY's bytes, which AppConfig checked) and
   * {@code clientSecret} may be null. Blocking (the file).
   */
  public static byte[] resolve(byte[] configured, String clientSecret, Path dataDir, SecureRandom random)
      throws IOException {
    if (configured != null) {
      return configured.clone();
    }
    if (clientSecret != null && !clientSecret.isEmpty()) {
      return derive(clientSecret);
    }
    return fromFile(dataDir, random);
  }
}
