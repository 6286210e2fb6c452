package io.bfg.console.model;

import java.util.List;
import java.util.Map;

/**
 * The pipelines the console runs and their steps, in run order: the connection check and the dry-run
 * against the target PostgreSQL, the identity check against the configured OIDC issuer.
 */
public final class Pipelines {

  public static final String CONNECTION = "connection";
  public static final String DRY_RUN = "dry-run";
  public static final String IDENTITY = "identity";

  public static final Map<String, List<String>> STEPS = Map.of(
      CONNECTION, List.of("endpoint-reachability", "tls-fingerprint", "rbac-session", "write-probe"),
      DRY_RUN, List.of("snapshot-export", "schema-map", "rbac-claims", "adapter-replay", "rollback-checkpoint"),
      IDENTITY, List.of("discovery", "jwks", "client-token", "roles-mapped"));

  /** Whether {@code pipeline} runs against the target PostgreSQL (the identity check never touches it). */
  public static boolean againstTarget(String pipeline) {
    return !IDENTITY.equals(pipeline);
  }

  private Pipelines() {
  }
}
