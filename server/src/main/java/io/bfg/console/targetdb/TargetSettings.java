package io.bfg.console.targetdb;

/**
 * How the console reaches the adapter database.
 *
 * @param external           the CONSOLE_TARGET_PG_URL endpoint, or null for the embedded local-demo target
 * @param connectTimeoutMs   how long reaching and logging in to the target may take before a step fails
 * @param statementTimeoutMs the server-side limit on each statement (and the client's wait for it)
 * @param runtimeRole        the non-owning role the application runs as; the dry-run proves tenant
 *                           isolation under it with {@code SET ROLE}
 */
public record TargetSettings(TargetEndpoint external, int connectTimeoutMs, int statementTimeoutMs,
                             String runtimeRole) {

  public static final String DEFAULT_RUNTIME_ROLE = "bfg_runtime";

  public boolean embedded() {
    return external == null;
  }

  @Override
  public String toString() {
    return "TargetSettings[" + (external == null ? "embedded" : external.redacted()) + ", connectTimeoutMs="
        + connectTimeoutMs + ", statementTimeoutMs=" + statementTimeoutMs + ", runtimeRole=" + runtimeRole + "]";
  }
}
