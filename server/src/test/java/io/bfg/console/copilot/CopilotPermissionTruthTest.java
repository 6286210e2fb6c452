package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static io.bfg.console.copilot.CopilotFixture.ask;
import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * "Who can do it" must be what the server would do for that person: only a check's owner may sign it
 * off or record it, so an owner without the permission means nobody can, and an answer must never offer
 * them the command. Wisła Lockers has such a check (the customer notice, owned by the customer service
 * manager, who lacks checks.accept); Vltava Care has a pipeline check owned by someone who may not run
 * pipelines. Also: "my tasks" names what the asker owns but cannot sign, "which checks does X own" lists
 * all of them, and "can the pipeline start now" is what the server would do now.
 */
@DisplayName("Local answers: who can do it is what the server would do for that person")
class CopilotPermissionTruthTest {

  @ParameterizedTest(name = "[{1}] {0} (asked by {3})")
  @DisplayName("a check whose owner lacks the permission: nobody can sign it, and no one is offered its command")
  @CsvSource(delimiter = '|', value = {
      "am I allowed to accept the customer notice check?|en|wisla|tdabrowski",
      "Could Tomasz sign off the customer notice?|en|wisla|mkowalczyk",
      "who can accept the customer notice check?|en|wisla|azielinska",
      "please sign off the customer notice for me|en|wisla|tdabrowski",
      "what is the status of the customer notice check?|en|wisla|kwojcik",
      "czy Tomek może zaakceptować kontrolę klienci poinformowani o nowych godzinach dostaw?|pl|wisla|mkowalczyk",
      "kto może podpisać powiadomienie klientów o godzinach dostaw?|pl|wisla|pwisniewski",
      "zatwierdź za mnie klientów poinformowanych o nowych godzinach dostaw|pl|wisla|tdabrowski"})
  void ownerLacksPermission(String question, String lang, String scenario, String asker) {
    String answer = ask(question, lang, scenario, asker);
    lacks(answer, "/api/checks/routes\\.customer-notice/accept");
    lacks(answer, "who can do it|can do it, as the owner|to właściciel może to zrobić|Może to zrobić właściciel");
    matches(answer, "checks\\.accept");
    matches(answer, "nobody|no one|nikt");
  }

  @ParameterizedTest(name = "[{1}] {0} (asked by {3})")
  @DisplayName("'my tasks' names a check the asker owns but cannot sign, and that nobody can")
  @CsvSource(delimiter = '|', value = {
      "what are my tasks?|en|wisla|tdabrowski",
      "anything on my plate right now?|en|wisla|tdabrowski",
      "what do I need to do?|en|wisla|tdabrowski",
      "co mam teraz do zrobienia?|pl|wisla|tdabrowski",
      "jakie są moje zadania?|pl|wisla|tdabrowski"})
  void tasksOwnedButForbidden(String question, String lang, String scenario, String asker) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, "\\[routes\\.customer-notice\\]");
    matches(answer, "checks\\.accept");
    lacks(answer, "no sign-off[^.]*is yours|żadna akceptacja[^.]*nie należy do Ciebie");
  }

  @ParameterizedTest(name = "[{1}] {0} (asked by {3})")
  @DisplayName("'which checks does X own' lists every check X owns, ready ones too; 'I' is the asker")
  @CsvSource(delimiter = '|', value = {
      "which checks belong to Ewa?|en|wisla|tdabrowski|(?=.*payments\\.pci-review)(?=.*session\\.identity)",
      "what does Ewa own?|en|wisla|mkowalczyk|(?=.*payments\\.pci-review)(?=.*session\\.identity)",
      "które kontrole należą do Ewy?|pl|wisla|tdabrowski|(?=.*payments\\.pci-review)(?=.*session\\.identity)",
      "show me all the checks I own|en|wisla|tdabrowski|routes\\.customer-notice",
      "list all checks I am the owner of|en|bfg|user_dispatcher_marek|role-headers",
      "who is Piotr and what does he own?|en|wisla|azielinska|(?=.*Platform Engineer)(?=.*rehearsal\\.round-trip)",
      "wypisz wszystkie kontrole, których jestem właścicielem|pl|bfg|user_dispatcher_marek|role-headers"})
  void ownedChecks(String question, String lang, String scenario, String asker, String regex) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
  }

  @ParameterizedTest(name = "[{1}] {0} (asked by {3})")
  @DisplayName("'can the pipeline start now': what the server would do now, then who may run it")
  @CsvSource(delimiter = '|', value = {
      "can the dry-run be kicked off at the moment?|en|wisla|tdabrowski|link",
      "is it possible to start the dry run now?|en|vltava|lhorak|link",
      "czy dry-run da się teraz uruchomić?|pl|wisla|azielinska|link",
      "czy można już puścić dry-run?|pl|bfg|user_accountant_olena|connection"})
  void pipelineNow(String question, String lang, String scenario, String asker, String waitsFor) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, "^(No|Not|Nie|Jeszcze nie)\\b");
    matches(answer, "\\[" + waitsFor + "[\\].]");
  }

  @ParameterizedTest(name = "[{1}] {0} (asked by {3})")
  @DisplayName("a pipeline check asked by its owner who may not run pipelines: no 'How' offered as theirs")
  @CsvSource(delimiter = '|', value = {
      "has the org isolation check passed yet? it's mine|en|vltava|lhorak",
      "what's the state of the org isolation check?|en|vltava|lhorak",
      "jaki jest stan kontroli izolacji organizacji?|pl|vltava|lhorak"})
  void pipelineCheckOwnerCannotRun(String question, String lang, String scenario, String asker) {
    String answer = ask(question, lang, scenario, asker);
    lacks(answer, "(How|Jak): POST /api/pipelines");
    matches(answer, "pipelines\\.run");
  }
}
