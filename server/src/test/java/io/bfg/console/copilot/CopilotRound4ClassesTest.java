package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static io.bfg.console.copilot.CopilotFixture.ask;
import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * The answer classes of the fourth blind round, on a scenario the copilot had never seen (wisla-lockers)
 * and the known ones: a gate that shares its name with a provider, one person or check asked about,
 * a decision's options, two questions joined in one, creative requests against questions about the
 * console's own API, and the people of a scenario counted. Asked in-process, every answer run through
 * the validator (Console.ask).
 */
@DisplayName("Local answers, round 4: gate or provider, one person or check, options, two asks, scope, people")
class CopilotRound4ClassesTest {

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a gate asked about by 'gate' or 'why not ready' is the gate, not the provider sharing its name")
  @CsvSource(delimiter = '|', value = {
      "why isn't the payments gate green yet?|en|wisla|payments|merchant.*refund",
      "what is holding up the payments group?|en|wisla|payments|merchant.*refund",
      "dlaczego bramka płatności jeszcze nie przeszła?|pl|wisla|payments|merchant.*zwrot",
      "why is the claims gate not ready?|en|vltava|claims|\\[claims\\.",
      "dlaczego bramka rozliczeń jest zablokowana?|pl|vltava|claims|\\[claims\\.",
      "payments gate: why is it still not done?|en|wisla|payments|merchant.*refund",
      "why isn't the billing gate done?|en|vltava|claims|\\[claims\\."})
  void gateOverProvider(String question, String lang, String scenario, String gate, String checks) {
    String answer = ask(question, lang, scenario, null);
    matches(answer, "\\[" + gate + "]");
    matches(answer, checks);
    lacks(answer, "(runs as|dziś tryb)");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("'who has to do <check>': the check's owner, not whoever moves next")
  @CsvSource(delimiter = '|', value = {
      "who is supposed to handle the PCI check?|en|wisla|Ewa Lewandowska.*payments.pci-review",
      "kto musi zrobić przegląd PCI?|pl|wisla|payments.pci-review.*Ewa Lewandowska",
      "who needs to take care of the merchant agreement?|en|wisla|Agnieszka Zieli.ska.*merchant-contract",
      "who has to do the retention check?|en|vltava|Dvořáková.*dpia.retention",
      "who has to do the SAQ?|en|wisla|Ewa Lewandowska.*payments.pci-review"})
  void checkOwner(String question, String lang, String scenario, String regex) {
    String answer = ask(question, lang, scenario, null);
    matches(answer, regex);
    lacks(answer, "^(Next|Dalej):");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("'who is <first name>' and 'what does X own': their role and what they own")
  @CsvSource(delimiter = '|', value = {
      "who is Ewa and what is she responsible for?|en|wisla|Security Officer.*PCI",
      "kim jest Krzysztof i za co odpowiada?|pl|wisla|Kierownik planowania tras.*Mapa magazynów",
      "which checks does Krzysztof own?|en|wisla|Route Planning Lead.*Depot and locker map",
      "who's Tomáš, what does he own?|en|vltava|IT Operations Lead.*\\[",
      "co należy do Petry?|pl|vltava|Kierowniczka rozliczeń.*\\[",
      "who's Marta and what does she own?|en|wisla|Chief Technology Officer.*\\[providers]",
      "what does Piotr own?|en|wisla|Platform Engineer.*\\[link]",
      "kim jest Ewa i co do niej należy?|pl|wisla|Specjalistka.*PCI",
      "who is Lukáš and what does he own?|en|vltava|Data Protection Officer.*\\[dpia"})
  void person(String question, String lang, String scenario, String regex) {
    String answer = ask(question, lang, scenario, null);
    matches(answer, regex);
    lacks(answer, "^(Next|Dalej):");
  }

  @ParameterizedTest(name = "[{1}] {0} (asked by {3})")
  @DisplayName("'what do I own': the asker's role and everything they own, whatever its state")
  @CsvSource(delimiter = '|', value = {
      "list all the checks I own|en|wisla|pwisniewski|Platform Engineer(?=.*\\[link\\.endpoint])(?=.*\\[fallback\\.legacy-readonly])",
      "co należy do mnie?|pl|wisla|elewandowska|Specjalistka(?=.*\\[session\\.identity])(?=.*\\[payments\\.pci-review])",
      "which checks am I the owner of?|en|bfg|user_dispatcher_marek|Dispatcher(?=.*\\[contract\\.maps-eta])(?=.*\\[contract\\.offline-sync])"})
  void mine(String question, String lang, String scenario, String asker, String regex) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, "^(Next|Dalej):");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the choices of a decision: its options listed, not a provider's modes nor 'you can do it now'")
  @CsvSource(delimiter = '|', value = {
      "which payment operators could we pick?|en|wisla|azielinska|payu.*przelewy24",
      "spośród jakich operatorów płatności wybieram?|pl|wisla|azielinska|payu.*przelewy24",
      "which SLA windows can we choose?|en|wisla|mkowalczyk|12:00.*18:00",
      "jakie okno SLA mogę wybrać?|pl|wisla|mkowalczyk|12:00.*18:00",
      "which hosting providers can we choose from?|en|bfg|user_md_anna|managed-postgres-eu.*self-hosted",
      "which payment providers are we choosing between?|en|wisla|azielinska|payu.*przelewy24",
      "what payment providers are available to choose from?|en|wisla|tdabrowski|payu.*przelewy24",
      "which on-call setups can I choose for the cutover night?|en|wisla|mkowalczyk|platform-team.*vendor-support",
      "which regions can I choose from?|en|bfg|user_md_anna|eu-central-pl.*eu-central-de"})
  void options(String question, String lang, String scenario, String asker, String regex) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, "(runs as|dziś tryb|can do it now|zrobić już teraz)");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("two asks joined in one question: both parts answered")
  @CsvSource(delimiter = '|', value = {
      "who owns the rollback, and what adapter would we roll back to?|en|wisla||(?=.*Wi.niewski)(?=.*legacy-mysql-readonly)",
      "kto odpowiada za wycofanie i na jaki adapter wracamy?|pl|wisla||(?=.*Wi.niewski)(?=.*legacy-mysql-readonly)",
      "how many gates are there and which of them are ready?|en|wisla||\\b6\\b.*\\[providers].*\\[session]",
      "ile mamy bramek i które są zablokowane?|pl|vltava||\\b7\\b.*\\[replay]",
      "how many providers are there, and which ones are mine?|en|wisla|azielinska|\\b4\\b.*Payments",
      "ilu jest dostawców i które należą do mnie?|pl|bfg|user_dispatcher_marek|\\b6\\b(?=.*Document)(?=.*Mapy)",
      "which storage adapter is the session on, and when was the last write?|en|bfg||file-local.*no last write"})
  void twoAsks(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("creative requests are declined whatever thing they name")
  @CsvSource(delimiter = '|', value = {
      "write a song about the lockers|en|wisla", "tell me a joke about the write probe|en|wisla",
      "napisz piosenkę o paczkomatach|pl|wisla", "opowiedz żart o próbie zapisu|pl|wisla",
      "compose a limerick about the dry-run|en|bfg"})
  void creative(String question, String lang, String scenario) {
    matches(ask(question, lang, scenario, null), "^(That is outside|To jest poza zakresem)");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the console's own API for a pipeline named is in scope, even for a script")
  @CsvSource(delimiter = '|', value = {
      "what's the API endpoint to trigger the dry-run?|en|wisla|POST /api/pipelines/dry-run",
      "jakim endpointem uruchomić dry-run z pipeline'u CI?|pl|wisla|POST /api/pipelines/dry-run",
      "for our CI job, which endpoint kicks off the connection check?|en|bfg|POST /api/pipelines/connection",
      "which endpoint do I call to sign off the PCI review?|en|wisla|POST /api/checks/payments.pci-review/accept"})
  void api(String question, String lang, String scenario, String regex) {
    String answer = ask(question, lang, scenario, null);
    matches(answer, regex);
    lacks(answer, "^(That is outside|To jest poza zakresem)");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the people and roles of a scenario counted, from its actors")
  @CsvSource(delimiter = '|', value = {
      "how many people take part in this cutover?|en|wisla|\\b6\\b.*Krzysztof Wójcik",
      "ilu ludzi bierze udział w tym scenariuszu?|pl|vltava|\\b4\\b.*Petra Svobodová",
      "how many users does this scenario have?|en|bfg|\\b5\\b.*Anna Kowalska",
      "ile ról jest w tym scenariuszu?|pl|wisla|ról: 6",
      "how many staff roles are there?|en|vltava|4 roles"})
  void people(String question, String lang, String scenario, String regex) {
    String answer = ask(question, lang, scenario, null);
    matches(answer, regex);
    lacks(answer, "(integration gates are ready|Gotowe bramki)");
  }
}
