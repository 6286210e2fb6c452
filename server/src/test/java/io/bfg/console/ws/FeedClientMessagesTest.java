package io.bfg.console.ws;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the feed does with what a subscriber sends: pings, garbage, unknown or unsupported
 * messages, oversized messages and floods.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("Messages a subscriber sends to the feed")
class FeedClientMessagesTest {

  @TempDir
  Path dataDir;
  FeedServer server;
  FeedClient feed;

  @BeforeEach
  void subscribe(Vertx vertx) {
    server = FeedServer.start(vertx, dataDir);
    WebSocketClient client = FeedClient.client(vertx);
    feed = FeedClient.connect(client, server.port(), "/ws?lang=en");
    assertThat(feed.next().getString("type")).isEqualTo("hello");
    assertThat(feed.next().getString("type")).isEqualTo("evaluation");
  }

  @AfterEach
  void stop() {
    feed.close();
    server.stop();
  }

  private void assertPong() {
    JsonObject pong = feed.next();
    assertThat(pong.getString("type")).as("answer to a ping: %s", pong.encode()).isEqualTo("pong");
    assertThat(pong.getLong("seq")).isNotNull();
  }

  private JsonObject assertError(String code) {
    JsonObject error = feed.next();
    assertThat(error.getString("type")).as("answer: %s", error.encode()).isEqualTo("error");
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getString("message")).isNotBlank();
    return error;
  }

  @Test
  @DisplayName("answers a ping with a pong carrying the current seq")
  void pingPong() {
    feed.send("{\"type\":\"ping\"}");
    JsonObject pong = feed.next();
    assertThat(pong.getString("type")).isEqualTo("pong");
    assertThat(pong.getLong("seq")).isZero();

    long seq = server.accept();
    feed.evaluationAtLeast(seq);
    feed.send("{\"type\":\"ping\"}");
    assertThat(feed.nextOfType("pong").getLong("seq")).isEqualTo(seq);
    feed.assertSeqNeverBackwards();
  }

  @ParameterizedTest(name = "text [{0}]")
  @ValueSource(strings = {"{not json", "[1,2,3]", "\"ping\"", "42", ""})
  @DisplayName("answers text that is not a JSON object with MALFORMED_MESSAGE and keeps the socket open")
  void malformed(String text) {
    feed.send(text);
    assertError("MALFORMED_MESSAGE");

    feed.send("{\"type\":\"ping\"}");
    assertPong();
    assertThat(feed.isClosed()).isFalse();
  }

  @ParameterizedTest(name = "message {0}")
  @ValueSource(strings = {"{\"type\":\"subscribe\"}", "{}", "{\"type\":null}", "{\"type\":42}", "{\"type\":\"PING\"}"})
  @DisplayName("answers an unknown message type with UNKNOWN_TYPE and keeps the socket open")
  void unknownType(String text) {
    feed.send(text);
    assertError("UNKNOWN_TYPE");

    feed.send("{\"type\":\"ping\"}");
    assertPong();
  }

  @Test
  @DisplayName("answers a binary frame with an error and keeps the socket open")
  void binary() {
    feed.sendBinary("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
    assertError("BINARY_NOT_SUPPORTED");

    feed.send("{\"type\":\"ping\"}");
    assertPong();
  }

  @Test
  @DisplayName("closes the socket with 1008 when a subscriber floods binary frames past four times the limit")
  void binaryFlood() {
    int closeAfter = FeedSettings.defaults().maxMessagesPerWindow() * 4;
    for (int i = 0; i <= closeAfter * 2 && !feed.isClosed(); i++) {
      feed.socket().writeBinaryMessage(Buffer.buffer(new byte[] {1}));
    }

    assertThat(feed.awaitClose()).isEqualTo((short) 1008);
  }

  @Test
  @DisplayName("takes a message of exactly the largest allowed size")
  void largestMessage() {
    int limit = FeedSettings.defaults().maxMessageBytes();
    String prefix = "{\"type\":\"ping\",\"pad\":\"";
    String suffix = "\"}";
    feed.send(prefix + "x".repeat(limit - prefix.length() - suffix.length()) + suffix);
    assertPong();
  }

  @Test
  @DisplayName("drops the connection of a subscriber whose single frame is larger than the limit")
  void oversizedFrameDropsTheConnection() {
    int limit = FeedSettings.defaults().maxMessageBytes();
    feed.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(limit) + "\"}");

    feed.awaitClose();
    assertThat(feed.received()).noneMatch(m -> "pong".equals(m.getString("type")));
  }

  @Test
  @DisplayName("closes the socket with 1009 when a message in one frame is larger than the limit")
  void oversizedFrame() {
    int limit = FeedSettings.defaults().maxMessageBytes();
    feed.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(limit) + "\"}");

    assertThat(feed.awaitClose()).as("close status after a %s-byte message", limit + 24).isEqualTo((short) 1009);
  }

  @Test
  @DisplayName("closes the socket with 1009 when a message in several small frames adds up to more than the limit")
  void oversizedFragmentedMessage() {
    int limit = FeedSettings.defaults().maxMessageBytes();
    String third = "x".repeat(limit / 3);
    feed.socket().writeFrame(WebSocketFrame.textFrame("{\"type\":\"ping\",\"pad\":\"" + third, false));
    feed.socket().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(third), false));
    feed.socket().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(third), false));
    feed.socket().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(third + "\"}"), true));

    assertThat(feed.awaitClose()).as("close status after a fragmented %s-byte message", limit + 24)
        .isEqualTo((short) 1009);
  }

  @Test
  @DisplayName("takes a message in several frames that together stay within the limit")
  void fragmentedMessageWithinTheLimit() {
    feed.socket().writeFrame(WebSocketFrame.textFrame("{\"type\":", false));
    feed.socket().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"pi"), false));
    feed.socket().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("ng\"}"), true));

    assertPong();
  }

  @Test
  @DisplayName("answers pings past the rate limit with RATE_LIMITED")
  void rateLimited() {
    for (int i = 0; i < 30; i++) {
      feed.send("{\"type\":\"ping\"}");
    }
    List<JsonObject> answers = IntStream.range(0, 30).mapToObj(i -> feed.next()).toList();

    assertThat(answers).extracting(m -> m.getString("type")).containsOnly("pong", "error");
    assertThat(answers).filteredOn(m -> "error".equals(m.getString("type")))
        .extracting(m -> m.getString("code")).isNotEmpty().containsOnly("RATE_LIMITED");
    assertThat(answers).filteredOn(m -> "pong".equals(m.getString("type")))
        .hasSize(FeedSettings.defaults().maxMessagesPerWindow());
    assertThat(feed.isClosed()).isFalse();
  }

  @Test
  @DisplayName("closes the socket with 1008 when a subscriber keeps flooding past four times the limit")
  void flood() {
    int closeAfter = FeedSettings.defaults().maxMessagesPerWindow() * 4;
    for (int i = 0; i <= closeAfter + 5 && !feed.isClosed(); i++) {
      feed.socket().writeTextMessage("{\"type\":\"ping\"}");
    }

    assertThat(feed.awaitClose()).isEqualTo((short) 1008);
    List<JsonObject> answers = feed.drainQuietly(Duration.ofMillis(100));
    assertThat(answers).filteredOn(m -> "error".equals(m.getString("type"))).isNotEmpty()
        .allMatch(m -> "RATE_LIMITED".equals(m.getString("code")));
  }
}
