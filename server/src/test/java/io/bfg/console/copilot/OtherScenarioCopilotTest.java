package io.bfg.console.copilot;

import io.bfg.console.copilot.LocalModelQuestionsTest.Reply;
import io.bfg.console.http.ApiClient;
import io.bfg.console.http.CopilotStream;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local copilot on a scenario nothing like the flagship (test fixture clinic-launch): its
 * go/no-go node is "launch", its gates, checks and providers are named by the aliases it declares,
 * and its first open item is a derived check nobody can move from the console. The copilot knows
 * only what the scenario declares, so it must answer all of that from the declarations.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The local copilot on another company's scenario")
class OtherScenarioCopilotTest {

  private RunningConsole console;
  private ApiClient api;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dataDir) {
    console = RunningConsole.start(vertx, RunningConsole.fixture("clinic-launch"), dataDir,
        Map.of("CONSOLE_COPILOT_RATE_PER_MINUTE", "1000"));
    api = console.api();
  }

  @AfterAll
  void stop() {
    console.stop();
  }

  private Reply ask(String question) {
    return LocalModelQuestionsTest.ask(api, question);
  }

  @ParameterizedTest
  @ValueSource(strings = {"What blocks production?", "Is opening day a go?", "Co blokuje produkcje?",
      "Czy uruchomienie jest gotowe?"})
  @DisplayName("cites the scenario's own go/no-go node, not one called production")
  void citesItsProductionNode(String question) {
    Reply reply = ask(question);

    assertThat(reply.text()).contains("BLOCKED_PENDING_KEYS [launch]").doesNotContain("[production]");
    assertThat(reply.citations()).startsWith("launch").contains("keys", "patient-vault", "clinic-network");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "who owns the EMR?|patient-vault", "kto jest wlascicielem kartoteki?|patient-vault",
      "is the medical records gate ready?|patient-vault", "co z dokumentacja pacjentow?|patient-vault",
      "what did the last uplink check find?|clinic-network", "co wykazal ostatni test sieci?|clinic-network",
      "who owns bitlocker?|vault.encryption", "kto odpowiada za zaszyfrowanie dyskow?|vault.encryption"})
  @DisplayName("links a question to a gate or check through the aliases the scenario declares, in EN and PL")
  void gateAndCheckAliases(String question, String id) {
    Reply reply = ask(question);

    assertThat(reply.citations()).as(reply.text()).first().isEqualTo(id);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "how is the PSP doing?|stub-psp|terms.card-payments", "jak stoja terminale?|stub-psp|terms.card-payments",
      "status of text messages|log-only|terms.sms-reminders", "co z esemesami?|log-only|terms.sms-reminders"})
  @DisplayName("links a question to a provider through its declared aliases, in EN and PL")
  void providerAliases(String question, String mode, String check) {
    Reply reply = ask(question);

    assertThat(reply.text()).contains(mode, "[" + check + "]");
  }

  @Test
  @DisplayName("says in a plain sentence, in EN and PL, that nobody can move the next item from the console and why")
  void unactionableRecommendation() {
    String english = ask("What should I do next?").text();
    String polish = ask("Co dalej?").text();

    assertThat(english).startsWith("Next: Hand over the reviewed live keys [keys.live].")
        .contains("Nobody can move this from the console: it is derived from evidence")
        .doesNotContain("?", "Who:", "How:");
    assertThat(polish).startsWith("Dalej: Przekaz sprawdzone klucze live [keys.live].")
        .contains("Nikt nie może tego ruszyć z konsoli: to wynika z dowodów")
        .doesNotContain("?", "Kto:", "Jak:");
  }

  @Test
  @DisplayName("no answer, whatever it is asked, carries a word of the flagship scenario")
  void noFlagshipWords() {
    List<String> questions = List.of("What blocks production?", "Co blokuje produkcje?", "What should I do next?",
        "Co dalej?", "Why is the patient vault blocked?", "who owns the retention decision?",
        "what is on Ewa's plate?", "co Piotr musi zrobic?", "how is the PSP doing?", "jak stoja esemesy?",
        "what did the last connection check find?", "co wykazal ostatni dry-run?", "what changed recently?",
        "what does BLOCKED_PENDING_KEYS mean?", "co znaczy GO_LIVE?", "write me a haiku",
        "napisz mi wierszyk", "approve the retention decision", "zatwierdz szyfrowanie", "status?");
    List<String> offending = new ArrayList<>();
    for (String question : questions) {
      // the answer's words, grounded or not: this is about what the copilot says, not how it cites
      String answer = CopilotStream.ask(api.base(), null, question, "en").answer().getString("text");
      if (CopilotVocabularyTest.FLAGSHIP_WORDS.matcher(answer).find() || answer.contains("[production]")
          || answer.contains("(?)")) {
        offending.add(question + " -> " + answer);
      }
    }

    assertThat(offending).isEmpty();
  }

  @Test
  @DisplayName("once every gate is ready, says nothing is left to do, in EN and PL, with no placeholders")
  void nothingLeftToDo(Vertx vertx, @TempDir Path otherDataDir) {
    RunningConsole done = RunningConsole.start(vertx, RunningConsole.fixture("http-go"), otherDataDir,
        Map.of("CONSOLE_COPILOT_RATE_PER_MINUTE", "1000"));
    try {
      ApiClient owners = done.api();
      owners.accept("user_ops", "signoffs.schema").ok();
      owners.accept("user_owner", "signoffs.rollback").ok();
      owners.decide("user_owner", "hosting.provider", "managed-eu").ok();

      assertThat(LocalModelQuestionsTest.ask(owners, "What should I do next?").text())
          .isEqualTo("Nothing is left to do: production is GO.");
      assertThat(LocalModelQuestionsTest.ask(owners, "Co dalej?").text())
          .isEqualTo("Nic nie zostało do zrobienia: produkcja ma status GO.");
    } finally {
      done.stop();
    }
  }
}
