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

  /**
   * Each step's name in English and Polish: a pipeline check whose scenario label is not translated
   * (the same words in both) is named by its step in Polish.
   */
  public static final Map<String, Label> STEP_NAMES = Map.ofEntries(
      Map.entry("endpoint-reachability", new Label("Endpoint reachability", "Osiągalność endpointu")),
      Map.entry("tls-fingerprint", new Label("TLS fingerprint", "Odcisk certyfikatu TLS")),
      Map.entry("rbac-session", new Label("RBAC session", "Sesja RBAC")),
      Map.entry("write-probe", new Label("Write probe", "Próba zapisu")),
      Map.entry("snapshot-export", new Label("Snapshot export", "Eksport snapshotu")),
      Map.entry("schema-map", new Label("Schema map validation", "Walidacja mapy schematu")),
      Map.entry("rbac-claims", new Label("RBAC claims rehearsal", "Próba RBAC claims")),
      Map.entry("adapter-replay", new Label("Adapter replay", "Replay adaptera")),
      Map.entry("rollback-checkpoint", new Label("Rollback checkpoint", "Checkpoint rollbacku")),
      Map.entry("discovery", new Label("OIDC discovery", "Discovery OIDC")),
      Map.entry("jwks", new Label("Signing keys", "Klucze podpisu")),
      Map.entry("client-token", new Label("Client-credentials token", "Token client credentials")),
      Map.entry("roles-mapped", new Label("Roles mapped to claims", "Role zmapowane na claimy")));

  /** Whether {@code pipeline} runs against the target PostgreSQL (the identity check never touches it). */
  public static boolean againstTarget(String pipeline) {
    return !IDENTITY.equals(pipeline);
  }

  private Pipelines() {
  }
}
