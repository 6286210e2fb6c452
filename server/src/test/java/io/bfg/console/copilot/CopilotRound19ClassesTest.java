package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/**
 * Round nineteen asked an airport in its early days (`katowice-airport`, written blind for it) and a hotel chain in
 * the middle of its cutover, replayed here from their real journals: what still runs on mocks, what someone signed
 * ("what did Ewa sign"), weather declined, whether someone has already done a check, a permission by its name in
 * Polish, launching asked of now, a what-if asked of a gate and of going live, who else is holding things up, a
 * decision changed by the asker, software to recommend declined, what a withdrawal would leave waiting (or its
 * gate, when nothing waits on the check itself). Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 19: mocks, what someone signed, launching now, a gate and going live, who else")
class CopilotRound19ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final CopilotReadingTest.Console AIRPORT = CopilotFixture.fresh("katowice")
      .replay(STATES.resolve("katowice-airport-19.ndjson"));
  private static final CopilotReadingTest.Console HOTELS = CopilotFixture.fresh("sudety")
      .replay(STATES.resolve("sudety-hotels-19.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round nineteen's classes")
  @CsvSource(delimiter = '|', value = {
      "airport|kzielinska|which systems are we still running on mocks?|en|^All 5 providers, each with its mode "
          + "today",
      "airport|kzielinska|what did Marek sign so far?|en|^Marek Wójcik \\(Security and Compliance Officer\\) has 2 "
          + "sign-offs or decisions standing now",
      "airport|kzielinska|is it going to snow in Katowice tomorrow?|en|^That is outside",
      "airport|kzielinska|czy Agnieszka już przećwiczyła ręczne uzgadnianie bagażu?|pl|^Ręczne uzgadnianie bagażu "
          + "przećwiczone \\[operations.baggage-fallback] ma status REVIEW",
      "airport|mwojcik|kto ma checks.accept?|pl|^Uprawnienie checks.accept mają: ",
      "hotels|mwrobel|czy możemy już ruszać z nowym systemem?|pl|^Produkcja ma status NO-GO dla sudety-pg-adapter",
      "hotels|pnowak|if I sign the receipt layout and the KAS registration, is fiscal done and can we go live?|en|"
          + "^Yes: with \"Receipt layout with NIP\" \\[fiscal.receipt-layout] and \"Registers enrolled with KAS\" "
          + "\\[fiscal.register-enrolled] done, \"Fiscal receipts are approved\" \\[fiscal] would be complete: 3 of 3 "
          + "checks done, FISCAL_APPROVED\\. "
          + "Production would still be NO-GO, waiting for \"OTA channels are in sync\" \\[channels]",
      "hotels|pnowak|who besides me is still holding things up?|en|^Besides you, the open checks of \"Hotels "
          + "go-live\" \\[go-live] wait for: Agnieszka Górska",
      "hotels|mwrobel|jaką decyzję zmieniałam i z czego na co?|pl|^Termin uruchomienia \\[season.go-live-timing].*"
          + "Wcześniej Marta Wróbel zapisał\\(a\\) before-ski-season",
      "hotels|pnowak|poleć mi program do fakturowania|pl|^To jest poza zakresem",
      "airport|mwojcik|if I withdraw the network access sign-off, what happens to the link gate?|en|^Without "
          + "\"Network access to the BRS/DCS segment\" \\[security.network-zone] \\(withdrawn, it is open again until "
          + "given anew\\), whatever waits on it waits again\\. Waiting on .*\"The link to the airport database is "
          + "proven\" \\[link]",
      "airport|mwojcik|czy wycofanie retencji coś zablokowało?|pl|^Po wycofaniu \\[security.retention] jest znów "
          + "otwarte.*\"Przegląd bezpieczeństwa i zgodności jest podpisany\" \\[security]"})
  void roundNineteen(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.matches((console.equals("airport") ? AIRPORT : HOTELS).ask(question,
        Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }
}
