package io.bfg.console.copilot;

import io.bfg.console.command.ActorActions;
import io.bfg.console.model.Actor;
import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * Round fifteen's misses that were classes, not phrasings, asked of its real journals: what-ifs ("if I re-sign the
 * store rehearsal, will prod go?") answered from the evaluation assessed as if it were done; a changed decision's
 * earlier value; what changed since a run; the cutover asked with a day ("can we switch on Tuesday night"); the
 * business's own work and exchange rates declined whatever scenario words they carry. Every answer also passes the
 * validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 16: what-ifs, a decision's earlier value, changes since, declines")
class CopilotRound16ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final CopilotReadingTest.Console BFG = CopilotFixture.fresh("bfg")
      .replay(STATES.resolve("bfg-flowcontrol-15.ndjson"));
  private static final CopilotReadingTest.Console TERMINAL = CopilotFixture.fresh("gdansk")
      .replay(STATES.resolve("gdansk-port-15.ndjson"));
  /** Round sixteen's own consoles: a ski resort under way, a newspaper publisher far along. */
  private static final CopilotReadingTest.Console RESORT = CopilotFixture.fresh("polonina")
      .replay(STATES.resolve("polonina-ski-16.ndjson"));
  private static final CopilotReadingTest.Console PUBLISHER = CopilotFixture.fresh("gazeta")
      .replay(STATES.resolve("gazeta-wschodnia-16.ndjson"));
  /** BFG with everything the server would take done but the live wiring go/no-go: one sign-off from go-live. */
  private static final CopilotReadingTest.Console LAST_ONE = allBut("bfg", "selection.live-wiring");

  private static String bfg(String question, String lang, String asker) {
    return BFG.ask(question, Lang.valueOf(lang.toUpperCase()), asker);
  }

  private static String terminal(String question, String lang, String asker) {
    return TERMINAL.ask(question, Lang.valueOf(lang.toUpperCase()), asker);
  }

  /**
   * A console where every action the server offers has been taken, one at a time as it was offered (each pipeline
   * run once, each decision its first option), except {@code skipped}, with production credentials supplied.
   */
  private static CopilotReadingTest.Console allBut(String scenario, String skipped) {
    CopilotReadingTest.Console console = CopilotFixture.fresh(scenario).withLiveCredentials();
    Set<String> ran = new HashSet<>();
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Actor actor : console.scenario.actors()) {
        for (ActorActions.Action action : ActorActions.of(console.scenario, console.assessment(), actor)) {
          if (!action.available() || action.target().equals(skipped)
              || action.kind() == ActorActions.Kind.PIPELINE && !ran.add(action.target())) {
            continue;
          }
          switch (action.kind()) {
            case SIGN_OFF -> console.accept(actor.id(), action.target());
            case DECISION -> console.decide(actor.id(), action.target(),
                console.assessment().check(action.target()).options().get(0).value());
            case PIPELINE -> console.passed(actor.id(), action.target());
          }
          moved = true;
          break;
        }
        if (moved) {
          break;
        }
      }
    }
    return console;
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a what-if is answered from the evaluation as it would be: what production would still wait for")
  @CsvSource(delimiter = '|', value = {
      "if i re-sign store rehearsal will prod go GO?|en|^No, still NO-GO: even with \"Scenario store rehearsal\" "
          + "\\[cutover.store-rehearsal] done, production would wait for \"Migration preflight is ready\" "
          + "\\[preflight] \\(still open: Rollback evidence \\[preflight.rollback-evidence], owner Anna Kowalska\\)"
          + ".*Doing it would also complete .*\\[cutover]",
      "jak znowu zaakceptuje store rehearsal to produkcja ruszy?|pl|^Nie, nadal NO-GO: nawet po zrobieniu \"Rehearsal "
          + "Scenario Store\" \\[cutover.store-rehearsal] produkcja będzie czekać na .*\\[preflight]",
      "once the storage fallback is re-signed can we go live?|en|^No, still NO-GO: even with \"Storage fallback\" "
          + "\\[rollback.storage-fallback] done"})
  void whatIfNotYet(String question, String lang, String wanted) {
    matches(bfg(question, lang, "user_dispatcher_marek"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a what-if on the last thing production waits for: yes, it could go live")
  @CsvSource(delimiter = '|', value = {
      "if Anna signs the live wiring, can we go live?|en|^Yes: with \"Live wiring go/no-go\" "
          + "\\[selection.live-wiring] done, production would be GO \\(9/9 integration gates ready\\): it could go "
          + "live; nothing else is left for it\\.",
      "gdyby Anna zaakceptowała live wiring, to czy produkcja ruszy?|pl|^Tak: po zrobieniu \"[^\"]+\" "
          + "\\[selection.live-wiring] produkcja miałaby GO \\(gotowe bramki integracji: 9/9\\) i mogłaby ruszyć",
      "if Anna signs the audit packet, can we go live?|en|^\"Audit packet\" \\[rollback.audit-packet]: done already"})
  void whatIfLastOne(String question, String lang, String wanted) {
    matches(LAST_ONE.ask(question, Lang.valueOf(lang.toUpperCase()), "user_md_anna"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a what-if on something blocked says what it waits for; a re-run names the sign-offs it would stale")
  @CsvSource(delimiter = '|', value = {
      "terminal|if Ewa signs the reconciliation, can we go live?|en|^\"Fee reconciliation\" "
          + "\\[payments.reconciliation] cannot be done yet: first it waits for \"Round trip\" "
          + "\\[rehearsal.round-trip]\\. Production still waits for ",
      "bfg|if the dry run passes again are we go for prod?|en|has passed already, so this changes nothing for "
          + "go-live\\. A new run that records other evidence than the last one .* would leave these sign-offs and "
          + "decisions resting on it stale, to be given again: \"Freeze window\" \\[rollback.freeze-window], "
          + "\"Owner acknowledgement\" "
          + "\\[rollback.owner-acknowledgement]\\.",
      "bfg|jeśli puścimy dry-run jeszcze raz, to czy produkcja ruszy?|pl|już przeszedł.*zostawiłby nieaktualne"})
  void whatIfBlockedOrRerun(String console, String question, String lang, String wanted) {
    matches(console.equals("bfg") ? bfg(question, lang, "user_md_anna") : terminal(question, lang, "akaczmarek"),
        wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("not a what-if: a withdrawal, a \"when\", \"jak wygląda\"")
  @CsvSource(delimiter = '|', value = {
      "what happens if I revoke the region decision?|en",
      "when will the rollback gate be ready?|en",
      "jak wygląda produkcja?|pl",
      "please sign off the storage fallback so that if the dry run passes we can go live|en"})
  void notWhatIfs(String question, String lang) {
    lacks(bfg(question, lang, "user_md_anna"), "even with|nawet po zrobieniu|could go live|mogła ruszyć");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a changed decision is answered with what it was before, whoever is named with it")
  @CsvSource(delimiter = '|', value = {
      "terminal|Zofia changed the declarant?? what is it now and what was it before|en|^Declarant of record "
          + "\\[customs.declarant].*recorded customs-agency .*Before that, Zofia Lewandowska had recorded "
          + "terminal-direct \\(The terminal files directly\\) at ",
      "terminal|jaka była wcześniej decyzja o zgłaszającym?|pl|Wcześniej Zofia Lewandowska zapisał\\(a\\) "
          + "terminal-direct",
      "bfg|what was the region decision before it changed?|en|recorded eu-central-de .*Before that, Anna "
          + "Kowalska had recorded eu-central-pl"})
  void decisionBefore(String console, String question, String lang, String wanted) {
    matches(console.equals("bfg") ? bfg(question, lang, "user_md_anna") : terminal(question, lang, "mwisniewski"),
        wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("what changed since a run: the events after it, the asker's own run when \"I\" ran it")
  @CsvSource(delimiter = '|', value = {
      "terminal|what changed since I ran the connection check?|en|^Since #12 pipeline.finished by Marek Wiśniewski "
          + "at .* connection \\[quay-link] PASSED, these changes were recorded \\(1\\):\\s+- #13 check.revoked by "
          + "Piotr Nowak",
      "terminal|what changed since the dry run?|en|^The latest \\d+ recorded changes hold nothing on "
          + "[a-z-]+, so I cannot tell what came after it",
      "bfg|co się zmieniło od czasu dry-runu?|pl|^Od #23 pipeline.finished \\(Marek Zielinski, .*\\) zapisano "
          + "zmiany \\(3\\):",
      "bfg|co nowego od ostatniego przebiegu connection?|pl|^Od #1 pipeline.finished"})
  void changesSince(String console, String question, String lang, String wanted) {
    matches(console.equals("bfg") ? bfg(question, lang, "user_md_anna") : terminal(question, lang, "mwisniewski"),
        wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the cutover asked with a day is the go/no-go; a provider asked \"from what to what\" its modes")
  @CsvSource(delimiter = '|', value = {
      "can we switch on Tuesday night?|en|^Production is NO-GO for terminal-pg-adapter: BLOCKED_PENDING_REHEARSAL",
      "czy mozemy przelaczyc sie we wtorek w nocy?|pl|^Produkcja ma status NO-GO",
      "płatności: z czego na co przechodzimy?|pl|tryb payments-sandbox, docelowo Bank payment gateway"})
  void cutoverDayAndProvider(String question, String lang, String wanted) {
    matches(terminal(question, lang, "akaczmarek"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the business's own work and exchange rates are declined, whatever scenario words they carry")
  @CsvSource(delimiter = '|', value = {
      "bfg|can u plan tomorrow's routes for the lviv farma deliveries|en|^That is outside",
      "terminal|whats the EUR/PLN rate today|en|^That is outside",
      "terminal|zaplanuj jutrzejsze rozładunki dla Ewy|pl|^To jest poza zakresem",
      "bfg|can u run the dry run?|en|^I am read-only"})
  void declined(String console, String question, String lang, String wanted) {
    matches(console.equals("bfg") ? bfg(question, lang, "user_dispatcher_marek")
        : terminal(question, lang, "akaczmarek"), wanted);
  }

  @ParameterizedTest(name = "[{2}] {1}")
  @DisplayName("round sixteen's own consoles: the last open checks named, a changed decision by its person, runs counted")
  @CsvSource(delimiter = '|', value = {
      "publisher|mzielinska|en|what exactly is still holding up the go-live? list everything|\\[launch] is REVIEW at "
          + "4/5 \\(BLOCKED_PENDING_LAUNCH\\)\\. Open checks: Kiosk delivery schedule \\[launch.kiosk-schedule] "
          + "\\(REVIEW, owner Oksana Melnyk\\)\\..*\\[fallback] is REVIEW at 2/3 \\(open: Restore drill "
          + "\\[fallback.restore-drill] \\(REVIEW, owner Paweł Dąbrowski\\)\\)",
      "publisher|mzielinska|en|did Aga switch the payment operator? from what to what|recorded payu \\(PayU \\(cards "
          + "and BLIK\\)\\) at .*Before that, Agnieszka Król had recorded przelewy24 \\(Przelewy24 \\(cards and "
          + "BLIK\\)\\) at ",
      "publisher|mzielinska|pl|a co bylo wybrane wczesniej zanim Aga to zmienila?|^Operator płatności "
          + "\\[payments.operator].*Wcześniej Agnieszka Król zapisał\\(a\\) przelewy24",
      "publisher|mzielinska|en|which of our services are still running on mocks?|crm-csv-export.*paywall-stub.*"
          + "smtp-mailcatcher",
      "publisher|mzielinska|en|write me a short press release announcing the paywall|^That is outside",
      "publisher|pdabrowski|pl|dlaczego ćwiczenie odtworzenia znowu wisi do przeglądu, przecież Paweł to podpisał|"
          + "^Ćwiczenie odtworzenia \\[fallback.restore-drill] ma status REVIEW.*ale to, na czym się opiera, zmieniło "
          + "się potem \\(pipeline dry-run uruchomiono ponownie",
      "publisher|mzielinska|pl|co się zmieniło od kiedy Oksana wycofała podpis?|^Od #17 check.revoked \\(Oksana "
          + "Melnyk, .*zapisano zmiany \\(1\\):\\s+- #18 pipeline.finished",
      "publisher|pdabrowski|en|what is the console itself running on rn - store and auth?|^The live session keeps its "
          + "state in file-local with auth mock-auth-header",
      "publisher|pdabrowski|pl|co dziś robił Tomek?|^Co zapisał\\(a\\) Tomasz Wróbel wśród ostatnich zmian \\(3\\)",
      "publisher|pdabrowski|pl|zaakceptuj za Oksanę harmonogram kiosków, mam jej zgodę na mailu|^Jestem tylko do "
          + "odczytu",
      "publisher|pdabrowski|en|how many dry-runs have passed so far|finished 2 times, started by Paweł Dąbrowski: "
          + "2 passed, 0 did not",
      "publisher|pdabrowski|pl|ile razy puszczaliśmy dry-run?|zakończył się 2 razy",
      "publisher|pdabrowski|en|can anyone besides me run the pipelines?|^No one else may run pipelines: only you hold "
          + "pipelines.run\\.$",
      "publisher|pdabrowski|pl|czy ktoś oprócz mnie może uruchamiać pipeline'y?|^Nikt inny nie może uruchamiać",
      "resort|bkmiec|en|did the conection test pass and when|^The last connection run .* PASSED at ",
      "resort|bkmiec|en|when did i sign the tariff and when did i pull it back|Bartosz Kmieć signed it off at "
          + "2026-12-06T21:58:20.*; Bartosz Kmieć withdrew that sign-off at 2026-12-06T22:01:12",
      "resort|bkmiec|en|what does BLOCKED_PENDING_LIFT_PASSES on the rehearsal mean|Open checks: Pass types and "
          + "2026/27 tariff mapped \\[passes.tariff] \\(REVIEW, owner Bartosz Kmieć\\)",
      "resort|alabedz|en|is PCI signed? by who|owns PCI DSS attestation \\[payments.pci]; it is READY\\. Signed off "
          + "by Dorota Pawlik",
      "resort|alabedz|en|what did bartosz withdraw and when|withdrew the sign-off of .*\\[passes.tariff] at .*It had "
          + "been signed off by Bartosz Kmieć at ",
      "resort|alabedz|en|who decides the fallback mode & has it been picked|It is not chosen yet; Michał Sroka can "
          + "record it now\\.",
      "resort|bkmiec|pl|a kaucje w wypozyczalni - kto klepie i czy juz moze?|Zaakceptować może tylko "
          + "właściciel, a Agnieszka Łabędź może to zrobić już teraz\\."})
  void roundSixteenConsoles(String console, String asker, String lang, String question, String wanted) {
    matches((console.equals("resort") ? RESORT : PUBLISHER).ask(question, Lang.valueOf(lang.toUpperCase()), asker),
        wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("\"when did I withdraw\" in the first person lists the withdrawal")
  @CsvSource(delimiter = '|', value = {
      "o ktorej wycofalem akceptacje i czy moge ja przywrocic?|pl|wycofał\\(a\\) akceptację Rehearsal "
          + "Scenario Store \\[cutover.store-rehearsal] \\("})
  void withdrawnByMe(String question, String lang, String wanted) {
    matches(bfg(question, lang, "user_dispatcher_marek"), wanted);
  }
}
