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

  private static final Map<String, String> HINTS_PL = Map.of(
      "28P01", "sprawdź hasło w CONSOLE_TARGET_PG_URL",
      "28000", "pg_hba.conf serwera nie pozwala tej roli logować się stąd",
      "3D000", "utwórz bazę albo popraw jej nazwę w CONSOLE_TARGET_PG_URL",
      "42501", "roli brakuje uprawnienia, którego potrzebuje runbook",
      "57P01", "serwer zakończył sesję (pg_terminate_backend lub wyłączenie); cel odrzuca otwartą transakcję",
      "57014", "instrukcja trwała dłużej niż CONSOLE_TARGET_STATEMENT_TIMEOUT_MS",
      "55P03", "inna sesja trzymała blokadę dłużej niż limit czasu blokady");

  private Failures() {
  }

  static String describe(Throwable failure, TargetEndpoint endpoint) {
    String text = plain(failure, endpoint);
    return endpoint == null ? text : endpoint.scrub(text);
  }

  /**
   * The same in Polish where the console words it itself (the target's and the JDK's own messages are kept as they
   * came); null where the words are a step's verdict or a message of unknown shape, which stay in English.
   */
  static String describePl(Throwable failure, TargetEndpoint endpoint) {
    String text = plainPl(failure, endpoint);
    return text == null || endpoint == null ? text : endpoint.scrub(text);
  }

  private static String plainPl(Throwable failure, TargetEndpoint endpoint) {
    String where = endpoint == null ? "celem" : endpoint.host() + ":" + endpoint.port();
    if (failure instanceof StepFailed || failure instanceof TlsProbe.TlsRefused) {
      return null;
    }
    if (failure instanceof PgException pg) {
      String hint = HINTS_PL.get(pg.getSqlState());
      return "PostgreSQL odmówił: " + pg.getErrorMessage() + " (SQLSTATE " + pg.getSqlState() + ")"
          + (pg.getDetail() == null ? "" : "; " + pg.getDetail()) + (hint == null ? "" : "; " + hint);
    }
    if (failure instanceof ClosedConnectionException) {
      return "połączenie z " + where + " zostało zamknięte w trakcie kroku (przez serwer lub sieć); cel odrzuca "
          + "otwartą transakcję";
    }
    if (failure instanceof ConnectException) {
      return "nie można połączyć się z " + where + ": " + failure.getMessage();
    }
    if (failure instanceof UnknownHostException) {
      return "nie można ustalić adresu hosta celu " + (endpoint == null ? "" : endpoint.host());
    }
    return null;
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
