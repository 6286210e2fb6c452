package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/**
 * Round twenty-two asked a city library in its early days (`gdynia-biblioteka`, written blind for it) and an energy
 * distributor nearly done, replayed here from their real journals: a what-if whose verb is "potwierdzi" and whose gate
 * is named by one word, or that asks how many gates then; something good to recommend declined, whatever a word of it
 * names; who ran a pipeline as well as how many times; why a gate is not green though a provider shares its words;
 * what a provider runs on and what replaces it, in the words people use ("na czym stoją", "na co podmieniamy", "dalej
 * na atrapie"); and a sign-off to pull back, refused with the command that withdraws it. Every answer also passes the
 * validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 22: what-ifs by \"potwierdzi\", recommendations declined, why not green, pull it back")
class CopilotRound22ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final CopilotReadingTest.Console LIBRARY = CopilotFixture.fresh("gdynia")
      .replay(STATES.resolve("gdynia-biblioteka-22.ndjson"));
  private static final CopilotReadingTest.Console GRID = CopilotFixture.fresh("silesia")
      .replay(STATES.resolve("silesia-energy-22.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round twenty-two's classes")
  @CsvSource(delimiter = '|', value = {
      "library|akaminska|jak Tomek potwierdzi zasoby to katalog bedzie gotowy?|pl|^Tak: po zrobieniu \"Zasoby 11 "
          + "filii\" \\[catalogue\\.holdings] kompletne będzie też \"Katalog jest zmapowany\" \\[catalogue]: 4 z 4 "
          + "kontroli, CATALOGUE_MAPPED\\.",
      "library|mzielinska|jesli Tomek ponownie potwierdzi zasoby filii to ile bedzie gotowych bramek?|pl|^Wtedy "
          + "gotowych byłoby 2 z 7 bramek integracji\\.",
      "library|akaminska|recommend me a good crime novel for the weekend|en|^That is outside what I can answer",
      "grid|mlis|polec jakas dobra pizzerie w katowicach na noc przelaczenia|pl|^To jest poza zakresem",
      "grid|mlis|how many times did we run the dry-run and who ran it|en|^Among the recorded changes the dry-run "
          + "pipeline finished 2 times, started by Piotr Grabowski: 2 passed",
      "grid|mlis|czemu rozliczenia dalej nie sa zielone|pl|^Bramka \"Rozliczenia taryfowe się zgadzają\" "
          + "\\[billing-parity] ma status REVIEW \\(do przeglądu\\), 1/2.*Testowe fakturowanie się zgadza",
      "grid|mlis|na czym dzis stoja faktury a co bedzie na produkcji?|pl|^Dostawca: Rozliczenia taryfowe; dziś tryb "
          + "billing-csv-stub, docelowo SAP IS-U billing",
      "grid|abak|kto jest wlascicielem raportowania do URE i na co podmieniamy piaskownice?|pl|docelowo URE "
          + "production feed \\(SFTP\\)",
      "library|mzielinska|SMSy dalej na atrapie? na co je przepinamy|pl|Przypomnienia SMS.*docelowo SMSAPI",
      "grid|abak|pull my GDPR sign-off back pls, need to fix the register first|en|^I am read-only.*can revoke it, as "
          + "the owner of GDPR processing register \\[ure\\.gdpr-register]: POST /api/checks/ure\\.gdpr-register/revoke"})
  void roundTwentyTwo(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.matches((console.equals("library") ? LIBRARY : GRID).ask(question,
        Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }
}
