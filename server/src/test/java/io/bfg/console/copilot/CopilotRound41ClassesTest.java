package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round forty-one asked a raftsmen's booking desk past GO and back (`pieniny-flisacy`, written blind for it),
 * replayed here from its real journal, in other words than the round's own. Read now: a what-if ended "to co wtedy"
 * (what it would change) or "to będziemy gotowi" (production then); the checks not done yet, said beside those done.
 * A defect with it: the Polish what-if's own sentence "Produkcja miałaby wtedy GO" was taken by the validator for a
 * claim about now and "corrected" (the fixture asserts every answer passes the validator).
 */
@DisplayName("Local answers, round 41: 'co wtedy', 'będziemy gotowi', the checks not done yet")
class CopilotRound41ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "pieniny", CopilotFixture.replayed("pieniny", "pieniny-flisacy-41.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round forty-one's classes")
  @CsvSource(delimiter = '|', value = {
      "pieniny|kasa_ewa|jak Halina podpisze zasady zwrotów, to co wtedy?|pl|^Po zrobieniu \"Zasady zwrotów przy "
          + "wysokiej wodzie\" \\[cashdesk\\.refund-rules] domknięte byłoby: .*Wtedy gotowych byłoby 7 z 7 bramek "
          + "integracji\\. Produkcja miałaby wtedy GO i mogłaby ruszyć\\.$",
      "pieniny|kasa_ewa|if Halina signs the refund rules, what then?|en|^With \"Refund rules for high water\" "
          + "\\[cashdesk\\.refund-rules] done, .*Production would be GO then: it could go live\\.$",
      "pieniny|kasa_ewa|jak Halina zaakceptuje zwroty to będziemy gotowi?|pl|^Tak: po zrobieniu \"Zasady zwrotów "
          + "przy wysokiej wodzie\" \\[cashdesk\\.refund-rules] produkcja miałaby GO \\(gotowe bramki integracji: "
          + "7/7\\)",
      "pieniny|it_tomasz|ile kontroli jeszcze nie jest zrobionych?|pl|zakończone kontrole: 21 z 22 \\(niezakończone: "
          + "1\\), czyli 95%",
      "pieniny|it_tomasz|how many checks are still not done?|en|21 of 22 checks are done \\(1 not done yet\\): 95% "
          + "complete"})
  void roundFortyOne(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }
}
