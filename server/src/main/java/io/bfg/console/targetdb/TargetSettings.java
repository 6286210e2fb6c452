package io.bfg.console.targetdb;

/**
 * How the console reaches the adapter database.
 *
 * @param external           the CONSOLE_TARGET_PG_URL endpoint, or null for the embedded local-demo target
 * @param connectTimeoutMs   how long reaching and logging in to the target may take before a step fails
 * @param statementTimeoutMs the server-side limit on each statement (and the client's wait for it)
 * @param runtimeRole        the non-owning role the application runs as; the dry-run proves tenant
 *                           isolation under it with {@code SET ROLE}. Null until the scenario's
 *                           declared one fills it in ({@link #orRuntimeRole}).
 */
public record TargetSettings(TargetEndpoint external, int connectTimeoutMs, int statementTimeoutMs,
                             String runtimeRole) {

  public boolean embedded() {
    return external == null;
  }

  /** These settings, with {@code declared} as the runtime role unless one was configured. */
  public TargetSettings orRuntimeRole(String declared) {
    return runtimeRole != null ? this : new TargetSettings(external, connectTimeoutMs, statementTimeoutMs, declared);
  }

  @Override
  public String toString() {
    return "TargetSettings[" + (external == null ? "embedded" : external.redacted()) + ", connectTimeoutMs="
        + connectTimeoutMs + ", statementTimeoutMs=" + statementTimeoutMs + ", runtimeRole=" + runtimeRole + "]";
  }
}
