package io.bfg.console.model;

import java.util.List;
import java.util.Map;

/** The pipelines the console runs against the target and their steps, in run order. */
public final class Pipelines {

  public static final String CONNECTION = "connection";
  public static final String DRY_RUN = "dry-run";

  public static final Map<String, List<String>> STEPS = Map.of(
      CONNECTION, List.of("endpoint-reachability", "tls-fingerprint", "rbac-session", "write-probe"),
      DRY_RUN, List.of("snapshot-export", "schema-map", "rbac-claims", "adapter-replay", "rollback-checkpoint"));

  private Pipelines() {
  }
}
