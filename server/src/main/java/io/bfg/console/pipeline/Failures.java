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
    return scrubbed(reason(failure, endpoint).en(), endpoint);
  }

  /**
   * The same in Polish where the console words it itself (the target's and the JDK's own messages are kept as they
   * came); null where the words are a step's verdict or a message of unknown shape, which stay in English.
   */
  static String describePl(Throwable failure, TargetEndpoint endpoint) {
    return scrubbed(reason(failure, endpoint).pl(), endpoint);
  }

  private static String scrubbed(String text, TargetEndpoint endpoint) {
    return text == null || endpoint == null ? text : endpoint.scrub(text);
  }

  /** One reason in English and in Polish (null where only the English is known). */
  private record Reason(String en, String pl) {
  }

  private static Reason reason(Throwable failure, TargetEndpoint endpoint) {
    String where = endpoint == null ? null : endpoint.host() + ":" + endpoint.port();
    if (failure instanceof StepFailed verdict) {
      return new Reason(verdict.getMessage(), verdict.messagePl);
    }
    if (failure instanceof TlsProbe.TlsRefused) {
      return new Reason(failure.getMessage(), null);
    }
    if (failure instanceof PgException pg) {
      String refused = pg.getErrorMessage() + " (SQLSTATE " + pg.getSqlState() + ")"
          + (pg.getDetail() == null ? "" : "; " + pg.getDetail());
      String hint = HINTS.get(pg.getSqlState());
      String hintPl = HINTS_PL.get(pg.getSqlState());
      return new Reason("PostgreSQL refused: " + refused + (hint == null ? "" : "; " + hint),
          "PostgreSQL odmówił: " + refused + (hintPl == null ? "" : "; " + hintPl));
    }
    if (failure instanceof ClosedConnectionException) {
      return new Reason("the connection to " + (where == null ? "the target" : where) + " closed mid-step "
          + "(terminated by the server or the network); the target discards the open transaction",
          "połączenie z " + (where == null ? "celem" : where) + " zostało zamknięte w trakcie kroku (przez serwer "
          + "lub sieć); cel odrzuca otwartą transakcję");
    }
    if (failure instanceof ConnectException) {
      return new Reason("cannot reach " + (where == null ? "the target" : where) + ": " + failure.getMessage(),
          "nie można połączyć się z " + (where == null ? "celem" : where) + ": " + failure.getMessage());
    }
    if (failure instanceof UnknownHostException) {
      String host = endpoint == null ? "" : endpoint.host();
      return new Reason("cannot resolve the target host " + host, "nie można ustalić adresu hosta celu " + host);
    }
    String message = failure.getMessage();
    if (message != null && message.toLowerCase().contains("ssl")) {
      return new Reason("the TLS session with " + (where == null ? "the target" : where) + " failed: " + message,
          null);
    }
    return new Reason(failure.getClass().getSimpleName() + (message == null ? "" : ": " + message), null);
  }
}
