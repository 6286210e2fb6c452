package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/**
 * Round twenty-two's misses that are kinds of question, read before round twenty-three was asked: a provider's
 * integration named beside the group aliased "integrations"; a second question pointing back with "it" ("who owns X
 * and what does it depend on"); news told first and the question after ", to co"; what is blocking one gate. Then
 * round twenty-three's, asked of a football club written blind for it and a telecom nearly done: "why cant I" typed
 * without its apostrophe; who may sign a check is its owner ("tylko Aga czy ktoś z nas?"); a remark after the
 * question told of by "he"; "odwołał" as a withdrawal; "what did Tomasz go with"; a business forecast declined, but
 * a thing's state asked in its trade's words answered; who signed off a gate's checks; "did Kasia finish X" and a
 * what-if of people who "finish" their bits; the last run's starter by "kto był ostatni przy"; "does X depend on
 * Y"; where production will run; production's decision code after a what-if; what a status means for a thing
 * named; a check nobody signs taken for the sign-off named by more of the words. Every answer also passes the
 * validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 23: it pointing back, who may sign, depends on, code then, who signed a gate")
class CopilotRound23ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final CopilotReadingTest.Console LIBRARY = CopilotFixture.fresh("gdynia")
      .replay(STATES.resolve("gdynia-biblioteka-22.ndjson"));
  private static final CopilotReadingTest.Console GRID = CopilotFixture.fresh("silesia")
      .replay(STATES.resolve("silesia-energy-22.ndjson"));
  private static final CopilotReadingTest.Console CLUB = CopilotFixture.fresh("warta")
      .replay(STATES.resolve("warta-gorzow-23.ndjson"));
  private static final CopilotReadingTest.Console TELECOM = CopilotFixture.fresh("pomorze")
      .replay(STATES.resolve("pomorze-telecom-23.ndjson"));
  private static final CopilotReadingTest.Console CARS = CopilotFixture.fresh("miejskicar")
      .replay(STATES.resolve("miejskicar-waw-17.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round twenty-two's misses")
  @CsvSource(delimiter = '|', value = {
      "library|mzielinska|who owns the Legimi integration|en|^Agnieszka Kamińska owns \"E-book lending is ready\" "
          + "\\[ebooks]",
      "library|mzielinska|kto odpowiada za integrację z Legimi|pl|\\[ebooks]: właściciel Agnieszka Kamińska",
      "grid|abak|who owns the GDPR register check and what does it depend on|en|^Agnieszka Bąk .* owns GDPR "
          + "processing register \\[ure\\.gdpr-register].*It depends on Reporting cadence \\[ure\\.cadence]",
      "grid|abak|kto jest właścicielem rejestru RODO i od czego on zależy|pl|\\[ure\\.gdpr-register]: właściciel.*"
          + "Zależy od: Częstotliwość raportowania \\[ure\\.cadence]",
      "library|mzielinska|Ewa klepnęła cennik, to co jeszcze blokuje płatności?|pl|^Bramka \"Płatności online za "
          + "kary i opłaty są gotowe\" \\[payments] ma status BLOCKED",
      "library|mzielinska|what is blocking payments|en|^The gate \"Online payments for fines and fees are ready\" "
          + "\\[payments] is BLOCKED at 1/3"})
  void roundTwentyTwoMisses(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.matches((console.equals("library") ? LIBRARY : GRID).ask(question,
        Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round twenty-three's classes")
  @CsvSource(delimiter = '|', value = {
      "club|kzielinska|why cant I kick off the connection check myself?|en|^No: Katarzyna Zielińska .* cannot run "
          + "pipelines: they lack the pipelines\\.run permission",
      "telecom|pkaczmarek|kto moze podpisac uzgodnienie MSISDN - tylko Aga czy ktos z nas tez?|pl|\\[porting\\."
          + "msisdn-reconcile]: właściciel Agnieszka Zielińska.*Zaakceptować może tylko właściciel",
      "telecom|pkaczmarek|can i sign off the VAT rounding thing for Tomek? he pulled it|en|only their own, and VAT "
          + "rounding on the split invoice \\[billing-cycle\\.vat-rounding] is Tomasz Lewandowski's",
      "telecom|pkaczmarek|czy Tomek odwolal VAT? kiedy|pl|^Tomasz Lewandowski wycofał\\(a\\) akceptację Zaokrąglenie "
          + "VAT na fakturze dzielonej \\[billing-cycle\\.vat-rounding] \\(2026-12-07T05:58",
      "club|kzielinska|what hosting region did tomasz go with|en|^Hosting region \\[rodo\\.hosting-region] is READY.*"
          + "recorded ovh-warsaw",
      "club|mwieczorek|how much revenue will season tickets bring this spring?|en|^That is outside what I can answer",
      "club|mwieczorek|is the football ticket sale approved?|en|^No, not yet\\. The gate \"The spring season-ticket "
          + "sale is approved\" \\[season-launch] is BLOCKED",
      "club|kzielinska|who signed off the fallback stuff|en|^Signed off in \"The way back to the local system is "
          + "ready\" \\[fallback]: Box-office paper fallback \\[fallback\\.box-office] by Katarzyna Zielińska.*Restore "
          + "drill \\[fallback\\.restore-drill] by Tomasz Lewandowski",
      "club|kzielinska|box office fallback - i pulled my sign-off earlier, is it back in?|en|signed off again by "
          + "Katarzyna Zielińska at [^ ]+ \\(now READY\\)",
      "telecom|mwisniewska|czy Kasia skonczyla compliance?|pl|^Tak\\. Bramka \"Zgody regulacyjne i ochrona danych\" "
          + "\\[compliance] ma status READY",
      "telecom|mwisniewska|so if Agnieszka, Tomasz and I all finish our bits today - GO?|en|^Yes: with what Magdalena "
          + "Wiśniewska still has to give",
      "telecom|mwisniewska|kto byl ostatni przy dry-runie? Pawel?|pl|^Ostatni przebieg dry-run [^ ]+ \\(uruchomienie: "
          + "Jakub Nowak\\)",
      "telecom|mwisniewska|does the cutover night depend on the dry run?|en|^Yes: \"The cutover night is approved\" "
          + "\\[cutover-night] depends on \"The billing migration dry-run is clean\" \\[rehearsal], which is READY\\.",
      "telecom|mwisniewska|gdzie bedzie produkcja bilingu i na jakim adapterze|pl|Produkcja \\(Gdańsk\\) "
          + "\\(production-gdansk\\), adapter billing-pg-ha",
      "club|mwieczorek|jesli Agnieszka podpisze umowy powierzenia, jaki bedzie kod decyzji?|pl|^Kod decyzji produkcji "
          + "byłby wtedy BLOCKED_PENDING_PAYMENTS\\.",
      "telecom|mwisniewska|co to znaczy ze cutover-night jest BLOCKED a nie REVIEW|pl|^BLOCKED oznacza.*Poza tym: "
          + "Bramka \"Noc przełączenia jest zatwierdzona\" \\[cutover-night] ma status BLOCKED",
      "club|kzielinska|did the dry-run pass? how many rows did it replay|en|^The last dry-run run [^ ]+, started by "
          + "Łukasz Nowicki, PASSED.*exported 167 rows",
      "cars|kzielinska|why can't i sign the damage report -> claim one yet??|en|^Not yet: .*Damage report opens a "
          + "claim \\[insurance\\.damage-flow] waits for \\[insurance\\.claims-sandbox] first"})
  void roundTwentyThree(String console, String asker, String question, String lang, String wanted) {
    CopilotReadingTest.Console asked = switch (console) {
      case "club" -> CLUB;
      case "telecom" -> TELECOM;
      default -> CARS;
    };
    CopilotFixture.matches(asked.ask(question, Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }
}
