package io.bfg.console.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Polish tax identifiers the finance data must get right: the NIP (10 digits, the last one a
 * mod-11 check digit) and the KSeF number ({@code NIP-YYYYMMDD-XXXXXXXXXXXX-CC}, 35 characters,
 * CC a CRC-8 over the first 32) that KSeF assigns to every accepted e-invoice.
 */
public final class PolishTaxIds {

  private static final int[] NIP_WEIGHTS = {6, 5, 7, 2, 3, 4, 5, 6, 7};
  private static final Pattern NIP = Pattern.compile("\\d{10}");
  private static final Pattern KSEF = Pattern.compile("\\d{10}-\\d{8}-[0-9A-F]{12}-[0-9A-F]{2}");

  private PolishTaxIds() {
  }

  /** The check digit for the first nine digits, or -1 when they admit none (sum mod 11 == 10). */
  public static int nipCheckDigit(String firstNine) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (firstNine.charAt(i) - '0') * NIP_WEIGHTS[i];
    }
    int check = sum % 11;
    return check == 10 ? -1 : check;
  }

  public static boolean isValidNip(String nip) {
    return nip != null && NIP.matcher(nip).matches()
        && nipCheckDigit(nip) == nip.charAt(9) - '0';
  }

  /** A KSeF number for seller {@code nip}, acceptance date {@code yyyymmdd} and 12 hex digits. */
  public static String ksefNumber(String nip, String yyyymmdd, String technicalHex) {
    String data = nip + "-" + yyyymmdd + "-" + technicalHex.toUpperCase(Locale.ROOT);
    return data + "-" + crc8Hex(data);
  }

  public static boolean isValidKsefNumber(String number) {
    return number != null && KSEF.matcher(number).matches()
        && isValidNip(number.substring(0, 10))
        && crc8Hex(number.substring(0, 32)).equals(number.substring(33));
  }

  /** CRC-8 as KSeF specifies it: polynomial 0x07, initial value 0x00, two upper-case hex digits. */
  static String crc8Hex(String data) {
    int crc = 0;
    for (byte b : data.getBytes(StandardCharsets.US_ASCII)) {
      crc ^= b & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
      }
    }
    return String.format(Locale.ROOT, "%02X", crc);
  }

  /** A random valid NIP: nine random digits (no leading zero) and the matching check digit. */
  public static String randomNip(SplittableRandom rng) {
    while (true) {
      StringBuilder digits = new StringBuilder().append(1 + rng.nextInt(9));
      for (int i = 1; i < 9; i++) {
        digits.append(rng.nextInt(10));
      }
      int check = nipCheckDigit(digits.toString());
      if (check >= 0) {
        return digits.append(check).toString();
      }
    }
  }
}
