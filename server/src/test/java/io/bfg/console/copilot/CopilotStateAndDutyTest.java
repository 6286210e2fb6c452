package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.regex.Pattern;

import static io.bfg.console.copilot.CopilotFixture.ask;
import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * The fourth blind round's reading classes: a verb of the asker's duties is not a label word ("co mam
 * podpisać" against "Klucze podpisu"), a refused request names the check asked about and when it can
 * be done, a decision's value (or that none is chosen yet) comes first, "who else besides me" lists the
 * other owners, and the console's own state words (production traffic, the state store's last write)
 * are answered from the evaluation, whatever a provider alias says. Asked in-process as the server
 * asks, every answer checked by the validator; on three scenarios, one of them new to the copilot.
 */
@DisplayName("Local answers, round 4: duties, refusals, decision values, other owners, traffic, last write")
class CopilotStateAndDutyTest {

  @ParameterizedTest(name = "[{1}] {0} (asked by {3})")
  @DisplayName("'what do I have to sign': the asker's own tasks, not a label sharing the verb's stem")
  @CsvSource(delimiter = '|', value = {
      "co ja właściwie mam podpisać?|pl|vltava|lhorak|dpia.legal-basis|staff-idp.keys",
      "co powinienem teraz zaakceptować?|pl|wisla|pwisniewski|fallback.legacy-readonly|NO-GO",
      "co muszę dziś zatwierdzić?|pl|bfg|user_md_anna|infra.hosting|\\[board]",
      "what am I supposed to sign?|en|vltava|lhorak|dpia.legal-basis|staff-idp.keys"})
  void duties(String question, String lang, String scenario, String asker, String wanted, String unwanted) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, Pattern.quote(wanted));
    lacks(answer, unwanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("'who approves <thing>': the thing's owner, not a label that shares the verb")
  @CsvSource(delimiter = '|', value = {
      "a kto właściwie zatwierdza rollback?|pl|bfg|\\[rollback]|\\[board]",
      "kto zatwierdza powrót do starej bazy?|pl|wisla|\\[fallback].*Piotr|\\[session]",
      "who signs off the fallback?|en|wisla|Piotr.*\\[fallback]|\\[session]"})
  void approverOfThing(String question, String lang, String scenario, String wanted, String unwanted) {
    String answer = ask(question, lang, scenario, null);
    matches(answer, wanted);
    lacks(answer, unwanted);
  }

  @ParameterizedTest(name = "[{1}] {0} (asked by {3})")
  @DisplayName("a refused request names the check asked about, who can do it, and what it waits for")
  @CsvSource(delimiter = '|', value = {
      "zaakceptuj za mnie paczkę testową|pl|vltava|psvobodova|claims.test-batch.*replay.round-trip",
      "please sign the test batch off for me|en|vltava|psvobodova|claims.test-batch.*replay.round-trip",
      "odhacz mi test zwrotu|pl|wisla|azielinska|payments.refund-test.*payments.provider-choice",
      "sign the refund test off for me|en|wisla|azielinska|payments.refund-test.*payments.provider-choice"})
  void refusalNamesTheCheck(String question, String lang, String scenario, String asker, String regex) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, "^(I am read-only|Jestem tylko do odczytu)");
    matches(answer, regex);
    lacks(answer, "(Next|Dalej):");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the value a decision records: none chosen yet, who decides, and the check rather than its gate")
  @CsvSource(delimiter = '|', value = {
      "who's going to be on call over the switchover weekend?|en|vltava|switchover.on-call|Novotn",
      "kto będzie miał dyżur w weekend przełączenia?|pl|vltava|switchover.on-call|Novotn",
      "who is on call on the cutover night?|en|wisla|fallback.on-call|Marta Kowalczyk",
      "kto ma dyżur w noc przełączenia?|pl|wisla|fallback.on-call|Marta Kowalczyk",
      "which payment provider was picked in the end?|en|wisla|payments.provider-choice|Agnieszka",
      "jaki operator płatności został wybrany?|pl|wisla|payments.provider-choice|Agnieszka"})
  void decisionValue(String question, String lang, String scenario, String check, String decider) {
    String answer = ask(question, lang, scenario, null);
    matches(answer, "^[^.]*\\[" + Pattern.quote(check) + "][^.]*(not chosen yet|nic jeszcze nie wybrano)");
    matches(answer, "(not chosen yet|nic jeszcze nie wybrano).{0,40}" + decider + ".{0,60}decides"
        + "|decyduje: .{0,15}" + decider);
  }

  @Test
  @DisplayName("a decision recorded: its value is said")
  void decisionRecorded() {
    CopilotReadingTest.Console console = CopilotFixture.fresh("wisla");
    console.decide("mkowalczyk", "fallback.on-call", "platform-team");
    String answer = console.ask("who is on call on cutover night?", Lang.EN, "azielinska");
    matches(answer, "fallback.on-call.*recorded platform-team");
    lacks(answer, "not chosen");
  }

  @ParameterizedTest(name = "[{1}] {0} (asked by {3})")
  @DisplayName("'who else besides me': the other owners of the group's open checks, the asker left out")
  @CsvSource(delimiter = '|', value = {
      "apart from me, who else still has to sign in the DPIA?|en|vltava|lhorak|(?=.*Dvořáková)(?=.*Novotn)|Horák",
      "kto poza mną musi jeszcze coś podpisać w DPIA?|pl|vltava|lhorak|(?=.*Novotn)(?=.*Dvořáková)|Horák",
      "who else besides me must sign something for payments?|en|wisla|azielinska|Ewa Lewandowska|Zielińska",
      "oprócz mnie kto jeszcze musi coś zaakceptować w płatnościach?|pl|wisla|azielinska|Ewa Lewandowska"
          + "|Zielińska"})
  void otherOwners(String question, String lang, String scenario, String asker, String wanted, String unwanted) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, wanted);
    lacks(answer, unwanted);
    lacks(answer, "(session|sesja)");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("production traffic on or off: the console's state word, not a provider's alias")
  @CsvSource(delimiter = '|', value = {
      "is traffic already flowing to production?|en|bfg",
      "has production traffic been switched on yet?|en|wisla",
      "czy ruch produkcyjny jest już włączony?|pl|bfg",
      "ruch produkcyjny wyłączony czy włączony?|pl|wisla"})
  void traffic(String question, String lang, String scenario) {
    String answer = ask(question, lang, scenario, null);
    matches(answer, "^(Production traffic is off|Ruch produkcyjny jest wyłączony).*production_traffic_disabled");
    lacks(answer, "contract|kontrakt");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the state store's last write: not written yet on a fresh console")
  @CsvSource(delimiter = '|', value = {
      "kiedy ostatnio coś zapisano do magazynu stanu?|pl|bfg",
      "when did the console last write its state?|en|wisla",
      "o której był ostatni zapis stanu?|pl|wisla",
      "when was the last write?|en|vltava"})
  void lastWriteFresh(String question, String lang, String scenario) {
    String answer = ask(question, lang, scenario, null);
    matches(answer, "^(Not written yet|Jeszcze bez zapisu)");
  }

  @Test
  @DisplayName("the state store's last write: its time and who, once written")
  void lastWriteWritten() {
    CopilotReadingTest.Console console = CopilotFixture.fresh("wisla");
    console.accept("elewandowska", "payments.pci-review");
    matches(console.ask("kiedy był ostatni zapis?", Lang.PL, "azielinska"),
        "^Ostatni zapis: 2026-04-01T08:00:11Z, Ewa Lewandowska");
    matches(console.ask("when was the last write to the state store?", Lang.EN, "azielinska"),
        "^Last write at 2026-04-01T08:00:11Z by Ewa Lewandowska");
  }
}
