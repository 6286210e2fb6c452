package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round thirty-four asked a wind-farm maintenance contractor early on (`darlowo-wind`, written blind for it) and a
 * parcel-locker operator half-way (`wisla-lockers`), replayed here from their real journals, in other words than the
 * round's own. Read now: a what-if asking whether a check could be done next is answered of that check, not of the
 * gate an alias of which begins its id (it was answered "No" of the gate: a wrong answer); what happens to go-live if a
 * gate is not done; who else may sign a check; what a check covers; what an account that owns nothing may do; "is X
 * already there" gets its yes or no; the actors counted with who is external; the last entry of the audit log; "the
 * last good run"; what the dry-run's steps found (statements, forced RLS) though no check proves those steps; the
 * people listed. Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 34: a what-if of the next check, the last good run, the dry-run's own findings")
class CopilotRound34ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "darlowo", CopilotFixture.replayed("darlowo", "darlowo-wind-34.ndjson"),
      "wisla", CopilotFixture.replayed("wisla", "wisla-parcel-34.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round thirty-four's classes")
  @CsvSource(delimiter = '|', value = {
      "darlowo|hse_lead_tomasz|if I sign the ptw mapping, can I do the loto procedure right after?|en|^Yes: with "
          + "\"Permit-to-work field mapping\" \\[safety\\.ptw-mapping] done, \"Lockout/tagout procedure\" "
          + "\\[safety\\.loto-procedure] would no longer wait for anything",
      "darlowo|ops_dir_halina|what happens to go-live if the safety gate isn't done?|en|^Production is NO-GO for "
          + "fleet-pg-adapter: BLOCKED_PENDING_SAFETY",
      "darlowo|hse_lead_tomasz|kto jeszcze może zatwierdzić procedurę loto?|pl|Zaakceptować lub zapisać to może tylko "
          + "właściciel, Tomasz Krawczyk: nikt inny\\.",
      "darlowo|hse_lead_tomasz|what does the ptw mapping cover?|en|^\"Permit-to-work field mapping\" "
          + "\\[safety\\.ptw-mapping]: Every field of the paper permit \\(isolation points",
      "darlowo|ops_dir_halina|can the OEM portal account do anything here?|en|has nothing to do right now: no "
          + "sign-off, decision or pipeline run is theirs to do\\. Their permissions: scenario\\.read, alarms\\.read\\.",
      "darlowo|ops_dir_halina|czy dane dostępowe produkcji są już dostarczone?|pl|^Nie, jeszcze nie\\. Dane dostępowe "
          + "produkcji \\[launch\\.live-credentials]",
      "darlowo|ops_dir_halina|ilu jest aktorów i kto to konto zewnętrzne?|pl|^Liczba osób \\(aktorów\\) w tym "
          + "przełączeniu: 6.*Vestra Turbines OEM portal",
      "wisla|pwisniewski|what was the last entry in the audit log?|en|^Last write at 2026-12-07T17:49:40\\.\\d+Z by "
          + "Piotr Wiśniewski\\. It was: #17 pipeline\\.finished",
      "wisla|pwisniewski|which TLS fingerprint did the last good connection run record?|en|FAILED at .*The last run "
          + "that passed, run-connection-\\w+, was started by Piotr Wiśniewski at 2026-12-07T17:49:15",
      "wisla|pwisniewski|how many statements did the runbook run in the dry run?|en|- Schema map validation "
          + "\\(dry-run\\.schema-map\\): PASSED, \"ran the runbook packet \\(30 statements\\)",
      "wisla|pwisniewski|na ilu tabelach wymuszony jest RLS wg dry runu?|pl|- Próba RBAC claims "
          + "\\(dry-run\\.rbac-claims\\): PASSED \\(zaliczony\\), \".*wymuszone i z polityką na wszystkich tabelach "
          + "\\(5\\)",
      "wisla|kwojcik|who are the people in this cutover?|en|^People \\(actors\\) in this cutover: 6, in 6 roles"})
  void roundThirtyFour(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("someone who owns nothing hears no tally of what they own (\"All 0 checks you own are done: .\")")
  @CsvSource(delimiter = '|', value = {"what have I signed so far?|en|^You \\(Vestra Turbines OEM portal, OEM "
      + "service account\\) have no sign-off or decision standing now\\.$", "co już podpisałem?|pl|^Nie masz teraz "
      + "żadnej obowiązującej akceptacji ani decyzji \\(Vestra Turbines OEM portal, Konto serwisowe producenta\\)\\.$"})
  void noTallyOfNothing(String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get("darlowo"), "svc_vestra_oem", question, lang, wanted);
  }
}
