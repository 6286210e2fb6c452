package io.bfg.console.store;

import io.bfg.console.targetdb.TargetEndpoint;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Where the shared store's PostgreSQL is and how the console logs in to it: as {@code owner} only
 * to create and migrate the schema (a short session at {@code load}), as {@code runtime} for
 * everything else. The runtime role must be another role than the owner, and neither superuser
 * nor BYPASSRLS: the journal's row-level security then holds for every query the console makes.
 *
 * @param connectTimeoutMs   logging in must finish within this
 * @param statementTimeoutMs every statement must finish within this (the server's
 *                           {@code statement_timeout}, and a guard on our side for a silent server)
 */
public record PgStoreSettings(TargetEndpoint owner, TargetEndpoint runtime, int connectTimeoutMs,
                              int statementTimeoutMs) {

  public PgStoreSettings {
    if (owner.user().equals(runtime.user())) {
      throw new IllegalArgumentException("the store's runtime role must not be its owner (" + owner.user()
          + "): the owner could switch the journal's row-level security off");
    }
    if (connectTimeoutMs <= 0 || statementTimeoutMs <= 0) {
      throw new IllegalArgumentException("the store's time limits must be positive");
    }
  }

  /**
   * The Pg client's options for {@code endpoint} with the store's time limits. The server applies
   * them from the start of the session (startup parameters), so no statement can outlive them.
   */
  PgConnectOptions connectOptions(TargetEndpoint endpoint, String purpose) {
    PgConnectOptions options = endpoint.connectOptions("integration-console " + purpose);
    options.addProperty("statement_timeout", String.valueOf(statementTimeoutMs));
    options.addProperty("lock_timeout", String.valueOf(statementTimeoutMs));
    // a transaction left open by a console that hung must not hold its row locks for ever
    options.addProperty("idle_in_transaction_session_timeout", String.valueOf(statementTimeoutMs * 2));
    return options;
  }

  /** How long one store operation may take before it is given up as unavailable. */
  long operationLimitMs() {
    return connectTimeoutMs + 2L * statementTimeoutMs + 2_000L;
  }
}
