package io.bfg.console.model;

import java.util.Locale;
import java.util.Optional;

/** The languages every label of a scenario carries. */
public enum Lang {
  EN, PL;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code en}/{@code pl} (any case); empty for anything else. */
  public static Optional<Lang> parse(String code) {
    if (code == null) {
      return Optional.empty();
    }
    return switch (code.toLowerCase(Locale.ROOT)) {
      case "en" -> Optional.of(EN);
      case "pl" -> Optional.of(PL);
      default -> Optional.empty();
    };
  }
}
