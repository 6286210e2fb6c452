package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round twenty-five asked a furniture shop in the middle of its cutover (`szczecin-meble`, written blind for it) and a
 * library two checks from GO, replayed here from their real journals, with older known misses of the same kinds:
 * who did what today and who wrote last; two things joined by "and" ("region and hosting", "schemat bazy i
 * sekrety"); of the checks one word names, the one the person asked about owns; whether a pipeline can start now
 * "or is it still blocked", and a retry told with how the last run failed; the asker's own that wait; a run that
 * failed before the last one passed (what broke, its step, where it pointed, "za pierwszym razem"); a sign-off given
 * twice because a decision it rests on changed; a provider's mode asked "vs prod", "na czym będzie stał", "czym
 * zastępujemy"; a check named by its group's words and more; a dry-run's residue; a clipped plural ("dims"); a
 * withdrawal's verb that names no thing ("wycofałem podpis"); the console's refusal codes, alone and at a check;
 * who ran a pipeline ("kto robił dry run"); what comes next once a thing is done; which checks are the asker's.
 * Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 25: earlier failures, refusal codes, two things joined, what comes next")
class CopilotRound25ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "shop", CopilotFixture.fresh("szczecin").replay(STATES.resolve("szczecin-meble-25.ndjson")),
      "library", CopilotFixture.fresh("gdynia").replay(STATES.resolve("gdynia-biblioteka-25.ndjson")),
      "bfg", CopilotFixture.fresh("bfg").replay(STATES.resolve("bfg-flowcontrol-14.ndjson")),
      "clinic", CopilotFixture.fresh("vltava").replay(STATES.resolve("vltava-care-14.ndjson")),
      "school", CopilotFixture.fresh("rzeszow").replay(STATES.resolve("rzeszow-edziennik-18.ndjson")),
      "airport", CopilotFixture.fresh("katowice").replay(STATES.resolve("katowice-airport-19.ndjson")),
      "textiles", CopilotFixture.console("lodz"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round twenty-five's classes")
  @CsvSource(delimiter = '|', value = {
      "bfg|user_accountant_olena|kto dzis cos robil w konsoli?|pl|^Ostatnie zapisane zmiany \\(10\\):.*Anna Kowalska"
          + ".*Olena Shevchenko",
      "bfg|user_dispatcher_marek|who did what today?|en|^The latest 10 recorded changes",
      "school|pkaczmarek|kto ostatni coś zapisał w konsoli?|pl|^Ostatni zapis: .*Tomasz Mazur",
      "bfg|user_accountant_olena|what did the director decide for region and hosting?|en|eu-central-pl.*Also: "
          + "Hosting provider and account \\[infra\\.hosting].*managed-postgres-eu",
      "bfg|user_md_anna|kto odpowiada za schemat bazy i za sekrety w checkliscie cutover?|pl|^Schemat DB "
          + "\\[cutover\\.database-schema].*Poza tym: Sekrety i auth \\[cutover\\.secrets-auth]: właściciel Olena",
      "bfg|user_dispatcher_marek|did olena sign the secrets thing or not?|en|^Secrets and auth "
          + "\\[cutover\\.secrets-auth] is REVIEW.*Olena Shevchenko withdrew that sign-off",
      "bfg|user_dispatcher_marek|can we kick off the dry run now or is it still blocked|en|^Yes: the dry-run "
          + "pipeline can be started now",
      "clinic|tnovotny|can i just retry the connection thing now or is something stopping me?|en|^Yes: you .* may do "
          + "it now.*Its last run, run-connection-\\w+, FAILED at .*step \\[link\\.endpoint] said \"cannot reach",
      "textiles|gwojciknowak|which of my sign-offs are stuck and on what?|en|^You .* can do 3 things now.*Not possible "
          + "yet, waiting for other evidence \\(2\\): sign off Restore drill .*waits for \\[rehearsal\\.replay]",
      "library|pwisniewski|heard the connection check blew up earlier - what broke and is it fixed now?|en|^An earlier "
          + "connection run, run-connection-\\w+, started by Oskar Nowicki .*pg-staging\\.bmg-dc\\.invalid.*FAILED: its "
          + "step Endpoint reachability \\[link\\.endpoint].*The last connection run .*PASSED",
      "library|pwisniewski|what host was that failed one pointing at|en|connection: last run .*PASSED.*An earlier "
          + "run, .*Oskar Nowicki.*pg-staging\\.bmg-dc\\.invalid",
      "library|pwisniewski|ktory krok polaczenia padl za pierwszym razem|pl|^Wcześniejszy przebieg connection, .*"
          + "Oskar Nowicki.*krok Osiągalność endpointu \\[link\\.endpoint]",
      "library|mzielinska|czemu Tomek podpisywal zasoby filii dwa razy?|pl|Akceptowano to dwa razy: najpierw Tomasz "
          + "Lewandowski .*manual-review dla \\[catalogue\\.dedup]",
      "library|mzielinska|na czym bedzie stal katalog po przejsciu?|pl|^Dostawca: Katalog biblioteczny.*docelowo "
          + "Koha ILS",
      "library|pwisniewski|czym zastepujemy atrape logowania czytelnikow|pl|^Dostawca: Logowanie kartą czytelnika.*"
          + "docelowo Gdynia city SSO",
      "library|pwisniewski|is the e-book sso signoff blocked by anything or can i just do it|en|^Yes: you \\(Piotr "
          + "Wiśniewski, Head of IT\\) may do it now; nothing it depends on holds it: E-book platform accepts SSO",
      "library|pwisniewski|did the dry-run leave anything behind on the target db?|en|^The last dry-run run",
      "shop|tgorski|what does the dims check depend on?|en|^Package sizes and weights "
          + "\\[catalogue\\.parcel-dimensions].*It depends",
      "shop|tgorski|courier - what are we on now vs prod?|en|^Courier delivery quotes runs as local-flat-rate-table "
          + "today and moves to DPD Polska API",
      "shop|tgorski|kiedy wycofałem podpis na gabarytach?|pl|^Gabaryty i wagi paczek "
          + "\\[catalogue\\.parcel-dimensions].*wycofał\\(a\\) tę akceptację",
      "shop|tgorski|co to znaczy DEPENDENCY_UNMET?|pl|^DEPENDENCY_UNMET \\(HTTP 409\\) to odmowa konsoli",
      "shop|mzielinska|dostałam FORBIDDEN, co to znaczy?|pl|^FORBIDDEN \\(HTTP 403\\) to odmowa konsoli",
      "airport|mwojcik|co znaczy DEPENDENCY_UNMET przy PCI|pl|^DEPENDENCY_UNMET.*Poza tym: Zakres PCI DSS "
          + "potwierdzony \\[parking\\.pci-scope].*Zależy od \\[parking\\.terminal-mode]",
      "shop|tgorski|kto robil dry run i kiedy?|pl|^Ostatni przebieg dry-run .*\\(uruchomienie: Paweł Kaczmarek\\)",
      "shop|tgorski|jak juz podpisze gabaryty, to co jest nastepne w kolejce?|pl|^Po zrobieniu \"Gabaryty i wagi "
          + "paczek\" .* przed produkcją zostanie jeszcze: .*Faktury testowe przyjęte w KSeF",
      "shop|tgorski|ktore sprawdzenia w ogóle są moje?|pl|^Tomasz Górski – rola: Kierownik magazynu\\. Odpowiada "
          + "za: .*Mapowanie stanów z ERP.*Gabaryty"})
  void roundTwentyFive(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.matches(CONSOLES.get(console).ask(question, Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }
}
