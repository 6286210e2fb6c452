package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.bfg.console.copilot.CopilotFixture.ask;
import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * Classes of question the fifth and sixth blind rounds found misread, each asked here in words of
 * its own (the rounds' own questions are in the question sets).
 */
@DisplayName("Local answers, round 6: whole lists, production's other groups, who still owes, joined asks, scope")
class CopilotRound6ClassesTest {

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("who else has to sign before production names everyone who owes a check in what it waits for")
  @CsvSource(delimiter = '|', value = {
      // production has no checks of its own: "nobody else, every open check is yours" was a wrong fact
      "who else has to sign off before go-live?|en|vltava|psvobodova|Hor[aá]k.*Dvo[rř][aá]kov|Nobody else",
      "kto poza mną musi jeszcze coś podpisać przed uruchomieniem klinik?|pl|vltava|psvobodova|Hor[aá]k|Nikt inny",
      // "kto jeszcze ... wszyscy": still, and all of them: the asker's own open checks too
      "kto jeszcze musi podpisać coś przed uruchomieniem klinik? wszyscy|pl|vltava|psvobodova|Svobodov[aá].*Paczka|Nikt inny"})
  void stillOwed(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("what blocks production names the groups outside the checklist it waits for, and owners when asked")
  @CsvSource(delimiter = '|', value = {
      "what's stopping us from going live? every reason|en|bfg|provider-selection.*wiring.*cutover",
      "dlaczego nie możemy przejść na produkcję?|pl|vltava|\\[claims].*\\[fallback].*\\[transfer]",
      "list all gates that are not ready and who owns each of them|en|bfg|\\[preflight].*owned by.*\\[rollback]",
      "which gates are ready already?|en|odra|\\[providers].*\\[platform-session].*\\[meter-data]"})
  void wholeLists(String question, String lang, String scenario, String regex) {
    matches(ask(question, lang, scenario, null), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a question's own words are no thing: 'ready' in a label, 'czemu' in 'czy', 'owner' when asked who")
  @CsvSource(delimiter = '|', value = {
      "how many gates are ready?|en|baltic|kzielinski|\\b3 of 10\\b|\\[payments]",
      "czy dry-run był już uruchamiany?|pl|bfg|user_md_anna|jeszcze nie|^Bramka",
      "jaki tryb ma teraz auth i kto jest jego ownerem?|pl|bfg|user_md_anna|mock-auth-header.*Olena|selection.auth-owner",
      "what does OCR run on today and who owns it?|en|bfg|user_md_anna|local-ocr.*Marek|\\[dry-run]"})
  void questionWords(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a verb's particle or a cut-off letter names nothing; 'what can I sign off' is the asker's list")
  @CsvSource(delimiter = '|', value = {
      "What can I sign off right now, today?|en|odra|tgrabowski|security.pentest|rollback.write-off",
      "kto może uruchamiać pipeline'y?|pl|odra|jluczak|Krzysztof|Bramka SMS",
      "has anyone signed anything off yet?|en|baltic|ekowalczyk-audit|^Nothing|SESSION_BOUND"})
  void notNames(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("two asks joined are both answered; a summary is in scope; a gate named by a check's words is the gate")
  @CsvSource(delimiter = '|', value = {
      "what percent are we at, and who has to move next?|en|bfg|32 ?%.*Next:",
      "ile procent mamy i co dalej?|pl|vltava|41 ?%.*Dalej:",
      "give me a short summary of where the cutover stands|en|bfg|NO-GO",
      "why is the launch weekend gate not ready?|en|mazovia|\\[launch-window]",
      "if we have to roll back, who owns that?|en|mazovia|oracle-loanbook-readonly.*Wi[sś]niewsk",
      "how many gates are ready, how many in review and how many blocked?|en|vltava|READY: 3.*REVIEW: 2.*BLOCKED: 2",
      "ile bramek jest gotowych, ile w przeglądzie, a ile zablokowanych?|pl|bfg|READY.*2.*REVIEW.*3.*BLOCKED.*4",
      "when is the cutover night?|en|odra|not chosen yet.*Krzysztof",
      "na kiedy jest noc przełączenia?|pl|odra|nic jeszcze nie wybrano",
      "what's the way back if we have to roll back, and who owns the rollback?|en|baltic|booking-local-store",
      // every decision, none in particular: its value or none yet, and who decides
      "which decisions are still open, and who makes each?|en|mazovia|\\[compliance.hosting].*\\[window.date].*\\[rollback.trigger]",
      "jakie decyzje zostały już podjęte?|pl|vltava|jeszcze niepodjęte: 2",
      "how many of the checks I own are not ready yet?|en|bfg|not ready yet: 49\\b"})
  void asked(String question, String lang, String scenario, String regex) {
    matches(ask(question, lang, scenario, "bfg".equals(scenario) ? "user_md_anna" : null), regex);
  }
}
