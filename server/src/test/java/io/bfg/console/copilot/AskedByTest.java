package io.bfg.console.copilot;

import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.Actor;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Who asks, carried in the question's message")
class AskedByTest {

  private static final Actor ANNA = ScenarioLoader.load(RunningConsole.BFG).scenario().actor("user_md_anna");

  @Test
  @DisplayName("the message names the asker; the local model takes the question and the id back exactly")
  void roundTrip() {
    String question = "What's on my plate?\nAnd why?";

    AskedBy.Parsed parsed = AskedBy.parse(AskedBy.message(question, ANNA));

    assertThat(AskedBy.message(question, ANNA)).endsWith("(Asked by Anna Kowalska, actor id user_md_anna.)");
    assertThat(parsed).isEqualTo(new AskedBy.Parsed(question, "user_md_anna"));
  }

  @Test
  @DisplayName("no asker: the message is the question; a question that only mentions the words is left whole")
  void noAsker() {
    String typed = "Who wrote (Asked by Anna Kowalska, actor id user_md_anna.) here?";

    assertThat(AskedBy.message("What blocks production?", null)).isEqualTo("What blocks production?");
    assertThat(AskedBy.parse("What blocks production?")).isEqualTo(new AskedBy.Parsed("What blocks production?", null));
    assertThat(AskedBy.parse(typed)).isEqualTo(new AskedBy.Parsed(typed, null));
  }
}
