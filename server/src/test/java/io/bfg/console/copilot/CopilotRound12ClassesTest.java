package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.bfg.console.copilot.CopilotFixture.ask;
import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * Classes of question the twelfth blind round found misread, and the earlier rounds' "what would X unblock",
 * each asked here in words of its own (the rounds' own questions are in the question sets).
 */
@DisplayName("Local answers, round 12: what waits on a thing, one-word codes, names, evidence, environments")
class CopilotRound12ClassesTest {

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("what waits on a thing: 'what does X unblock', 'what depends on X', 'co czeka na X'; not 'who can unblock it'")
  @CsvSource(delimiter = '|', value = {
      "what would accepting the DPIA unblock?|en|vltava|-|^Waiting on \"Data protection impact assessment is signed\" \\[dpia\\], which is REVIEW: .*\\[switchover\\], BLOCKED|is REVIEW at 0/4 with",
      "what depends on the connection gate?|en|bfg|-|^Waiting on \"Adapter connection packet is recorded\" \\[connection\\], which is REVIEW: .*\\[production\\], BLOCKED. Through them, also:|Open checks",
      "co czeka na próbę migracji?|pl|odra|-|^Na \".*\" \\[rehearsal\\] \\(status BLOCKED.*\\) czekają: .*\\[rollback\\]|Otwarte kontrole",
      "what's holding up the dry-run?|en|bfg|-|^The gate \"Adapter dry-run transcript is complete\" \\[dry-run\\] is BLOCKED|^Waiting on",
      "who can unblock the dry-run?|en|bfg|-|connection|^Waiting on"})
  void dependents(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a one-word ready code in capitals is explained; a Polish 'jakie' names no Jakub")
  @CsvSource(delimiter = '|', value = {
      "what does SAIL mean?|en|mazury|-|^SAIL is the decision code .*\\[season-go\\]|not a decision code",
      "kiedy zobaczymy MARKETPLACE_LIVE?|pl|poznan|-|MARKETPLACE_LIVE to kod decyzji|nie jest kodem",
      "jakie mam zadania?|pl|mazury|aduda|^Możesz teraz zrobić|Jakub",
      "jaki jest status płatności?|pl|mazury|aduda|Agnieszka Duda|Jakub"})
  void codesAndNames(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("what someone can sign off now, what the asker may do, which environment, a group's packet, 'who signs what'")
  @CsvSource(delimiter = '|', value = {
      "has Magda got anything she can approve today?|en|mazury|-|^Sign-offs Magdalena Lewandowska can make now: 2",
      "what am I allowed to do in here?|en|bfg|user_dispatcher_marek|^You \\(Marek Zielinski, Dispatcher\\) hold these permissions|Marek Zielinski \\(Dispatcher\\) holds these permissions",
      "which environment are we on right now?|en|poznan|-|^The live session keeps its state in .*Environments "
          + "\\(\\d+\\): ",
      "w jakim środowisku jesteśmy?|pl|wroclaw|-|Środowiska \\(\\d+\\): ",
      "what's in the fallback packet?|en|mazury|-|^The ProductionRollbackDrill.v1 packet exports \\d+ variables now",
      "payments gate - who approves what?|en|mazury|-|\\[payments\\] is REVIEW at 0/3; its open checks wait for: "})
  void asked(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("what a run recorded (an endpoint, a fingerprint), 'czy był puszczany': the run, not the check's status")
  @CsvSource(delimiter = '|', value = {
      "what TLS fingerprint did the connection check record for the db?|en|poznan|-|^The connection pipeline has not run yet, so there is no result",
      "czy connection check był już puszczany?|pl|mazury|-|^Pipeline connection jeszcze nie był uruchomiony",
      "what does the TLS fingerprint step prove?|en|bfg|-|Certificate fingerprint"})
  void evidence(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("'how many gates are ready, and the production decision code': the code it carries now, not its ready code")
  @CsvSource(delimiter = '|', value = {
      "how many gates are ready and what's the production decision code?|en|bfg|-|BLOCKED_PENDING_DRY_RUN|^GO is the decision code",
      "ile bramek jest gotowych i jaki jest kod decyzji produkcji?|pl|vltava|-|BLOCKED_PENDING_DPIA|^CLINICS_LIVE to kod"})
  void currentCode(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }
}
