package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/**
 * Round twenty-one asked a brewery half-way (`browar-kujawy`, written blind for it) and a transit operator early on,
 * replayed here from their real journals: whether a check still waits on a gate it rests on through one of the
 * gate's checks (answered "does not wait for" before: a wrong fact), "can I sign X yet or is it still stuck on Y", a
 * check nobody signs ("do I need to sign it?"), an environment asked whether it is live, a what-if joined by "a",
 * with the asker said "ja", with its gate before the question's verb, or asking how many gates then, a stale
 * sign-off asked as "not counting anymore" or "did the switch break something", what replaces a CSV import, chat
 * shorthand ("b4"), a remark after the question ("tomasz is taking forever"), a Polish what-if read as English, and a
 * sign-off offered to its owner that the validator dropped because the CEO's role is "Owner". Every answer also
 * passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 21: still waits on, nobody signs it, what-ifs joined by \"a\", stale by other words")
class CopilotRound21ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final CopilotReadingTest.Console BREWERY = CopilotFixture.fresh("browar")
      .replay(STATES.resolve("browar-kujawy-21.ndjson"));
  private static final CopilotReadingTest.Console TRANSIT = CopilotFixture.fresh("wroclaw")
      .replay(STATES.resolve("wroclaw-transit-21.ndjson"));
  private static final CopilotReadingTest.Console AIRPORT = CopilotFixture.fresh("katowice")
      .replay(STATES.resolve("katowice-airport-19.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round twenty-one's classes")
  @CsvSource(delimiter = '|', value = {
      // resting on a gate through one of its checks; "can I sign X yet or is it still stuck on Y"
      "transit|jwojcik|is the settlement file check still waiting on the dry run?|en|^No: \"The ledger dry-run is "
          + "clean\" \\[rehearsal] is READY, so \"Settlement file reconciles\" \\[payments\\.settlement-test] is "
          + "not blocked by it any more\\.",
      "transit|jwojcik|settlement file check - can i sign it yet or is it still stuck on the dry run?|en|^No: .* is not "
          + "blocked by it any more\\..* It is not signed off yet: you can sign it off now, nothing else holds it\\.",
      "transit|jwojcik|payment keys - can i sign those now or still waiting on the L3 cert?|en|^No: \"Acquirer "
          + "certification \\(EMV Level 3\\)\" \\[payments\\.acquirer-cert] is READY, so \"Payment keys loaded\"",
      // a check nobody signs; an environment asked whether it is live
      "transit|ewisniewska|the operator isolation check has my name on it - do i need to sign it?|en|^No: nobody "
          + "signs \"Operator isolation\" \\[rehearsal\\.isolation] off; a run of the dry-run pipeline proves it\\.",
      "transit|ewisniewska|is ledger staging live yet?|en|^Environments \\(\\d+\\): .*Ledger staging "
          + "\\(ledger-staging\\) on fare-ledger-pg, planned",
      "transit|ewisniewska|dry run sprawdzil izolacje wierszy? inny przewoznik cos widzi?|pl|^Ostatni przebieg "
          + "dry-run .*\\n- .*\\[rehearsal\\.isolation]: PASSED \\(zaliczony\\)",
      // what-ifs: joined by "a", the asker said "ja", the gate before the question's verb, how many gates then
      "transit|ewisniewska|jesli Aga zaakceptuje retencje a ja podstawe to prywatnosc gotowa? a caly start?|pl|^Tak: "
          + "po zrobieniu \"Podstawa prawna sprawdzania uprawnień\" \\[privacy\\.eligibility-basis] i tego, co "
          + "Agnieszka Kowalczyk ma jeszcze do zatwierdzenia .* kompletne będzie też \"Ochrona "
          + "danych pasażerów jest zatwierdzona\" \\[privacy]: 3 z 3 kontroli, PRIVACY_CLEARED\\. Produkcja nadal "
          + "miałaby NO-GO, czekając na",
      "transit|jwojcik|gdyby Ewa jeszcze raz klepnela podstawe prawna, prywatnosc bedzie gotowa?|pl|^Nie: nawet po "
          + "zrobieniu \"Podstawa prawna sprawdzania uprawnień\" \\[privacy\\.eligibility-basis] do kompletu "
          + "\"Ochrona danych pasażerów jest zatwierdzona\" \\[privacy] nadal będzie brakować: Okres przechowywania",
      "brewery|kzielinska|if i re-sign the cert, do the excise link and the paper eda, how many gates r ready "
          + "then|en|^Then 3 of 6 integration gates would be ready\\.",
      // a stale sign-off asked by other words
      "brewery|kzielinska|why's my PUESC cert signoff not counting anymore|en|^Stale now \\(1\\).*PUESC signing "
          + "certificate \\[excise\\.certificate]",
      "brewery|kzielinska|czy przestawienie na PUESC bezposrednio cos popsulo?|pl|^Nieaktualne \\(stale\\) teraz "
          + "\\(1\\).*Certyfikat podpisu PUESC \\[excise\\.certificate]",
      // what replaces a mode; a code's gate said as a gate; shorthand; a remark after the question
      "brewery|mwisniewski|ten import csv ze stanami - na co go zmieniamy?|pl|^Dostawca: Stany magazynowe; dziś tryb "
          + "csv-stock-import, docelowo Subiekt nexo WMS",
      "brewery|mwisniewski|co znaczy BLOCKED_PENDING_EXCISE|pl|^BLOCKED_PENDING_EXCISE oznacza, że ścieżka do "
          + "produkcji czeka na bramkę \"Raportowanie akcyzy \\(e-DA\\) jest gotowe\" \\[excise]",
      "transit|jwojcik|whats the capping rule now and what was it b4|en|Before that, Agnieszka Kowalczyk had recorded "
          + "daily-cap",
      "transit|jwojcik|can i just pick the launch date myself? tomasz is taking forever|en|^No: Joanna Wójcik "
          + "\\(Payments Manager\\) may record decisions, but only their own",
      "transit|ewisniewska|since the dry run, did anyone touch privacy stuff?|en|^Since #9 pipeline\\.finished .*"
          + "check\\.revoked.*\\[privacy\\.eligibility-basis]",
      // a sign-off offered to its owner, in a scenario whose CEO's role says "Owner"
      "brewery|kzielinska|sign the PUESC certificate for me pls|en|^I am read-only.*You \\(Katarzyna Zielińska, "
          + "Excise and Compliance Specialist\\) can do it yourself, as its owner",
      // a pipeline that never ran, and nothing holds it
      "airport|kzielinska|czemu dry run nie ruszyl?|pl|^Pipeline dry-run jeszcze nie był uruchomiony.*Uruchomić go "
          + "mogą osoby z uprawnieniem pipelines\\.run: Tomasz Kaczmarek"})
  void roundTwentyOne(String console, String asker, String question, String lang, String wanted) {
    CopilotReadingTest.Console asked = switch (console) {
      case "brewery" -> BREWERY;
      case "transit" -> TRANSIT;
      default -> AIRPORT;
    };
    CopilotFixture.matches(asked.ask(question, Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }
}
