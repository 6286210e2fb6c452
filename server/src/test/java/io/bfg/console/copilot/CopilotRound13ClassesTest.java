package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.bfg.console.copilot.CopilotFixture.ask;
import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * Classes of question the thirteenth blind round found misread, each asked here in words of its own (the
 * round's own questions are in the question sets).
 */
@DisplayName("Local answers, round 13: a code's own words, requests for one's own, 'co odblokuje', 'who owns each'")
class CopilotRound13ClassesTest {

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("'the decision code of X': X's code, never the code of a group that 'decision' names")
  @CsvSource(delimiter = '|', value = {
      "what's the decision code of the invoicing gate?|en|slask|-|^BLOCKED_PENDING_INVOICING|INFRA_CHOICE",
      "jaki kod decyzji ma uzgodnienie faktur?|pl|slask|-|^BLOCKED_PENDING_INVOICING|INFRA_CHOICE"})
  void codeOfAGroup(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a request to do all of one's own is refused with what the asker can do themselves")
  @CsvSource(delimiter = '|', value = {
      "approve everything that's mine|en|slask|agorska|^I am read-only.*What is yours you can do yourself: You \\(Agnieszka G[oó]rska",
      "odpal wszystko co moje|pl|bfg|user_md_anna|^Jestem tylko do odczytu.*To, co należy do Ciebie, możesz zrobić samodzielnie: Możesz teraz zrobić"})
  void ownRequests(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("'co odblokuje X' is what waits on X; 'who owns each item' lists each open check's owner; 'do kiedy' bids nothing")
  @CsvSource(delimiter = '|', value = {
      "co odblokuje próba migracji?|pl|slask|-|^Na \".*\" \\[rehearsal\\] \\(status BLOCKED.*\\) czekają: ",
      "the link gate: who owns each check?|en|slask|-|\\[db-link\\] is REVIEW at 0/4; its open checks wait for: ",
      "do kiedy trwa weekend przełączenia?|pl|vltava|-|\\[switchover\\]"})
  void asked(String question, String lang, String scenario, String asker, String regex) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, "tylko do odczytu: nie mogę");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the overall percentage, whatever group a word of the question names loosely")
  @CsvSource(delimiter = '|', value = {
      "what percentage of the cutover readiness is done?|en|slask|-|37%",
      "how much of the rollout is finished, in percent?|en|bfg|-|32%"})
  void percent(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }
}
