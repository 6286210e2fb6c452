package io.bfg.console.store;

import io.bfg.console.model.DatabaseNames;
import io.bfg.console.targetdb.EmbeddedTarget;
import io.bfg.console.targetdb.TargetEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The store {@code CONSOLE_STORE} names, opened (not loaded): the file-local journal, or the
 * PostgreSQL store on {@code CONSOLE_STORE_PG_URL}, or on the embedded store-pg the console starts
 * under {@code <data dir>/store-pg} when no URL is given (first start: initdb, seconds, on a worker
 * thread).
 *
 * <p>Roles from one URL: its user is the store's owner and migrates the schema; the console logs in
 * as that user only, and every transaction switches to the login-less {@link #RUNTIME_ROLE}
 * ({@code SET LOCAL ROLE}), which is neither owner, superuser nor BYPASSRLS, so the journal's forced
 * row-level security applies to every statement the console runs. Chosen over a second login with
 * a password the console would generate: there is no secret to keep in the database, rotate or
 * allow in pg_hba.conf, and consoles on other databases of the same server can share the role.
 */
public final class StoreProvider {

  /** The role every statement of the PostgreSQL store runs as (created by the store when missing). */
  public static final String RUNTIME_ROLE = "console_store_runtime";
  /** The embedded store-pg's database and owner. */
  static final DatabaseNames EMBEDDED = new DatabaseNames("console_store", "console_store_owner", RUNTIME_ROLE);
  /** Logging in, and each statement, must finish within these; past them the store is unavailable. */
  static final int CONNECT_TIMEOUT_MS = 3_000;
  static final int STATEMENT_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final StoreConfig config;
  private final EmbeddedTarget embedded;

  public StoreProvider(Vertx vertx, StoreConfig config, Path dataDir) {
    this.vertx = vertx;
    this.config = config;
    this.embedded = config.postgres() && config.url() == null
        ? EmbeddedTarget.storeOf(dataDir, EMBEDDED, RUNTIME_ROLE) : null;
  }

  /** The scenario's store, ready for {@code load()}; {@code journal} is the file store's. */
  public Future<ScenarioStore> open(String scenarioId, Path journal) {
    if (!config.postgres()) {
      return Future.succeededFuture(new FileLocalStore(vertx, journal, Clock.systemUTC()));
    }
    Future<TargetEndpoint> owner = embedded == null ? Future.succeededFuture(config.url())
        : vertx.executeBlocking(embedded::start, false);
    return owner.map(endpoint -> new PgScenarioStore(vertx, PgStoreSettings.fromOwner(endpoint, RUNTIME_ROLE,
        CONNECT_TIMEOUT_MS, STATEMENT_TIMEOUT_MS), scenarioId, Clock.systemUTC()));
  }

  /** Where the journal is, for the start-up line (no password). */
  public String describe(Path journal) {
    if (!config.postgres()) {
      return journal.toString();
    }
    return config.url() != null ? config.url().redacted() : "embedded PostgreSQL under store-pg/";
  }

  /** Stops the embedded store-pg if it was started; blocking. */
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        System.getLogger(StoreProvider.class.getName()).log(System.Logger.Level.WARNING,
            "the embedded store PostgreSQL did not stop cleanly: " + e.getMessage());
      }
    }
  }
}
