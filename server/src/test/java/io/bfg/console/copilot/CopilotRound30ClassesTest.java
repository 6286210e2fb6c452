package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round thirty asked a city parking operator half-way (`torun-spp`, written blind for it) and a university near GO,
 * replayed here from their real journals. Read now: since the asker's own run that failed; which step "poleciał"
 * in the first run; how many environments there are; a query or a spreadsheet formula to write is declined, not
 * refused as a command; "czy możemy ruszać" is whether we may go live; since a run named in a Polish case ("od
 * próby migracji"); whether a named sign-off went stale when it did not; what a supposed withdrawal would leave
 * open ("a jakby Kasia wycofała umowę powierzenia"). Every answer also passes the validator (the fixture asserts
 * it).
 */
@DisplayName("Local answers, round 30: since a failed run, writing tasks declined, a supposed withdrawal")
class CopilotRound30ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "parking", CopilotFixture.replayed("torun", "torun-spp-30.ndjson"),
      "university", CopilotFixture.replayed("lublin", "lublin-university-30.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round thirty's classes")
  @CsvSource(delimiter = '|', value = {
      "parking|kwisniewski|since my failed conn check, what did others change|en|^Since #\\d+ pipeline\\.finished by "
          + "Krzysztof Wiśniewski at .* connection \\[link] FAILED, these changes were recorded \\(5\\)",
      "parking|kwisniewski|ktory krok polecial w pierwszym checku polaczenia|pl|FAILED \\(nieudany\\); krok "
          + "Osiągalność endpointu \\[link\\.endpoint]",
      "parking|kwisniewski|ile jest srodowisk i ktore aktywne|pl|^Środowiska \\(3\\): Piaskownica \\(sandbox\\), "
          + "adapter legacy-spp-mssql, stan: aktywne",
      "parking|kwisniewski|zrob mi zapytanie SQL ktore policzy bilety z parkomatow|pl|^To jest poza zakresem",
      "university|ezielinska|write me an excel formula to sum tuition by month|en|^That is outside",
      "university|akowalczyk|czy mozemy ruszac z semestrem? tak czy nie|pl|^Produkcja ma status NO-GO",
      "university|akowalczyk|co sie zmienilo od proby migracji?|pl|^Od #\\d+ pipeline\\.finished \\(Marek Wiśniewski, "
          + ".* dry-run \\[rehearsal] PASSED\\) zapisano zmiany \\(11\\)",
      "university|ezielinska|the processor agreement - did it go stale when i changed the refund policy?|en|^It still "
          + "stands: the sign-off is not stale",
      "university|ezielinska|a jakby Kasia wycofala umowe powierzenia to co padnie?|pl|^Po wycofaniu "
          + "\\[privacy\\.payments-dpa] jest znów otwarte"})
  void roundThirty(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }
}
