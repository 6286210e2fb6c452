package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.bfg.console.copilot.CopilotFixture.ask;
import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * Classes of question the earlier rounds left as known misses and the eleventh blind round found misread,
 * each asked here in words of its own (the rounds' own questions are in the question sets).
 */
@DisplayName("Local answers, round 11: the packets' variables")
class CopilotRound11ClassesTest {

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a packet's variable by its name, in any case, and a packet's variables asked for: their values now")
  @CsvSource(delimiter = '|', value = {
      "wro_fare_capping?|en|wroclaw|-|^WRO_FARE_CAPPING is \"[^\"]+\" now, in the ProductionReleaseHandoff.v1 packet \\(5 variables|is REVIEW",
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
      "which env is active right now?|en|wroclaw|-|Environments: .*active"})
  void notVariables(String question, String lang, String scenario, String asker, String regex) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, "packet exports|variables, filled");
  }
}
