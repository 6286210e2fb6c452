package io.bfg.console.eval;

import io.bfg.console.model.Label;

/** The few sentences the evaluator writes itself (everything else comes from the scenario). */
final class Texts {

  static final Label WAITING_FOR_OWNER = new Label("Waiting for {owner}", "Czeka na: {owner}");
  static final Label ACCEPTED_BY = new Label("Accepted by {owner} at {at}", "Zaakceptowane przez: {owner}, {at}");
  static final Label DECIDED_BY = new Label("{value} chosen by {owner} at {at}", "{value}: wybór {owner}, {at}");
  static final Label STALE = new Label(
      "Stale: the evidence {owner} accepted at {at} has changed; sign off again",
      "Nieaktualne: dowody zaakceptowane przez: {owner} ({at}) zmieniły się; zaakceptuj ponownie");
  static final Label HELD = new Label(
      "Signed off by {owner}, but \"{blocker}\" is no longer ready",
      "Zaakceptowane przez: {owner}, ale „{blocker}” nie jest już gotowe");
  static final Label WAITING_FOR_PIPELINE = new Label("Waiting for {pipeline}", "Czeka na: {pipeline}");
  static final Label PIPELINE_CONNECTION = new Label("connection check", "kontrola połączenia");
  static final Label PIPELINE_DRY_RUN = new Label("dry-run", "próba migracji (dry-run)");
  static final Label PIPELINE_IDENTITY = new Label("identity check", "kontrola tożsamości");
  static final Label BLOCKED_BY = new Label("Blocked until \"{blocker}\" is ready",
      "Zablokowane do czasu gotowości: „{blocker}”");
  static final Label ROWS = new Label("{n} rows", "Rekordów: {n}");
  static final Label NOT_WRITTEN = new Label("Not written yet", "Jeszcze bez zapisu");
  static final Label RUN_NONE = new Label("not run", "nieuruchomiony");
  static final Label RUN_RUNNING = new Label("running", "w toku");
  static final Label RUN_PASSED = new Label("passed", "zaliczony");
  static final Label RUN_FAILED = new Label("failed", "niezaliczony");
  static final Label RUN_ERRORED = new Label("interrupted by a console error", "przerwany błędem konsoli");
  static final Label CREDENTIALS_SUPPLIED = new Label("supplied", "dostarczone");
  static final Label CREDENTIALS_ABSENT = new Label("not supplied", "brak");
  static final Label ACCEPT = new Label("Accept \"{label}\"", "Zaakceptuj: \"{label}\"");
  static final Label DECIDE = new Label("Decide \"{label}\"", "Podejmij decyzję: \"{label}\"");
  static final Label RUN = new Label("Run the {pipeline}", "Uruchom: {pipeline}");
  static final Label UNACTIONABLE = new Label(
      "\"{label}\" cannot be moved from this console: {description}",
      "„{label}” nie da się zmienić z tej konsoli: {description}");
  /** Why the next step is next when its group says nothing of it: what waits for it, and what it proves. */
  static final Label NEXT_REASON = new Label("\"{gate}\" waits for it. What it proves: {description}",
      "Czeka na nią „{gate}”. Co potwierdza: {description}");
  static final Label ALL_READY = new Label("Production is GO: every gate is ready",
      "Produkcja GO: wszystkie bramki są gotowe");
  static final Label ALL_READY_REASON = new Label("{gates} integration gates are ready for {target}.",
      "Gotowe bramki integracji dla {target}: {gates}.");
  static final Label HEADLINE = new Label("{gates} integration gates are ready for {target}.",
      "Gotowe bramki integracji dla {target}: {gates}.");

  private Texts() {
  }

  /** Replaces {@code {key}} pairs in a short generic sentence. */
  static String fill(String text, String... keysAndValues) {
    String out = text;
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      out = out.replace("{" + keysAndValues[i] + "}", keysAndValues[i + 1] == null ? "" : keysAndValues[i + 1]);
    }
    return out;
  }
}
