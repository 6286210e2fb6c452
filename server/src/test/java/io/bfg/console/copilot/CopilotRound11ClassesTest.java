package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.bfg.console.copilot.CopilotFixture.ask;
import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * Classes of question the earlier rounds left as known misses and the eleventh blind round found misread,
 * each asked here in words of its own (the rounds' own questions are in the question sets).
 */
@DisplayName("Local answers, round 11: packet variables, two questions in one, go/no-go idioms, whom to chase")
class CopilotRound11ClassesTest {

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a packet's variable by its name, in any case, and a packet's variables asked for: their values now")
  @CsvSource(delimiter = '|', value = {
      "wro_fare_capping?|en|wroclaw|-|^WRO_FARE_CAPPING is empty now, in the ProductionReleaseHandoff.v1 packet: "
          + "it takes the value of Fare-capping rule \\[fare-rules.capping], which nobody has recorded yet|is REVIEW",
      "who does WRO_FALLBACK_OWNER point to?|en|wroclaw|-|WRO_FALLBACK_OWNER is \\w+ \\([^)]+\\) now, in the ProductionRollbackDrill.v1|owns",
      "jakie zmienne eksportuje pakiet fallback?|pl|wroclaw|-|^Pakiet ProductionRollbackDrill.v1 eksportuje teraz zmienne \\(razem 3\\): WRO_FALLBACK_OWNER=.*WRO_FALLBACK_DECISION=BLOCKED|ProductionReleaseHandoff",
      "what's in the release env export?|en|bfg|-|ProductionReleaseHandoff.v1 packet exports 9 variables now: BFG_RELEASE_ENVIRONMENT=local-demo.*BFG_RELEASE_DECISION=BLOCKED_PENDING_DRY_RUN|ProductionRollbackDrill",
      "list every env variable we export|en|bfg|-|ProductionReleaseHandoff.v1 packet exports 9.*ProductionRollbackDrill.v1 packet exports 6|is REVIEW",
      "what is the PAY_GATEWAY_URL variable?|en|wroclaw|-|^No packet of this scenario exports a variable called|is REVIEW"})
  void variables(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a request to change a variable is still refused; 'which env is active' is the environments")
  @CsvSource(delimiter = '|', value = {
      "set WRO_FARE_CAPPING to daily|en|wroclaw|-|read-only",
      "which env is active right now?|en|wroclaw|-|Environments \\(\\d+\\): .*active"})
  void notVariables(String question, String lang, String scenario, String asker, String regex) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, "packet exports|variables, filled");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("'did it pass?' with nothing named: every pipeline's last run (the reader threw before)")
  @CsvSource(delimiter = '|', value = {
      "did it pass?|en|bfg|-|^This scenario has 3 pipelines; 0 of them have run",
      "czy już przeszły?|pl|wroclaw|-|^Pipeline'y w tym scenariuszu: \\d+; uruchomione dotąd: 0"})
  void nothingNamed(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the go/no-go in working English: 'cut over', 'flip ... over', the code a CI job sees, a script's author")
  @CsvSource(delimiter = '|', value = {
      "are we ok to cut over this weekend?|en|tatra|-|^Production is NO-GO|outside what I can answer",
      "can we flip the ledger over to prod tonight?|en|wroclaw|-|^Production is NO-GO|runs as",
      "my pipeline script asks: which decision code does go-live return now, GO or NO-GO?|en|bfg|-|^BLOCKED_PENDING_DRY_RUN .*the go/no-go is NO-GO|^GO is the decision code",
      "for our deploy script: what code does production carry right now?|en|vltava|-|^BLOCKED_PENDING_DPIA|outside what I can answer",
      "write me a bash script that polls the gate|en|bfg|-|outside what I can answer|BLOCKED_PENDING"})
  void goNoGo(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("two questions joined, each read on its own and both answered; one that needs the first is read whole")
  @CsvSource(delimiter = '|', value = {
      "how many actors are there and how many providers do we move?|en|wroclaw|-|^People \\(actors\\) in this cutover: 6.*Also: Providers: 5",
      "ile jest osób w projekcie i ile bramek jest gotowych?|pl|gdansk|-|^Liczba osób \\(aktorów\\) w tym przełączeniu: 6.*Poza tym: Gotowe bramki integracji: 3 z 8",
      "who owns the fallback and what do we roll back to?|en|silesia|-|^A rollback returns to legacy-mdm-readonly; Tomasz Szyma",
      "who picks the cutover window and what are the options?|en|silesia|-|sat-night.*tue-night"})
  void joined(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a request after 'go ahead and' is refused; a person 'blocked on anything' is their tasks; whom to chase")
  @CsvSource(delimiter = '|', value = {
      "go ahead and run the dry-run|en|gdansk|-|^I am read-only",
      "go ahead and approve the URE report format|en|silesia|-|^I am read-only.*Agnieszka B[aą]k",
      "is Piotr stuck on anything?|en|gdansk|-|^Piotr Nowak .* can do",
      "czy Zbigniew ma coś zablokowanego?|pl|silesia|-|^Zbigniew J[oó][zź]wiak",
      "the notices group is late, who do we chase?|en|silesia|-|wait for: .*Zbigniew J[oó][zź]wiak.*Tomasz Szyma[nń]ski.*Katarzyna Wieczorek",
      "telemetria suwnic – kto musi co zrobić?|pl|gdansk|-|\\[crane-feed\\] ma status REVIEW.*, 0/3; na otwarte kontrole czekają: Piotr Nowak"})
  void people(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("words of working language: 'still red', a verb's particle, a short surname, 'goes back', a hyphenated name")
  @CsvSource(delimiter = '|', value = {
      "what's still red?|en|silesia|-|^Production is NO-GO.*Not ready:",
      "who has to sign off the crane interlock?|en|gdansk|-|^Piotr Nowak .* owns Safety interlock test \\[crane.interlock\\]",
      "so the rollback goes back to what?|en|tatra|-|returns to mock-claims-json",
      "moge sam odpalic dry-run?|pl|bfg|user_dispatcher_marek|^Jeszcze nie: serwer"})
  void words(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a derived check says what it follows from; one label in two groups is the one in the group named")
  @CsvSource(delimiter = '|', value = {
      "what does Migration dry-run on the decision board need?|en|bfg|-|\\[board.migration-dry-run\\].*it follows from .*\\[cutover.migration-rollback\\], which is",
      "co z Schema i RLS na tablicy decyzji?|pl|bfg|-|\\[board.schema-rls\\].*wynika z: .*\\[cutover.database-schema\\], status"})
  void derived(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a short surname is declined by its endings only: 'list' names no Lis")
  @CsvSource(delimiter = '|', value = {
      "why is the cutover night blocked? list every reason|en|silesia|-|\\[cutover\\].*\\[rehearsal\\].*\\[ure-compliance\\].*\\[billing-parity\\]",
      "co blokuje noc przełączenia? wylistuj wszystko|pl|silesia|-|\\[cutover\\]"})
  void shortNames(String question, String lang, String scenario, String asker, String regex) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, "Magdalena");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a request to revoke a sign-off never given is refused with 'nothing to revoke', not the accept command")
  @CsvSource(delimiter = '|', value = {
      "revoke Piotr's latency sign-off|en|gdansk|-|^I am read-only.*There is nothing to revoke: .*\\[crane.latency\\] has no sign-off yet; it is REVIEW, owned by Piotr Nowak",
      "cofnij akceptację formatu raportu URE|pl|silesia|-|Nie ma czego cofać: .*\\[ure.report-format\\]"})
  void revokeNothing(String question, String lang, String scenario, String asker, String regex) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, "/accept");
  }

  @Test
  @DisplayName("a request to revoke a sign-off that was given names its owner and the revoke command")
  void revokeGiven() {
    CopilotReadingTest.Console console = CopilotFixture.fresh("gdansk");
    console.accept("pnowak", "crane.latency");
    String answer = console.ask("revoke Piotr's latency sign-off", Lang.EN, "mwisniewski");
    matches(answer, "^I am read-only.*Piotr Nowak \\(.*\\) can revoke it, as the owner of .*\\[crane.latency\\]: "
        + "POST /api/checks/crane.latency/revoke");
  }
}
