package io.bfg.console.ws;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asking the copilot over the feed: {@code {"type":"ask","question","lang","askId"}} is answered with
 * {@code copilot.delta} messages and one {@code copilot.answer}, or one {@code error}, each carrying
 * the askId so a client can tell concurrent questions apart. A refused question leaves the socket open.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("Asking the copilot over the feed")
class FeedCopilotTest {

  @TempDir
  Path dataDir;
  FeedServer server;
  FeedClient feed;

  @BeforeEach
  void subscribe(Vertx vertx) {
    server = FeedServer.start(vertx, dataDir);
    feed = FeedClient.connect(FeedClient.client(vertx), server.port(), "/ws?lang=en");
    assertThat(feed.next().getString("type")).isEqualTo("hello");
    assertThat(feed.next().getString("type")).isEqualTo("evaluation");
  }

  @AfterEach
  void stop() {
    feed.close();
    server.stop();
  }

  private static String ask(Object question, String lang, String askId) {
    return new JsonObject().put("type", "ask").put("question", question).put("lang", lang).put("askId", askId).encode();
  }

  private JsonObject assertError(String code, String askId) {
    JsonObject error = feed.next();
    assertThat(error.getString("type")).as("answer: %s", error.encode()).isEqualTo("error");
    assertThat(error.getString("code")).as("answer: %s", error.encode()).isEqualTo(code);
    assertThat(error.getString("askId")).isEqualTo(askId);
    assertThat(error.getString("message")).isNotBlank().doesNotContain("\tat ", "Exception");
    return error;
  }

  private void assertStillOpen() {
    feed.send("{\"type\":\"ping\"}");
    assertThat(feed.next().getString("type")).as("the answer to a ping after the refusal").isEqualTo("pong");
    assertThat(feed.isClosed()).isFalse();
  }

  @Test
  @DisplayName("an ask is answered with copilot.delta messages, then one copilot.answer with citations, all carrying its askId")
  void askIsAnswered() {
    feed.send(ask("What blocks production?", "en", "ask-1"));

    List<String> deltas = new ArrayList<>();
    JsonObject message = feed.next();
    while ("copilot.delta".equals(message.getString("type"))) {
      assertThat(message.getString("askId")).as("askId of %s", message.encode()).isEqualTo("ask-1");
      deltas.add(message.getString("text"));
      message = feed.next();
    }
    JsonObject answer = message;
    assertThat(answer.getString("type")).as("after the deltas: %s", answer.encode()).isEqualTo("copilot.answer");
    assertThat(answer.getString("askId")).isEqualTo("ask-1");
    assertThat(deltas).as("deltas before the answer").isNotEmpty();
    assertThat(String.join("", deltas)).isEqualTo(answer.getString("text"));
    assertThat(answer.getJsonArray("citations").getList()).contains("production");
    assertThat(answer.getString("lang")).isEqualTo("en");
    assertThat(answer.getBoolean("grounded")).isTrue();
    assertThat(answer.getString("model")).isEqualTo("local");
    assertThat(answer.getJsonObject("recommendation").getString("action")).isNotBlank();
    assertThat(answer.getJsonArray("corrections")).isNotNull();
    assertThat(answer.getJsonArray("warnings")).isNotNull();
    assertStillOpen();
  }

  @Test
  @DisplayName("a Polish question over an English feed is answered in Polish")
  void polishAsk() {
    feed.send(new JsonObject().put("type", "ask").put("question", "Co blokuje produkcje?").put("askId", "pl-1").encode());

    JsonObject answer = feed.nextOfType("copilot.answer");

    assertThat(answer.getString("askId")).isEqualTo("pl-1");
    assertThat(answer.getString("lang")).isEqualTo("pl");
    assertThat(answer.getJsonArray("citations").getList()).contains("production");
  }

  @Test
  @DisplayName("an ask whose question is not a string gets an error with its askId, and the socket stays open")
  void malformedAsk() {
    feed.send(ask(42, "en", "bad-1"));
    assertError("INVALID_QUESTION", "bad-1");

    feed.send(new JsonObject().put("type", "ask").put("askId", "bad-2").encode());
    assertError("INVALID_QUESTION", "bad-2");

    assertStillOpen();
  }

  @Test
  @DisplayName("a question over 1,000 characters gets QUESTION_TOO_LONG with its askId, and the socket stays open")
  void tooLong() {
    feed.send(ask("x".repeat(1_001), "en", "long-1"));
    assertError("QUESTION_TOO_LONG", "long-1");

    assertStillOpen();
    feed.send(ask("What should I do next?", "en", "after-1"));
    JsonObject answer = feed.nextOfType("copilot.answer");
    assertThat(answer.getString("askId")).isEqualTo("after-1");
  }
}
