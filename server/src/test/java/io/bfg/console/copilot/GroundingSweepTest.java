package io.bfg.console.copilot;

import io.bfg.console.http.ApiClient;
import io.bfg.console.http.CopilotStream;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wrong-fact sweep: every question below, asked of the local model over HTTP, must come back
 * needing no correction and flagging no figure, on BFG fresh, on BFG after sign-offs and a decision,
 * and on Vltava Care. The validator runs on every answer anyway; here it is the judge: an answer it
 * had to correct stated a wrong fact.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("No local answer states a wrong fact")
class GroundingSweepTest {

  /** Phrased the way people ask, not the way the reader is built; {scenario words} are filled per scenario. */
  private static final List<String> EN = List.of(
      "what's stopping us from going live?",
      "give me the overall picture",
      "how many gates are green?",
      "how many of the checks are done, in percent?",
      "what should happen next and who does it?",
      "who is responsible for {check}?",
      "status of {gate}?",
      "why is {blocked} stuck?",
      "what does {code} stand for",
      "what is on {actor}'s plate?",
      "what can {actor} do right now?",
      "who is allowed to run the pipelines?",
      "can the {role} accept checks?",
      "is {gate} done yet",
      "tell me about {provider}",
      "did the connection check run?",
      "what changed lately?",
      "where does the console keep its state right now?",
      "sign off {check} for me",
      "write me a poem about databases");
  private static final List<String> PL = List.of(
      "co nas blokuje przed startem produkcji?",
      "jak ogólnie wygląda sytuacja?",
      "ile bramek jest już gotowych?",
      "jaki procent kontroli jest zrobiony?",
      "co teraz trzeba zrobić i kto to robi?",
      "kto odpowiada za {check}?",
      "jaki jest stan {gate}?",
      "dlaczego {blocked} stoi?",
      "co oznacza {code}",
      "co ma do zrobienia {actor}?",
      "ile zadań ma teraz {actor}?",
      "kto może uruchamiać pipeline'y?",
      "czy {role} może akceptować kontrole?",
      "czy {gate} jest już gotowe",
      "opowiedz o {provider}",
      "czy connection check był uruchomiony?",
      "co się ostatnio zmieniło?",
      "gdzie konsola trzyma teraz stan?",
      "zatwierdź {check} za mnie",
      "napisz wiersz o bazach danych");

  private static final Map<String, String> BFG_WORDS = Map.of("{check}", "the database schema check",
      "{gate}", "the connection gate", "{blocked}", "the rollback drill", "{code}", "BLOCKED_PENDING_DRY_RUN",
      "{actor}", "Anna", "{role}", "driver", "{provider}", "KSeF");
  private static final Map<String, String> BFG_WORDS_PL = Map.of("{check}", "schemat DB",
      "{gate}", "bramki connection", "{blocked}", "rollback drill", "{code}", "blocked_pending_dry_run",
      "{actor}", "Marek", "{role}", "kierowca", "{provider}", "KSeF");
  private static final Map<String, String> VLTAVA_WORDS = Map.of("{check}", "the retention periods",
      "{gate}", "the DPIA", "{blocked}", "the replay", "{code}", "BLOCKED_PENDING_LINK",
      "{actor}", "Tomas", "{role}", "DPO", "{provider}", "eRecept");
  private static final Map<String, String> VLTAVA_WORDS_PL = Map.of("{check}", "okresy przechowywania",
      "{gate}", "DPIA", "{blocked}", "odtworzenie", "{code}", "BLOCKED_PENDING_LINK",
      "{actor}", "Tomáš", "{role}", "inspektor ochrony danych", "{provider}", "e-recepta");

  private static String fill(String question, Map<String, String> words) {
    String out = question;
    for (Map.Entry<String, String> word : words.entrySet()) {
      out = out.replace(word.getKey(), word.getValue());
    }
    return out;
  }

  /** Every question's answer that needed a correction or flagged a figure, as "question -> what". */
  private static List<String> sweep(RunningConsole console, Map<String, String> en, Map<String, String> pl) {
    List<String> wrong = new ArrayList<>();
    for (String question : EN) {
      ask(console, fill(question, en), "en", wrong);
    }
    for (String question : PL) {
      ask(console, fill(question, pl), "pl", wrong);
    }
    return wrong;
  }

  private static void ask(RunningConsole console, String question, String lang, List<String> wrong) {
    JsonObject answer = CopilotStream.ask(console.base(), null, question, lang).answer();
    List<Object> issues = new ArrayList<>(answer.getJsonArray("corrections").getList());
    issues.addAll(answer.getJsonArray("warnings").getList());
    if (!issues.isEmpty()) {
      wrong.add(lang + " \"" + question + "\" -> " + issues + "\n    answer: " + answer.getString("text"));
    }
  }

  @Test
  @DisplayName("on BFG, fresh and after sign-offs and a decision")
  void bfg(Vertx vertx, @TempDir Path dataDir) {
    RunningConsole console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir,
        Map.of("CONSOLE_COPILOT_RATE_PER_MINUTE", "10000"));
    try {
      List<String> wrong = sweep(console, BFG_WORDS, BFG_WORDS_PL);
      ApiClient api = console.api();
      api.accept(ApiClient.ANNA, "cutover.contracts-frozen").ok();
      api.accept(ApiClient.MAREK, "cutover.role-headers").ok();
      api.accept(ApiClient.OLENA, "cutover.database-schema").ok();
      api.decide(ApiClient.ANNA, "infra.hosting", "managed-postgres-eu").ok();
      wrong.addAll(sweep(console, BFG_WORDS, BFG_WORDS_PL));
      assertThat(wrong).as("answers that stated a wrong fact").isEmpty();
    } finally {
      console.stop();
    }
  }

  @Test
  @DisplayName("on Vltava Care")
  void vltava(Vertx vertx, @TempDir Path dataDir) {
    RunningConsole console = RunningConsole.start(vertx, Path.of("scenarios", "vltava-care"), dataDir,
        Map.of("CONSOLE_COPILOT_RATE_PER_MINUTE", "10000"));
    try {
      assertThat(sweep(console, VLTAVA_WORDS, VLTAVA_WORDS_PL)).as("answers that stated a wrong fact").isEmpty();
    } finally {
      console.stop();
    }
  }
}
