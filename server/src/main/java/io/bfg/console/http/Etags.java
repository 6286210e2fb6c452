package io.bfg.console.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Strong ETags from content, and If-None-Match as RFC 9110 reads it: the one place both are done. */
final class Etags {

  private Etags() {
  }

  /** A quoted tag from the bytes' SHA-256 (128 bits of it) and an optional suffix naming the coding. */
  static String of(byte[] bytes, String suffix) {
    String hash = HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, 32);
    return "\"" + hash + (suffix == null ? "" : "-" + suffix) + "\"";
  }

  /** If-None-Match (a list, or *) names this ETag; the comparison is weak, as it must be for If-None-Match. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
