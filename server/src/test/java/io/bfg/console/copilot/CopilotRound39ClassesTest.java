package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round thirty-nine asked a highland cheese cooperative near GO (`podhale-oscypek`, written blind for it) and a chain
 * of gyms half-way (`kuznia-fitness`), replayed here from their real journals, in other words than the round's own.
 * One question ended in the local model's NullPointerException (an intent looked up before any was read): it is
 * answered now. Read now: a what-if that leaves nothing says GO with the gates then; a script asked as "will you
 * write", and a provider's commission, out of scope; a decision code asked beside a packet is the code's meaning, and
 * whether a packet is usable its gate's state; what someone may do in the console at all; how long a whole run took
 * (its steps together). Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 39: no exception before an intent, GO with the gates, a code beside a packet")
class CopilotRound39ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "podhale", CopilotFixture.replayed("podhale", "podhale-oscypek-39.ndjson"),
      "kuznia", CopilotFixture.replayed("kuznia", "kuznia-fitness-39.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round thirty-nine's classes")
  @CsvSource(delimiter = '|', value = {
      // (the question that threw, as asked)
      "kuznia|kgrabowska|jakie sa opcje ponawiania nieudanych obciazen i co wybrala finansowa?|pl|^Ponawianie "
          + "nieudanych obciążeń \\[payments\\.retry-policy] ma status REVIEW \\(do przeglądu\\): nic jeszcze nie "
          + "wybrano",
      "podhale|tbachleda|suppose Krystyna signs off the lab thresholds, what happens to production?|en|^With \"Lab "
          + "thresholds\" \\[pdo\\.lab-thresholds] done, .*Then 7 of 7 integration gates would be ready\\. "
          + "Production would be GO then: it could go live\\.$",
      "podhale|kwojtas|if I sign the lab thresholds today, are we GO?|en|^Yes: with \"Lab thresholds\" "
          + "\\[pdo\\.lab-thresholds] done, production would be GO \\(7/7 integration gates ready\\)",
      "podhale|kwojtas|jak podpiszę progi laboratoryjne, to ruszamy?|pl|^Tak: po zrobieniu \"Progi laboratoryjne\" "
          + "\\[pdo\\.lab-thresholds] produkcja miałaby GO \\(gotowe bramki integracji: 7/7\\)",
      "podhale|tbachleda|napiszesz mi skrypt do kopii zapasowej bazy?|pl|^To jest poza zakresem",
      "kuznia|kgrabowska|what commission does PayU take per transaction?|en|^That is outside what I can answer",
      "kuznia|mzielinska|what does BLOCKED_PENDING_PILOT_WEEKEND mean for the handoff packet?|en|"
          + "^BLOCKED_PENDING_PILOT_WEEKEND means the production path waits for the gate \"The pilot weekend is "
          + "approved\" \\[launch], which is REVIEW at 1/4",
      "kuznia|mzielinska|can we use the release handoff packet yet?|en|^The gate \"The pilot weekend is approved\" "
          + "\\[launch] is REVIEW at 1/4 with BLOCKED_PENDING_PILOT_WEEKEND",
      "kuznia|mzielinska|what can the finance controller actually do in this console?|en|^Katarzyna Grabowska "
          + "\\(Finance Controller\\) can do 3 things now:.*Their permissions: scenario\\.read, checks\\.accept, "
          + "decisions\\.record, payments\\.reconcile\\.",
      "kuznia|kgrabowska|what does it mean when a sign-off is stale?|en|it no longer counts until its owner signs or "
          + "decides it again",
      "kuznia|kgrabowska|how long did the whole dry run take?|en|- Rollback checkpoint \\[rehearsal\\.no-residue]: "
          + "PASSED in 24 ms.*\\nIts steps took 746 ms in all\\.$"})
  void roundThirtyNine(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }
}
