package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round twenty-nine asked a car repair chain near GO (`motolech-serwis`, written blind for it) and a cooperative
 * bank early on, replayed here from their real journals. Read now: what happened to a sign-off named; who still has
 * something to sign before the start; who owns a gate said with its state; the steps a failed run skipped, though
 * another run finished after it; "junk" left by a dry-run; a stale sign-off says what was recorded over it; a
 * withdrawal's word inside a decision's name ("wyzwalacz wycofania") is no withdrawal; a what-if's gate named
 * through the verb that signs is the check its other words name; a pipeline's steps in order; a stale check named
 * with who has to fix it; who holds a permission of the scenario's own; "kto ma ruch"; what changed since a
 * pipeline first failed. Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 29: stale by what, a pipeline's steps, since the first failure")
class CopilotRound29ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "workshops", CopilotFixture.replayed("motolech", "motolech-serwis-29.ndjson"),
      "bank", CopilotFixture.replayed("mazovia", "mazovia-loans-29.ndjson"),
      "bfg", CopilotFixture.console("bfg"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round twenty-nine's classes")
  @CsvSource(delimiter = '|', value = {
      "workshops|kwisniewski|what happened w/ agnieszka's sms consent signoff|en|^SMS consents confirmed "
          + "\\[contact\\.sms-consent] is REVIEW.*Agnieszka Ślusarczyk withdrew that sign-off at",
      "workshops|kwisniewski|kto jeszcze musi cos klepnąć zebysmy ruszyli?|pl|^Przed uruchomieniem .* otwarte są "
          + "jeszcze, według tego, kto musi działać: Agnieszka Ślusarczyk",
      "workshops|kwisniewski|kto odpowiada za ksef i czy to juz gotowe|pl|\\[ksef]: właściciel Małgorzata Łęcka; "
          + "status READY",
      "workshops|pzajac|which steps got skipped on that failed run?|en|^An earlier connection run, .*FAILED: .*"
          + "Skipped after it: \\[connection\\.certificate], \\[connection\\.company-session], "
          + "\\[connection\\.write-probe]\\.",
      "workshops|pzajac|did the dry run leave any junk on the target db?|en|^The last dry-run run run-dry-run-\\w+, "
          + "started by Tomasz Górny, PASSED",
      "bank|akowalczyk|kasia signed the KNF notice didnt she? why's it still open|en|^KNF cloud notice "
          + "\\[compliance\\.knf-cloud] is REVIEW.*but what it rests on changed after it \\(Marek Wiśniewski recorded "
          + "pl-warszawa for \\[compliance\\.hosting] at .*\\), so it is stale",
      "bank|akowalczyk|czy moge juz zapisac wyzwalacz wycofania, skoro rollback jest zablokowany?|pl|^Tak: możesz to "
          + "zrobić już teraz",
      "bank|akowalczyk|jak Kasia podpisze KNF i AML to compliance bedzie gotowe?|pl|^Tak: po zrobieniu \"Zgłoszenie "
          + "chmurowe do KNF\" \\[compliance\\.knf-cloud] i \"Reguły przeciwdziałania praniu pieniędzy \\(AML\\)\"",
      "bank|mwisniewski|which steps does the dry-run go thru|en|^The dry-run pipeline \\(it proves \\[rehearsal]\\) "
          + "runs 5 steps, in this order: Snapshot export \\[rehearsal\\.snapshot]; Schema map validation; RBAC claims "
          + "rehearsal \\(Bank isolation \\[rehearsal\\.isolation]\\); .*Rollback checkpoint\\. No run of it is "
          + "recorded yet, so none of them has passed: \\[rehearsal] is at 0/3\\.$",
      "bank|mwisniewski|so the KNF cloud notice went stale after I changed the region? who has to fix it|en|^KNF cloud "
          + "notice \\[compliance\\.knf-cloud] is REVIEW; its owner is Katarzyna Zielińska",
      "bank|mwisniewski|who on the team has audit.read|en|^audit\\.read is held by: Katarzyna Zielińska .*, Hannah "
          + "Müller .*\\(2 in all\\)\\.",
      "bank|mwisniewski|kto ma teraz ruch w compliance i co konkretnie|pl|\\[compliance] ma status REVIEW .*na otwarte "
          + "kontrole czekają: Katarzyna Zielińska",
      "bank|mwisniewski|co sie zmienilo od kiedy polaczenie padlo pierwszy raz?|pl|^Od #3 pipeline\\.finished "
          + "\\(Tomasz Lewandowski, .*connection \\[link] FAILED\\) zapisano zmiany \\(8\\)",
      "bfg|user_md_anna|kto moze zatwierdzic release do produkcji (release.approve)?|pl|^Uprawnienie release\\.approve "
          + "mają: Anna Kowalska"})
  void roundTwentyNine(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }
}
