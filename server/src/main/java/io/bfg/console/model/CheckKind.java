package io.bfg.console.model;

import java.util.Locale;
import java.util.Optional;

/** How a check becomes READY. */
public enum CheckKind {
  /** Its owner signs it off; the sign-off records the hash of the evidence accepted. */
  OWNER_ACCEPTANCE("owner-acceptance"),
  /** A step of a pipeline run against the target passed. */
  PIPELINE("pipeline"),
  /** Follows from other checks, gates or facts of the scenario and runtime. */
  DERIVED("derived"),
  /** Its owner chooses one of the declared options. */
  DECISION("decision");

  private final String wire;

  CheckKind(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<CheckKind> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.toLowerCase(Locale.ROOT);
    for (CheckKind kind : values()) {
      if (kind.wire.equals(wanted)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
