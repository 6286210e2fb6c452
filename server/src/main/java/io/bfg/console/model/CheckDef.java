package io.bfg.console.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * One readiness check. {@code dependsOn} lists checks or groups that must be READY before this one
 * can be; for a derived check {@code from} lists what it is derived from and {@code fact} names a
 * fact of the scenario or runtime ({@link Facts}); {@code show} names what its value displays.
 * Texts may hold {@code {ref}} placeholders resolved at evaluation ({@link Template}). {@code action}
 * words the recommendation when this check is the next thing to do (else its group's action, else
 * one from its kind); {@code aliases} are other words for it (for the copilot).
 */
public record CheckDef(String id, CheckKind kind, String owner, Label label, Label description, Label value,
                       List<String> dependsOn, List<String> from, String fact, String show,
                       String pipeline, String step, List<DecisionOption> options,
                       // wording, not evidence: a sign-off's evidence hash (over this record) must not go
                       // stale because an alias or the recommendation's wording was added
                       @JsonIgnore Label action, @JsonIgnore Aliases aliases) {

  public CheckDef {
    aliases = aliases == null ? Aliases.NONE : aliases;
  }

  /** A value an owner may choose for a decision check. */
  public record DecisionOption(String value, Label label) {
  }
}
