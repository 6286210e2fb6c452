package io.bfg.console.pipeline;

import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TlsProbe;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;

/** Turns whatever stopped a step into one sentence a person can act on, with no secret in it. */
final class Failures {

  /** What an operator should do about the SQLSTATEs a rehearsal meets most. */
  private static final Map<String, String> HINTS = Map.of(
      "28P01", "check the password in CONSOLE_TARGET_PG_URL",
      "28000", "the server's pg_hba.conf does not let this role log in from here",
      "3D000", "create the database or fix its name in CONSOLE_TARGET_PG_URL",
      "42501", "the role lacks a privilege the runbook needs",
      "57P01", "the server terminated the session (pg_terminate_backend or a shutdown); the target discards "
          + "the open transaction",
      "57014", "a statement ran past CONSOLE_TARGET_STATEMENT_TIMEOUT_MS",
      "55P03", "a lock was held by another session past the lock timeout");

  private Failures() {
  }

  static String describe(Throwable failure, TargetEndpoint endpoint) {
    String text = plain(failure, endpoint);
    return endpoint == null ? text : endpoint.scrub(text);
  }

  private static String plain(Throwable failure, TargetEndpoint endpoint) {
    String where = endpoint == null ? "the target" : endpoint.host() + ":" + endpoint.port();
    if (failure instanceof StepFailed || failure instanceof TlsProbe.TlsRefused) {
      return failure.getMessage();
    }
    if (failure instanceof PgException pg) {
      String hint = HINTS.get(pg.getSqlState());
      return "PostgreSQL refused: " + pg.getErrorMessage() + " (SQLSTATE " + pg.getSqlState() + ")"
          + (pg.getDetail() == null ? "" : "; " + pg.getDetail()) + (hint == null ? "" : "; " + hint);
    }
    if (failure instanceof ClosedConnectionException) {
      return "the connection to " + where + " closed mid-step (terminated by the server or the network); "
          + "the target discards the open transaction";
    }
    if (failure instanceof ConnectException) {
      return "cannot reach " + where + ": " + failure.getMessage();
    }
    if (failure instanceof UnknownHostException) {
      return "cannot resolve the target host " + (endpoint == null ? "" : endpoint.host());
    }
    String message = failure.getMessage();
    if (message != null && message.toLowerCase().contains("ssl")) {
      return "the TLS session with " + where + " failed: " + message;
    }
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
