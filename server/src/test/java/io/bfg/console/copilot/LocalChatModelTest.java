package io.bfg.console.copilot;

import dev.langchain4j.service.AiServices;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.Lang;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The local model inside the AI service's two-round tool-calling protocol, without a server. */
@DisplayName("The local model's tool-calling rounds")
class LocalChatModelTest {

  private static final Scenario BFG = ScenarioLoader.load(RunningConsole.BFG).scenario();
  private static final Evaluator.Assessment FRESH = new Evaluator(BFG)
      .assess(new Runtime("file-local", "mock-auth-header", false), SessionState.empty());
  private final ReadinessFacts facts = new ReadinessFacts(BFG, new Evaluator(BFG).render(FRESH, Lang.EN),
      SessionState.empty(), List.of());

  @Test
  @DisplayName("reads each question once per ask: the second round answers from the first round's reading")
  void readsOncePerAsk() throws Exception {
    AtomicInteger readings = new AtomicInteger();
    LocalChatModel model = new LocalChatModel(lang -> {
      readings.incrementAndGet();
      return facts;
    }, new Prompts(Path.of("prompts")), Lang.EN);
    CopilotService.Assistant assistant = AiServices.builder(CopilotService.Assistant.class)
        .streamingChatModel(model).tools(new CopilotTools(() -> facts, () -> new CopilotTools.Now(BFG, FRESH,
            facts.evaluation()), true)).build();

    String blockers = ask(assistant, "What blocks production?");
    String why = ask(assistant, "Why is the dry-run blocked?");
    String again = ask(assistant, "What blocks production?");

    assertThat(blockers).contains("[production]", "BLOCKED_PENDING_DRY_RUN").isEqualTo(again);
    assertThat(why).contains("[dry-run]", "0/5");
    assertThat(readings).as("the evaluation consulted to read a question, per ask").hasValue(3);
  }

  private static String ask(CopilotService.Assistant assistant, String question) throws Exception {
    CompletableFuture<String> answer = new CompletableFuture<>();
    assistant.ask(question).onPartialResponse(piece -> { })
        .onCompleteResponse(response -> answer.complete(response.aiMessage().text()))
        .onError(answer::completeExceptionally).start();
    return answer.get(10, TimeUnit.SECONDS);
  }
}
