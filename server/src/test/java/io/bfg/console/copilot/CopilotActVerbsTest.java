package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests to act in verbs of sending, moving and switching ("send the batch to the insurer",
 * "wyślij paczkę") are refused like any other: the fifth blind round found them answered with the
 * status of the thing they named, as if they were questions.
 */
@DisplayName("Local answers: requests to send, move or switch are refused, not answered as questions")
class CopilotActVerbsTest {

  private static final CopilotReadingTest.Console BFG = console("scenarios/bfg-flowcontrol");
  private static final CopilotReadingTest.Console VLTAVA = console("scenarios/vltava-care");

  private static CopilotReadingTest.Console console(String dir) {
    return new CopilotReadingTest.Console(ScenarioLoader.load(Path.of(dir)).scenario());
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @CsvSource(delimiter = '|', value = {
      "send the invoice batch to KSeF now|en|bfg",
      "please push the operations batch to production|en|bfg",
      "switch the maps provider over to the live API|en|bfg",
      "move the clinic records to the new database|en|vltava",
      "wyślij paczkę faktur do KSeF|pl|bfg",
      "prześlij dane pacjentów do nowej bazy|pl|vltava",
      "przełącz kliniki na produkcję|pl|vltava"})
  void refused(String question, String lang, String scenario) {
    String answer = ("bfg".equals(scenario) ? BFG : VLTAVA).ask(question, Lang.valueOf(lang.toUpperCase()),
        "bfg".equals(scenario) ? "user_md_anna" : "psvobodova");
    assertThat(answer).as("answer to %s", question).containsPattern("^(I am read-only|Jestem tylko do odczytu)");
  }
}
