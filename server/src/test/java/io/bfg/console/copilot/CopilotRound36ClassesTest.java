package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round thirty-six asked a regional blood donation centre half-way (`rckik-kielce`, written blind for it) and an
 * insurer early on (`tatra-insurance`), replayed here from their real journals, in other words than the round's
 * own. Read now: "are we live" is going live asked as a state, not out of scope (said in these very words: "is
 * staging live yet" asks of environments); the first run's failure when it "blew up"; how long a step took, of the
 * pipeline its check belongs to; what a provider will be in production; a decision's value beside who recorded it.
 * Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 36: are we live, the first run's failure, a provider in production, a value set")
class CopilotRound36ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "rckik", CopilotFixture.replayed("rckik", "rckik-kielce-36.ndjson"),
      "tatra", CopilotFixture.replayed("tatra", "tatra-insurance-36.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round thirty-six's classes")
  @CsvSource(delimiter = '|', value = {
      "rckik|rej_aleksandra|so are we live or not?|en|^Production is NO-GO for pg-donor-adapter: "
          + "BLOCKED_PENDING_CLINICAL \\[go-live]",
      "rckik|rej_aleksandra|czy jesteśmy już na produkcji?|pl|^Produkcja ma status NO-GO dla pg-donor-adapter: "
          + "BLOCKED_PENDING_CLINICAL \\[go-live]",
      "tatra|jbachleda|what made the first connection run blow up?|en|^An earlier connection run, "
          + "run-connection-711be689fb81, started by Jan Bachleda .*FAILED: its step Endpoint reachability "
          + "\\[db-link\\.endpoint] said \"cannot reach 127\\.0\\.0\\.1:5999",
      "tatra|jbachleda|how many ms did the write probe step take?|en|^The last connection run "
          + "run-connection-91a05a4fc0a3, .*- Write probe \\[db-link\\.write-probe]: PASSED in 92 ms",
      "tatra|jbachleda|jaki będzie ocr dokumentów na produkcji?|pl|^Dostawca: OCR dokumentów szkodowych; dziś tryb "
          + "local-tesseract, docelowo Azure AI Document Intelligence",
      "tatra|jbachleda|which ocr will be in production?|en|^Claims document OCR runs as local-tesseract today and "
          + "moves to Azure AI Document Intelligence",
      "tatra|wzwijacz|what was the payout limit set to and by whom?|en|Automatic payout limit "
          + "\\[payout-policy\\.limit]: pln-25000, recorded by Katarzyna Majerczyk at 2026-12-07T20:21:32"})
  void roundThirtySix(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("\"live\" beside an environment still asks of the environments")
  @CsvSource(delimiter = '|', value = {"which env are we in right now, is prod live yet?|en|^The live session keeps "
      + "its state in file-local", "na jakim środowisku jesteśmy i gdzie będzie produkcja?|pl|Środowiska \\(3\\)"})
  void liveOfAnEnvironment(String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get("tatra"), "jbachleda", question, lang, wanted);
  }
}
