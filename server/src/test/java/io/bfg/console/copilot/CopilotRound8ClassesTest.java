package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.bfg.console.copilot.CopilotFixture.ask;
import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * Classes of question the seventh and eighth blind rounds found misread, each asked here in words of
 * its own (the rounds' own questions are in the question sets).
 */
@DisplayName("Local answers, round 8: pipelines and groups in general, two people compared, the asker's own, the target")
class CopilotRound8ClassesTest {

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("pipelines asked about in general are each listed with their last run, not declined")
  @CsvSource(delimiter = '|', value = {
      "list the pipelines and tell me if any has run|en|bfg|user_md_anna|3 pipelines; 0 of them have run.*connection.*dry-run.*identity|outside",
      "czy któryś z pipeline'ów był już odpalony?|pl|odra|tgrabowski|uruchomione dotąd: 0.*connection.*dry-run|To jest poza zakresem",
      // a permission stays a permission
      "who may run pipelines here?|en|vltava|psvobodova|Novotn|3 pipelines"})
  void pipelines(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("groups counted are every group, the checklist's gates and the others; a group's own checks stay its own")
  @CsvSource(delimiter = '|', value = {
      "how many groups are blocked in total?|en|bfg|\\b\\d+ of 16 groups are BLOCKED.*integration gates are BLOCKED|^Production",
      "ile jest wszystkich grup i ile z nich jest gotowych?|pl|vltava|gotowych jest \\d+ z \\d+ grup|^Bramka",
      "ile kontroli w grupie preflight jest gotowych?|pl|bfg|\\[preflight\\]|grup \\(niegotowych"})
  void groups(String question, String lang, String scenario, String regex, String wrong) {
    String answer = ask(question, lang, scenario, null);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("two people compared: both counted, and who has more of what was asked")
  @CsvSource(delimiter = '|', value = {
      "does Olena or Marek own more checks?|en|bfg|user_md_anna|^Olena Shevchenko owns more checks: 12, against 7 for Marek",
      "kto ma więcej do podpisania teraz: ja czy Jana?|pl|vltava|psvobodova|^Więcej do zaakceptowania teraz ma MUDr. Jana Dvořáková: 2, wobec 1",
      "who has more open checks, Tomáš or me?|en|vltava|lhorak|^Ing. Tomáš Novotný has more checks not ready yet: 20, "
          + "against 3",
      // asked of two people without comparing: each answered
      "what can Olena and Marek do right now?|en|bfg|user_md_anna|Olena Shevchenko.*can do 2 things.*Marek Zielinski.*can do 4 things"})
  void compared(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the asker's own, narrowed to a group or to the one gate they own; counts of theirs ready and not")
  @CsvSource(delimiter = '|', value = {
      "which of the DPIA checks are mine?|en|vltava|lhorak|In \"[^\"]+\" \\[dpia\\], you .* own 2.*Ready: 0; not ready yet: 2|Ing. Tom",
      "ile mam kontroli i ile jest już gotowych?|pl|bfg|user_dispatcher_marek|łącznie 7.*Gotowe: 4 z nich; jeszcze niegotowe: 3|^Bramka",
      "is my gate green yet?|en|pomorze|azielinska|\\[porting\\] is REVIEW at 0/3|SMS gateway",
      "what does the payout policy gate still need?|en|tatra|jbachleda|\\[payout-policy\\] is REVIEW at 0/3.*Open checks|^Next:"})
  void owned(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("names: a title before a first name, a Polish ending without diacritics, 'runbook' is no verb, 'gate' no gateway")
  @CsvSource(delimiter = '|', value = {
      "co zostało Jany do podpisania?|pl|vltava|psvobodova|MUDr. Jana Dvořáková.*dpia.retention|replay.no-residue",
      "kto może odpalić próbe migracji?|pl|tatra|kmajerczyk|Jan Bachleda.*dry-run|write-probe",
      "what is the runbook gate waiting for?|en|bfg|user_md_anna|\\[runbook\\].*waits for.*\\[preflight\\]|^Next:",
      "why is the notifications gate not ready?|en|pomorze|pkaczmarek|\\[notifications\\]|runs as sms-log-sink"})
  void names(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the cutover's target, a person's permissions, a blocked check's reason, decisions with their options")
  @CsvSource(delimiter = '|', value = {
      "which environment are we cutting over to, and on which adapter?|en|tatra|The cutover target is the staging environment, on claims-pg-adapter",
      "jaki jest docelowy adapter i kontrakt magazynu?|pl|hansa|Cel przejścia: środowisko preprod-gdansk, adapter wagon-ledger-pg, obsługujący kontrakt magazynu WagonLedger.v1",
      "who is Jakub and what may he do?|en|pomorze|Jakub Nowak .*(permissions: .*pipelines.run)",
      "kim jest Kuba i za co odpowiada?|pl|pomorze|Jakub Nowak.*Uprawnienia: .*pipelines.run",
      "who owns the SMS throughput test, and why is it stuck?|en|pomorze|owns SMS throughput test.*BLOCKED.*depends on \\[link.write-probe\\]",
      "which decisions are still open and what can be chosen?|en|vltava|options: cz-praha, de-frankfurt.*options: internal-it-24x7, vendor-hotline"})
  void facts(String question, String lang, String scenario, String regex) {
    matches(ask(question, lang, scenario, null), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a yes/no question about one thing's state is answered yes or no first; its dependencies when asked")
  @CsvSource(delimiter = '|', value = {
      "is the payout policy gate ready yet?|en|tatra|^No, not yet\\. The gate \"[^\"]+\" \\[payout-policy\\] is REVIEW",
      "czy bramka kontraktów jest już zielona?|pl|bfg|^Tak\\. Bramka \"[^\"]+\" \\[contracts\\] ma status READY",
      "is the dry-run gate blocked?|en|bfg|^Yes\\. The gate \"[^\"]+\" \\[dry-run\\] is BLOCKED",
      "what does the clinical sign-off of the way back depend on?|en|vltava|depends on .*\\[fallback.legacy-readonly\\], which is"})
  void yesNo(String question, String lang, String scenario, String regex) {
    matches(ask(question, lang, scenario, null), regex);
  }
}
