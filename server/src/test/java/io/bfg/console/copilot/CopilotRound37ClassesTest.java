package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round thirty-seven asked a district-heating company near GO (`tczew-cieplo`, written blind for it) and a hotel
 * chain near GO (`sudety-hotels`), replayed here from their real journals, in other words than the round's own.
 * Read now: a what-if that leaves production nothing to wait for says it would be GO (the validator takes "would
 * be GO" as the what-if's state, not a claim about now); the environment the console runs in, though a check's label
 * has the word "environment"; "na kim wisi" is who must act next; every step of the last run, asked "all green?";
 * the rows the dry-run replayed, not the snapshot's; whether RLS is forced, asked "is RLS forced", is the dry-run's
 * finding, not what RLS means. Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 37: GO after a what-if, the console's environment, who it hangs on, all steps green")
class CopilotRound37ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "tczew", CopilotFixture.replayed("tczew", "tczew-cieplo-37.ndjson"),
      "sudety", CopilotFixture.replayed("sudety", "sudety-hotels-37.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round thirty-seven's classes")
  @CsvSource(delimiter = '|', value = {
      "tczew|pec_prezes_beata|if Ewa signs the DPIA once more, is it GO then?|en|^Yes: with \"Data protection impact "
          + "assessment\" \\[signoff\\.dpia] done, production would be GO \\(7/7 integration gates ready\\): it "
          + "could go live; nothing else is left",
      "tczew|pec_prezes_beata|which environment is the console on right now?|en|^The live session keeps its state in "
          + "file-local .*Environments \\(3\\): Local demo \\(local-demo\\) on file-local, active",
      "tczew|pec_prezes_beata|na kim wisi teraz produkcja?|pl|^Dalej: Zaakceptuj: \"Ocena skutków dla ochrony danych "
          + "\\(DPIA\\)\" \\[signoff\\.dpia]\\..* Kto: Ewa Dąbrowska",
      "tczew|pec_iod_ewa|czy wszystkie kroki ostatniego testu połączenia są zielone?|pl|- Sesja RBAC "
          + "\\(connection\\.rbac-session\\): PASSED \\(zaliczony\\).*- Próba zapisu \\[connection\\.write-probe]: "
          + "PASSED \\(zaliczony\\)",
      "sudety|tkowalczyk|did the dry run pass, and how many rows were replayed?|en|PASSED at .*- Adapter replay "
          + "\\[rehearsal\\.round-trip]: PASSED, \"batch-wrote 60 rows \\(plus 11 claims\\).*read all 71 back",
      "sudety|tkowalczyk|is RLS forced on all the tables in the dry-run?|en|- RBAC claims rehearsal "
          + "\\[rehearsal\\.isolation]: PASSED, \"wrote the 11 claim rows .*RLS enabled, forced and with a policy on "
          + "all 6 tables"})
  void roundThirtySeven(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }
}
