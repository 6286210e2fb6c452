package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * The fourteenth blind round asked two consoles where work had happened, replayed here from their real
 * journals: BFG with sign-offs, decisions, a withdrawn sign-off and a passed connection run, and the clinics
 * with a withdrawn decision and a connection run that failed at its first step (its target unreachable).
 * A gate or check proven by a pipeline says how its last run went; a withdrawal says what it undid; the
 * asker's own past sign-offs, who ran a pipeline and "that run" are answered from the journal; a recent
 * run is cited by the gate it proves. Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 14: a cutover under way, a failed run, a withdrawal, what I signed")
class CopilotRound14ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final CopilotReadingTest.Console BFG = CopilotFixture.fresh("bfg")
      .replay(STATES.resolve("bfg-flowcontrol-14.ndjson"));
  private static final CopilotReadingTest.Console CLINICS = CopilotFixture.fresh("vltava")
      .replay(STATES.resolve("vltava-care-14.ndjson")).withLiveCredentials();

  private static String clinics(String question, String lang, String asker) {
    return CLINICS.ask(question, Lang.valueOf(lang.toUpperCase()), asker);
  }

  private static String bfg(String question, String lang, String asker) {
    return BFG.ask(question, Lang.valueOf(lang.toUpperCase()), asker);
  }

  @Test
  @DisplayName("a run in the recent changes is cited by the gate it proves: a pipeline's name is no id the validator knows")
  void recentRunCitesItsGate() {
    // before: "[connection] FAILED", and the validator removed the citation of a gate that does not exist
    matches(clinics("what changed recently?", "en", "tnovotny"), "connection \\[link] FAILED");
    matches(clinics("co się ostatnio zmieniło?", "pl", "tnovotny"), "connection \\[link] FAILED");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a gate or check proven by a pipeline says how its last run went: the step that failed, what it skipped")
  @CsvSource(delimiter = '|', value = {
      "is the link to the clinic database proven?|en|\\[link.endpoint] failed with \"cannot reach 127.0.0.1:1",
      "is the link to the clinic database proven?|en|Skipped after it: \\[link.certificate], \\[link.org-session]",
      "was the server certificate checked?|en|its step ended SKIPPED.*step that failed before it: \\[link.endpoint]",
      "czy certyfikat serwera został sprawdzony?|pl|SKIPPED \\(pominięty\\).*nie przeszedł krok \\[link.endpoint]",
      "did the connection check pass?|en|FAILED.*\\[link.endpoint]: FAILED, \"cannot reach"})
  void lastRunOfAGate(String question, String lang, String wanted) {
    matches(clinics(question, lang, "tnovotny"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a withdrawal says what was withdrawn, by whom, and where that leaves the check and its group")
  @CsvSource(delimiter = '|', value = {
      "what did the revoke undo?|en|withdrew the decision vendor-hotline on Weekend on-call \\[switchover.on-call].*"
          + "\\[switchover] is at 1/3\\. Waiting on it: \"Release variables\" \\[switchover.env-block], BLOCKED",
      "co zmieniło to cofnięcie dyżuru?|pl|wycofał\\(a\\) decyzję vendor-hotline dla .*\\[switchover.on-call].*"
          + "\\[switchover] ma 1/3\\. Czeka na to: \"Zmienne wydania\"",
      "did anybody revoke anything?|en|Novotný withdrew the decision vendor-hotline"})
  void withdrawal(String question, String lang, String wanted) {
    matches(clinics(question, lang, "tnovotny"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the withdrawal from the other side: the check asked about says it was withdrawn, and what waits on it")
  @CsvSource(delimiter = '|', value = {
      "what did pulling my secrets sign-off change?|en|withdrew the sign-off of Secrets and auth \\[cutover.secrets-auth]"
          + ".*\\[cutover] is at 4/6",
      "co zmieniło cofnięcie mojej akceptacji?|pl|wycofał\\(a\\) akceptację Sekrety i auth \\[cutover.secrets-auth].*\\[cutover] ma 4/6",
      "is secrets and auth signed?|en|signed it off at .*; Olena Shevchenko withdrew that sign-off at "})
  void withdrawnSignOff(String question, String lang, String wanted) {
    matches(bfg(question, lang, "user_accountant_olena"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("what I signed: the asker's own standing sign-offs, never the list of what is left to do")
  @CsvSource(delimiter = '|', value = {
      "what have I signed off so far?|en|\\[cutover.role-headers].*\\[cutover.store-rehearsal].*All 7 checks you own are done",
      "co ja już podpisałem?|pl|\\[cutover.role-headers].*\\[cutover.store-rehearsal]",
      "co ja już zatwierdziłem?|pl|\\[cutover.role-headers].*\\[cutover.store-rehearsal]"})
  void signedByMe(String question, String lang, String wanted) {
    String answer = bfg(question, lang, "user_dispatcher_marek");
    matches(answer, wanted);
    lacks(answer, "can do \\d+ things now|może teraz zrobić|Możesz teraz");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("'have I signed X': yes or no first, then who signed it and when")
  @CsvSource(delimiter = '|', value = {
      "have I already signed off the db schema?|en|^Yes\\. .*\\[cutover.database-schema].*Signed off by Olena",
      "czy schemat bazy mam już podpisany?|pl|^Tak\\. .*\\[cutover.database-schema]"})
  void signedOneThing(String question, String lang, String wanted) {
    matches(bfg(question, lang, "user_accountant_olena"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("who ran a pipeline: its last run names who started it")
  @CsvSource(delimiter = '|', value = {
      "who ran the connection pipeline?|en|started by Marek Zielinski, PASSED",
      "kto odpalił test połączenia?|pl|uruchomienie: Marek Zielinski\\): PASSED \\(zaliczony\\)"})
  void whoRan(String question, String lang, String wanted) {
    String answer = bfg(question, lang, "user_accountant_olena");
    matches(answer, wanted);
    lacks(answer, "^Anna Kowalska owns");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("'that run', 'what was skipped': the run that finished last, every step of it")
  @CsvSource(delimiter = '|', value = {
      "what got skipped in that run?|en",
      "co zostało pominięte w tym przebiegu?|pl"})
  void latestRun(String question, String lang) {
    String answer = clinics(question, lang, "tnovotny");
    matches(answer,
        "\\[link.endpoint]: FAILED.*\\[link.certificate]: SKIPPED.*\\[link.write-probe]: SKIPPED");
    lacks(answer, "dry-run");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("nothing to do now is not nothing of mine open: a check proven only by a run, and what that run waits for")
  @CsvSource(delimiter = '|', value = {
      "anything left for me to do?|en|Org isolation \\[replay.org-isolation] \\(the dry-run pipeline proves it; it waits for \\[link]\\)",
      "mam jeszcze coś do zrobienia?|pl|Izolacja organizacji \\[replay.org-isolation] \\(potwierdza to pipeline dry-run; czeka na \\[link]\\)"})
  void ownedButProvenByARun(String question, String lang, String wanted) {
    String answer = clinics(question, lang, "lhorak");
    matches(answer, wanted);
    lacks(answer, "read-only|tylko do odczytu");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a person's role words name the person, not a gate that shares them; the thing signed is the check named")
  @CsvSource(delimiter = '|', value = {
      "czy inspektor ochrony danych podpisał już umowę powierzenia?|pl|^Tak\\. .*\\[dpia.processor-agreement]",
      "who still needs to sign something in the DPIA?|en|\\[dpia] is READY at 4/4"})
  void personWordsAndOthers(String question, String lang, String wanted) {
    matches(clinics(question, lang, "lhorak"), wanted);
  }

  @Test
  @DisplayName("an alias made of a question word and a noun ('which weekend') is not named by the question word alone")
  void questionWordNamesNothing() {
    String answer = CopilotFixture.ask("which environment are we actually running in", "en", "lodz", "gwojciknowak");
    lacks(answer, "weekend.date");
    matches(answer, "Local mocks \\(local-mock\\).*active");
  }

  @Test
  @DisplayName("a request naming the way back is refused like any other, not answered with the rollback's owner")
  void requestNamingTheWayBack() {
    matches(clinics("podpisz za Janę akceptację drogi powrotu", "pl", "tnovotny"), "^Jestem tylko do odczytu");
  }

  @Test
  @DisplayName("the overview counts checks and the percentage beside the gates")
  void overviewCountsChecks() {
    matches(clinics("overall readiness?", "en", "lhorak"),
        "4 of 7 integration gates are ready\\. Checks ready: 16/27 \\(59%\\)");
  }

  @Test
  @DisplayName("a message to write is out of scope")
  void messageToWrite() {
    matches(clinics("napisz mi maila do klientów o przerwie", "pl", "tnovotny"), "^To jest poza zakresem tego, na co mogę odpowiedzieć");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("what is left to me (\"co mi zostało\") is the asker's own list, not the console's next step; "
      + "\"mi\" alone names nobody")
  @CsvSource(delimiter = '|', value = {
      "co mi zostało do zrobienia?|pl|Możesz teraz zrobić jedną rzecz \\(Olena.*\\[cutover.secrets-auth]",
      "co mi jeszcze zostało?|pl|Możesz teraz zrobić jedną rzecz \\(Olena.*\\[cutover.secrets-auth]",
      "powiedz mi, co blokuje produkcję|pl|Produkcja ma status NO-GO"})
  void leftToMe(String question, String lang, String wanted) {
    matches(bfg(question, lang, "user_accountant_olena"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a hyphenated name typed as one word names it: \"oncall\" is the on-call decision, not its gate")
  @CsvSource(delimiter = '|', value = {
      "did I already set the weekend oncall?|en|Weekend on-call \\[switchover.on-call] is REVIEW.*then withdrew it",
      "kto ustala oncall na weekend?|pl|\\[switchover.on-call]"})
  void hyphenatedWordTypedWhole(String question, String lang, String wanted) {
    matches(clinics(question, lang, "tnovotny"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("what a kind of check is (derived, sign-off, decision, pipeline) and what stale means, explained; a "
      + "decision named, or a decision code asked, is still that decision or code")
  @CsvSource(delimiter = '|', value = {
      "eli5 what's a derived check|en|^A derived check is signed and run by nobody",
      "what's the difference between a sign-off and a decision?|en|^A sign-off \\(owner acceptance\\).*\\n"
          + "A decision is a check with options",
      "what does stale mean for a sign-off?|en|^A sign-off or decision goes stale",
      "czym jest kontrola pochodna?|pl|^Kontroli pochodnej nikt nie akceptuje",
      "co to jest check pipeline'owy?|pl|^Kontrolę pipeline'u potwierdza tylko przebieg",
      "what does the hosting decision mean?|en|^Hosting provider and account \\[infra.hosting]",
      "jaki jest kod decyzji produkcji?|pl|BLOCKED_PENDING_DRY_RUN"})
  void kindsOfCheckExplained(String question, String lang, String wanted) {
    matches(bfg(question, lang, "user_md_anna"), wanted);
  }
}
