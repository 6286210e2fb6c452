package io.bfg.console.auth;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals a cookie's value with AES-256-GCM so only a console holding the key can read it or make one:
 * {@code v1.<base64url(iv || ciphertext || tag)>}, a fresh 96-bit IV per seal, and the cookie's name bound
 * as additional data, so a value sealed for one cookie (the login transaction) never opens as another
 * (the session). The version prefix leaves room to change the format without misreading old cookies.
 */
public final class CookieSeal {

  /** AES-256: the key is exactly this many bytes. */
  public static final int KEY_BYTES = 32;
  private static final String VERSION = "v1.";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  /** Browsers keep at most about 4 KB per cookie; anything longer was not sealed by us. */
  private static final int MAX_SEALED_CHARS = 4096;

  private final SecretKey key;
  private final SecureRandom random;

  public CookieSeal(byte[] key, SecureRandom random) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("a cookie key is " + KEY_BYTES + " bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.random = random;
  }

  public String seal(String cookieName, byte[] plaintext) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, cookieName);
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /** The plaintext, or null when the value was not sealed for {@code cookieName} with this key, or was altered. */
  public byte[] open(String cookieName, String sealed) {
    if (sealed == null || sealed.length() > MAX_SEALED_CHARS || !sealed.startsWith(VERSION)) {
      return null;
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (raw.length < IV_BYTES + TAG_BITS / 8) {
      return null;
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(raw, IV_BYTES), cookieName);
      return cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  private Cipher cipher(int mode, byte[] iv, String cookieName) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(cookieName.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
