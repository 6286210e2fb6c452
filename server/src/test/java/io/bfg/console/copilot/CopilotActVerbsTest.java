package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.bfg.console.copilot.CopilotFixture.ask;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * Requests to act in verbs of sending, moving and switching ("send the batch to the insurer",
 * "wyślij paczkę") are refused like any other: the fifth blind round found them answered with the
 * status of the thing they named, as if they were questions.
 */
@DisplayName("Local answers: requests to send, move or switch are refused, not answered as questions")
class CopilotActVerbsTest {

  @ParameterizedTest(name = "[{1}] {0}")
  @CsvSource(delimiter = '|', value = {
      "send the invoice batch to KSeF now|en|bfg|user_md_anna",
      "please push the operations batch to production|en|bfg|user_md_anna",
      "switch the maps provider over to the live API|en|bfg|user_md_anna",
      "move the clinic records to the new database|en|vltava|psvobodova",
      "wyślij paczkę faktur do KSeF|pl|bfg|user_md_anna",
      "prześlij dane pacjentów do nowej bazy|pl|vltava|psvobodova",
      "przełącz kliniki na produkcję|pl|vltava|psvobodova"})
  void refused(String question, String lang, String scenario, String asker) {
    matches(ask(question, lang, scenario, asker), "^(I am read-only|Jestem tylko do odczytu)");
  }
}
