package io.bfg.console.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The check-character algorithms a {@code format} generator may append (see scenarios/README.md):
 * a weighted mod-11 digit over a run of digits, and a CRC-8 over the text's bytes.
 */
final class CheckDigits {

  private CheckDigits() {
  }

  /**
   * The weighted sum of {@code digits} modulo 11, or -1 when that is 10 and no single digit can
   * stand for it (the value must then be drawn again).
   */
  static int mod11(String digits, List<Integer> weights) {
    if (digits.length() != weights.size() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("a mod11 check needs exactly " + weights.size()
          + " digits (one per weight), got '" + digits + "'");
    }
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      sum += (digits.charAt(i) - '0') * weights.get(i);
    }
    int check = sum % 11;
    return check == 10 ? -1 : check;
  }

  /** CRC-8 (MSB first, no reflection, no final XOR) over the UTF-8 bytes of {@code text}, as two upper-case hex digits. */
  static String crc8(String text, int polynomial, int init) {
    int crc = init & 0xFF;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      crc ^= b & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x80) != 0 ? ((crc << 1) ^ polynomial) & 0xFF : (crc << 1) & 0xFF;
      }
    }
    return String.format(Locale.ROOT, "%02X", crc);
  }
}
