package io.bfg.console.targetdb;

import io.bfg.console.model.DatabaseNames;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The target the pipelines run against: the configured one, or the embedded local-demo PostgreSQL,
 * started on first use on a worker thread (its first start runs initdb and takes seconds).
 */
public final class TargetProvider {

  private final Vertx vertx;
  private final TargetSettings settings;
  private final EmbeddedTarget embedded;

  /**
   * {@code database} names what the embedded target creates, and the runtime role unless the
   * settings name one (CONSOLE_TARGET_RUNTIME_ROLE).
   */
  public TargetProvider(Vertx vertx, TargetSettings settings, java.nio.file.Path dataDir, DatabaseNames database) {
    this.vertx = vertx;
    this.settings = settings.orRuntimeRole(database.runtimeRole());
    this.embedded = settings.embedded() ? new EmbeddedTarget(dataDir, database, this.settings.runtimeRole()) : null;
  }

  public TargetSettings settings() {
    return settings;
  }

  /** Whether a run must first start (or create) the embedded target. */
  public boolean embeddedToStart() {
    return embedded != null && !embedded.started();
  }

  public Future<TargetEndpoint> endpoint() {
    if (embedded == null) {
      return Future.succeededFuture(settings.external());
    }
    return vertx.executeBlocking(embedded::start, false);
  }

  /** Stops the embedded target, if one was started; blocking. */
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (java.io.IOException e) {
        System.getLogger(TargetProvider.class.getName()).log(System.Logger.Level.WARNING,
            "the embedded target did not stop cleanly: " + e.getMessage());
      }
    }
  }
}
