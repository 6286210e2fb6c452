package io.bfg.console.pipeline;

import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TargetSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;

import java.util.stream.Collector;

/**
 * One connection to the target with the console's time limits: logging in must finish within the
 * connect timeout, and every statement within the statement timeout (enforced by the server with
 * {@code statement_timeout} and by us, so a target that stops answering altogether cannot hang a
 * run: the connection is closed and the server discards its transaction).
 */
final class TargetSession {

  private final Vertx vertx;
  private final PgConnection connection;
  private final TargetEndpoint endpoint;
  private final int statementTimeoutMs;
  private volatile boolean closed;

  private TargetSession(Vertx vertx, PgConnection connection, TargetEndpoint endpoint, int statementTimeoutMs) {
    this.vertx = vertx;
    this.connection = connection;
    this.endpoint = endpoint;
    this.statementTimeoutMs = statementTimeoutMs;
    connection.closeHandler(ignored -> closed = true);
  }

  static Future<TargetSession> open(Vertx vertx, TargetEndpoint endpoint, TargetSettings settings, String purpose) {
    Promise<PgConnection> connected = Promise.promise();
    long timer = vertx.setTimer(settings.connectTimeoutMs(), id -> connected.tryFail(new StepFailed(
        "no answer from " + endpoint.host() + ":" + endpoint.port() + " within " + settings.connectTimeoutMs()
            + " ms (CONSOLE_TARGET_TIMEOUT_MS): the target is down, unreachable or not accepting logins")));
    PgConnection.connect(vertx, endpoint.connectOptions("integration-console " + purpose)).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded() && !connected.tryComplete(ar.result())) {
        ar.result().close(); // it arrived after we gave up on it
      } else if (ar.failed()) {
        connected.tryFail(ar.cause());
      }
    });
    int statementTimeout = settings.statementTimeoutMs();
    return connected.future().compose(connection -> {
      TargetSession session = new TargetSession(vertx, connection, endpoint, statementTimeout);
      // notices ("policy ... does not exist, skipping" from the idempotent runbook) are not news
      return session.query("set statement_timeout = " + statementTimeout + "; set lock_timeout = " + statementTimeout
              + "; set client_min_messages = warning")
          .map(session)
          .recover(failure -> session.close().transform(ignored -> Future.failedFuture(failure)));
    });
  }

  /** The server process serving this session, as pg_stat_activity shows it. */
  int backendPid() {
    return connection.processId();
  }

  boolean closed() {
    return closed;
  }

  TargetEndpoint endpoint() {
    return endpoint;
  }

  /** A statement (or several, separated by semicolons) over the simple protocol. */
  Future<RowSet<Row>> query(String sql) {
    return guard(connection.query(sql).execute());
  }

  /** One statement with parameters, over the extended protocol (prepared and cached). */
  Future<RowSet<Row>> query(String sql, Tuple parameters) {
    return guard(connection.preparedQuery(sql).execute(parameters));
  }

  /**
   * One statement without parameters over the extended protocol (binary results), its rows handed
   * to {@code collector} on the event loop as they are decoded rather than held as a row set.
   */
  <R> Future<R> collect(String sql, Collector<Row, ?, R> collector) {
    return guard(connection.preparedQuery(sql).collecting(collector).execute(Tuple.tuple())).map(SqlResult::value);
  }

  Future<Transaction> begin() {
    return guard(connection.begin());
  }

  /** Rolls {@code transaction} back within the statement time limit. */
  Future<Void> rollback(Transaction transaction) {
    return guard(transaction.rollback());
  }

  Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    return connection.close().otherwiseEmpty();
  }

  private <T> Future<T> guard(Future<T> work) {
    Promise<T> done = Promise.promise();
    // the server enforces statement_timeout itself; this allowance covers a target that went silent
    long timer = vertx.setTimer(statementTimeoutMs + 2_000L, id -> {
      if (done.tryFail(new StepFailed("the target stopped answering: no reply within " + statementTimeoutMs
          + " ms (CONSOLE_TARGET_STATEMENT_TIMEOUT_MS); the connection was closed and the target discards "
          + "its open transaction"))) {
        close();
      }
    });
    work.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        done.tryComplete(ar.result());
      } else {
        done.tryFail(ar.cause());
      }
    });
    return done.future();
  }
}
