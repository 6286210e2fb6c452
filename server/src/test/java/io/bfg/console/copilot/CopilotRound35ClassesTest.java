package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round thirty-five asked an apple growers' cooperative near GO (`grojec-sady`, written blind for it) and a rail
 * freight operator half-way (`hansa-freight`), replayed here from their real journals, in other words than the
 * round's own. Read now: how long each step of a run took; what the last run that passed found, when the last one
 * failed before it got there; a what-if of a gate says the count and the code the gate would reach (Polish "po
 * zrobieniu" is no claim about now); what someone may do at all, asked with their tasks; who may record decisions,
 * though a gate's label says "decisions are recorded"; the decisions of one gate; the audit trail's latest entries,
 * though "audit" begins the auditor's role; the hash a sign-off accepted; runs counted by "were run"; the console's
 * auth and store asked together; what RLS and its forcing mean, though the dry-run's words are there too. Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 35: step timings, the last good run's findings, a gate's decisions, the audit trail")
class CopilotRound35ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "grojec", CopilotFixture.replayed("grojec", "grojec-sady-35.ndjson"),
      "hansa", CopilotFixture.replayed("hansa", "hansa-freight-35.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round thirty-five's classes")
  @CsvSource(delimiter = '|', value = {
      "grojec|it_tomasz|how many milliseconds did each dry-run step take?|en|- Snapshot export "
          + "\\[dry-run\\.snapshot-export]: PASSED in 214 ms, .*- Adapter replay \\[dry-run\\.adapter-replay]: PASSED in "
          + "279 ms, \"batch-wrote 78 rows",
      "grojec|it_tomasz|ile zajęły kroki testu połączenia?|pl|- Osiągalność endpointu "
          + "\\[connection\\.endpoint-reachability]: PASSED \\(zaliczony\\) w 707 ms, .*- Próba zapisu "
          + "\\[connection\\.write-probe]: PASSED \\(zaliczony\\) w 107 ms",
      "hansa|pkaczmarek|how long did the tls step take in the last successful connection run?|en|- Endpoint "
          + "reachability \\[link\\.endpoint]: FAILED in 51 ms, .*- TLS fingerprint \\[link\\.tls]: SKIPPED, \"not run.*"
          + "The last run that passed, run-connection-bc9d337dfb97, .*\\[link\\.endpoint] \\(1251 ms\\).*"
          + "\\[link\\.tls] \\(267 ms\\)",
      "hansa|pkaczmarek|jaką wersję PostgreSQL pokazał test połączenia?|pl|FAILED \\(nieudany\\).*Ostatni udany "
          + "przebieg, run-connection-bc9d337dfb97 .*PostgreSQL 14\\.22",
      "hansa|mwisniewski|if Agnieszka signs the authorised consignor status, is customs complete?|en|^Yes: with "
          + "\"Authorised consignor status\" \\[customs\\.authorised-consignor] done, .*\\[customs] would be complete: "
          + "3 of 3 checks done, CUSTOMS_CLEARED\\.$",
      "hansa|mwisniewski|gdy podpiszę geostrefy, telematyka będzie kompletna?|pl|^Tak: po zrobieniu \"Geostrefy "
          + "przejść granicznych\" \\[telematics\\.geofences] kompletne będzie też .*\\[telematics]: 3 z 3 kontroli, "
          + "POSITIONS_TRUSTED\\.$",
      "hansa|mwisniewski|what can the finance controller do, permission-wise?|en|^Katarzyna Dąbrowska \\(Finance "
          + "Controller\\) can do one thing now:.*Their permissions: scenario\\.read, decisions\\.record, "
          + "invoices\\.approve\\.$",
      "grojec|audytor_jan|who may record decisions here?|en|^Those who may record decisions \\(decisions\\.record\\): "
          + "Ewa Grabowska \\(Chief Executive\\), Tomasz Wróblewski \\(IT Manager\\), Halina Dąbrowska",
      "grojec|audytor_jan|which decisions did we take on infrastructure?|en|^Decisions of \"Infrastructure decisions "
          + "are recorded\" \\[infrastructure] \\(3 of 3 recorded; not chosen yet: 0\\):\\n- Hosting "
          + "\\[infra\\.hosting]: azure-poland-central; Ewa Grabowska decides\\n- Backup and RPO \\[infra\\.backup]: rpo-15m",
      "grojec|audytor_jan|pokaż ostatnie wpisy w dzienniku audytu|pl|^Ostatnie zapisane zmiany \\(10\\):\\n- #15 "
          + "check\\.revoked, Halina Dąbrowska, .*\\[signoff\\.grower-ledger]",
      "grojec|audytor_jan|show the 3 latest audit trail events|en|^The latest 3 recorded changes:\\n- #15 "
          + "check\\.revoked by Halina Dąbrowska.*\\n- #13 [^\\n]*$",
      "grojec|audytor_jan|what's the sha of the board approval sign-off?|en|Signed off by Ewa Grabowska at "
          + "2026-12-07T19:46:10\\.\\d+Z\\. .*The evidence it accepted is recorded with the hash "
          + "9dbae6cb75067bf8f289863a235b1120cb57962168cec47fe78c662722b87c90\\.",
      "hansa|mwisniewski|how many connection tests got run?|en|^Among the recorded changes the connection pipeline "
          + "finished 3 times, started by Piotr Kaczmarek: 1 passed, 2 did not\\.",
      "grojec|it_tomasz|auth + storage of this console right now?|en|^The live session keeps its state in file-local "
          + "with auth mock-auth-header",
      "grojec|audytor_jan|what is RLS|en|^RLS \\(row-level security\\) lets a session see and write only the rows",
      "grojec|audytor_jan|co oznacza wymuszone RLS z dry-runu?|pl|^RLS \\(row-level security, zabezpieczenie na "
          + "poziomie wierszy\\).*\"wymuszone\" \\(FORCE ROW LEVEL SECURITY\\)",
      "grojec|audytor_jan|did the dry run enforce RLS on every table?|en|- RBAC claims rehearsal "
          + "\\[dry-run\\.rbac-claims]: PASSED, \"wrote the 19 claim rows .*RLS enabled, forced and with a policy on "
          + "all 7 tables"})
  void roundThirtyFive(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }
}
