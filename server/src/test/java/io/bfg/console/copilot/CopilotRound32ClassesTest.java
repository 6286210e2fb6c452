package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round thirty-two asked an opera box office near GO (`bialystok-opera`, written blind for it) and a small dental
 * clinic scenario early on, replayed here from their real journals. Read now: a request to act that names a provider
 * with its owner beside it is still refused; the run that passed, when a later one failed (its fingerprint, its
 * server's version, who ran it and when, where it pointed); a derived check says nobody ticks it off and what it rests
 * on; a gate named by one word beside "gate" in a small scenario; "who else besides me can change X" is X's owner's
 * alone; a pipeline step named by its own id asks what its run found (not the snapshot's rows, not the gates counted),
 * and the step asked is said by its name. Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 32: the run that passed, a derived check nobody ticks off, a step by its id")
class CopilotRound32ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "opera", CopilotFixture.replayed("opera", "bialystok-opera-32.ndjson"),
      "clinic", CopilotFixture.replayed("clinic", "clinic-launch-32.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round thirty-two's classes")
  @CsvSource(delimiter = '|', value = {
      "opera|tlis|zaakceptuj paragony fiskalne zamiast Roberta|pl|^Jestem tylko do odczytu",
      "clinic|u_piotr|whats the cert fingerprint from the run that passed|en|FAILED at .*The last run that passed, "
          + "run-connection-\\w+, was started by Ewa Lindqvist at 2026-12-07T14:56.*SHA-256 74:9C:14:08",
      "clinic|u_piotr|which target did my last run hit vs the one that passed|en|^The last connection run "
          + "run-connection-\\w+, started by Piotr Sobczak, FAILED .*127\\.0\\.0\\.1:15433.*The last run that passed.* "
          + "against postgresql://\\S+@127\\.0\\.0\\.1:36363",
      "clinic|u_ewa|kiedy ostatnio test polaczenia byl zielony i kto go puscil|pl|Ostatni udany przebieg, "
          + "run-connection-\\w+ \\(uruchomienie: Ewa Lindqvist, 2026-12-07T14:56",
      "clinic|u_piotr|jaka wersja postgresa odpowiedziala w udanym runie|pl|Ostatni udany przebieg.*PostgreSQL 14\\.22",
      "clinic|u_piotr|what actually makes keys.live go green? can i accept it|en|^Live API keys \\[keys\\.live] is "
          + "REVIEW.* Nobody signs it off or runs it by hand: it is derived.*What it rests on: Reviewed keys reach the "
          + "console from outside the workspace\\.",
      "clinic|u_ewa|kto ma dac klucze live i czy moge to sama odhaczyc?|pl|^Klucze API live \\[keys\\.live]: "
          + "właściciel Piotr Sobczak.*Nikt tego nie akceptuje ani nie uruchamia ręcznie",
      "clinic|u_piotr|who's the owner of the network gate and what's its code rn|en|^Piotr Sobczak owns \"Clinic "
          + "network link is recorded\" \\[clinic-network].*BLOCKED_PENDING_CLINIC_NETWORK",
      "clinic|u_ewa|who else besides me can change the retention decision|en|^Ewa Lindqvist \\(Operations lead\\) "
          + "owns Retention period \\[vault\\.retention].*Only its owner, Ewa Lindqvist, may sign it off or record it",
      "opera|tlis|rbac-claims - can another tenant see our rows?|en|- RBAC claims rehearsal \\[rehearsal\\.isolation]: "
          + "PASSED, \".*a session for another tenant sees 0 rows",
      "opera|tlis|ktory krok dry-runa sprawdza izolacje tenantow i czy przeszedl|pl|- Próba RBAC claims "
          + "\\[rehearsal\\.isolation]: PASSED \\(zaliczony\\)",
      "opera|tlis|ile statementow poszlo w schema-map|pl|- Walidacja mapy schematu \\[rehearsal\\.schema]: PASSED "
          + "\\(zaliczony\\), \"wykonano pakiet runbooka \\(instrukcje: 42\\)"})
  void roundThirtyTwo(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }
}
