package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round thirty-eight asked a city's paid-parking office half-way (`gliwice-spp`, written blind for it) and a water
 * utility early on (`olsztyn-wodociagi`), replayed here from their real journals, in other words than the round's
 * own. Read now: a what-if asked what it changes (what it completes, the gates then, production then); what a gate
 * would still lack after a what-if; a thing's fate after a what-if ("what about my banner then"); who still has to
 * sign in a gate; a gate by the page's heading over it ("decision board"); changing a decision asked as switching
 * it; a user's password to reset, out of scope; one table of the snapshot, by its label; the next step's reason
 * when its gate gives none. Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 38: what a what-if changes, what a gate would lack, a section's heading, a table")
class CopilotRound38ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "gliwice", CopilotFixture.replayed("gliwice", "gliwice-spp-38.ndjson"),
      "olsztyn", CopilotFixture.replayed("olsztyn", "olsztyn-wodociagi-38.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round thirty-eight's classes")
  @CsvSource(delimiter = '|', value = {
      "gliwice|it_krzysztof|suppose Agnieszka picks the 30-day retention, what changes?|en|^With \"Plate data "
          + "retention\" \\[board\\.plate-retention] done, \"Cutover decisions are recorded\" \\[board] would be "
          + "complete\\. Then 4 of 8 integration gates would be ready\\. Production would still be NO-GO",
      "gliwice|it_krzysztof|jeśli Agnieszka wybierze retencję na 12 miesięcy, co się zmieni?|pl|^Po zrobieniu "
          + "\"Retencja danych tablic\" \\[board\\.plate-retention] domknięte byłoby: \"Decyzje przejścia są "
          + "zapisane\" \\[board]\\. Wtedy gotowych byłoby 4 z 8 bramek",
      "gliwice|fin_ewa|what's the state of the decision board?|en|^The gate \"Cutover decisions are recorded\" "
          + "\\[board] is REVIEW at 2/3",
      "gliwice|fin_ewa|ile jest zrobione na tablicy decyzji?|pl|^\"Decyzje przejścia są zapisane\" \\[board]: "
          + "zakończone kontrole 2 z 3",
      "gliwice|fin_ewa|who still needs to sign in the owner acceptance gate?|en|Not signed off yet: ANPR exemption "
          + "list \\[acceptance\\.anpr-whitelist] \\(REVIEW, owner Mariusz Dudek\\); DPIA .*Operations runbook "
          + "\\[acceptance\\.ops-runbook] \\(REVIEW, owner Krzysztof Wróbel\\)",
      "gliwice|fin_ewa|kto jeszcze musi podpisać akceptacje właścicieli?|pl|Jeszcze niepodpisane: Lista zwolnień "
          + "ANPR \\[acceptance\\.anpr-whitelist] .*Mariusz Dudek.*Runbook operacyjny "
          + "\\[acceptance\\.ops-runbook] .*Krzysztof Wróbel",
      "gliwice|fin_ewa|czy mogę jeszcze przestawić operatora płatności na PayU?|pl|^Tak: .*POST "
          + "/api/decisions/board\\.payment-operator",
      "olsztyn|pwojcik|if I sign the KSeF test, what will the billing gate still lack?|en|^No: even with \"Test "
          + "e-invoices accepted by KSeF\" \\[billing\\.ksef-test] done, \"Billing on the new readings is "
          + "reconciled\" \\[billing] would still wait for Meters mapped to supply points \\[billing\\.meter-map], "
          + "owner Tomasz Lewandowski",
      "olsztyn|akaminska|if Marek picks the window, what about my banner then?|en|^Yes: with \"Cutover window\" "
          + "\\[cutover\\.window] done, \"e-BOK users told of the switch\" \\[customers\\.portal-banner] would no "
          + "longer wait for anything; you could then do it",
      "olsztyn|akaminska|jak zresetować klientowi hasło do e-BOK?|pl|^To jest poza zakresem",
      // (a next step whose gate gives no reason of its own: what waits for it and what it proves, not the check's
      // description alone, which read as done already)
      "gliwice|it_krzysztof|what should I do next and why?|en|Next: Run the identity check \\[identity\\.discovery]\\. "
          + "\"Entra ID sign-in is proven\" waits for it\\. What it proves: The issuer's discovery document",
      "gliwice|fin_ewa|jaki jest następny krok i dlaczego?|pl|^Dalej: Uruchom kontrolę tożsamości "
          + "\\[identity\\.discovery]\\. Czeka na nią „Logowanie Entra ID jest potwierdzone”\\. Co potwierdza: ",
      "olsztyn|akaminska|how many meters are in the snapshot?|en|^The table \"Meters\" \\(meters\\) holds 30 rows, "
          + "in the batch \"Customers and network\"",
      "olsztyn|pwojcik|ile faktur jest w snapshocie?|pl|^Tabela \"Faktury\" \\(invoices\\) z partii \"Odczyty i "
          + "faktury\": liczba wierszy 40\\."})
  void roundThirtyEight(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }
}
