package io.bfg.console.model;

import java.util.List;

/**
 * A gate group: checks that together prove one readiness gate. While not READY its decision reads
 * {@code BLOCKED_PENDING_<token of the first unmet dependency>}, or its own token when only its
 * own checks are missing; {@code blockedToken} replaces that token for groups whose blockers are
 * reported jointly. {@code action} and {@code reason} word the recommendation when the next action
 * lies in this group. {@code aliases} are other words for it (for the copilot).
 */
public record GroupDef(String id, boolean gate, String token, String owner, Label label, Label title,
                       Label description, List<String> dependsOn, String readyCode, String blockedToken,
                       Label action, Label reason, List<CheckDef> checks, Aliases aliases) {

  public GroupDef {
    aliases = aliases == null ? Aliases.NONE : aliases;
  }
}
