package io.bfg.console.ws;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP timeouts bound clients that keep the console waiting for a request; a feed subscriber
 * owes the console nothing, and only the feed's own ping and silence rules (FeedSettings) may close
 * it. With the HTTP timeouts far shorter than the feed's ping interval, a subscriber that merely
 * listens stays connected and keeps receiving.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("A feed subscriber and the HTTP timeouts")
class FeedOutlivesHttpTimeoutsTest {

  private static final Duration HTTP_TIMEOUTS = Duration.ofMillis(300);

  @TempDir
  Path dataDir;
  FeedServer server;
  FeedClient feed;

  @AfterEach
  void stop() {
    if (feed != null) {
      feed.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Test
  @DisplayName("a subscriber that only listens outlives the HTTP header and idle timeouts many times over")
  void listeningSubscriberStays(Vertx vertx) {
    server = FeedServer.start(vertx, dataDir, Map.of(
        "CONSOLE_HTTP_HEADER_TIMEOUT_MS", String.valueOf(HTTP_TIMEOUTS.toMillis()),
        "CONSOLE_HTTP_IDLE_TIMEOUT_MS", String.valueOf(HTTP_TIMEOUTS.toMillis())));
    feed = FeedClient.connect(FeedClient.client(vertx), server.port(), "/ws?lang=en");
    assertThat(feed.next().getString("type")).isEqualTo("hello");
    assertThat(feed.next().getString("type")).isEqualTo("evaluation");

    assertThat(feed.drainQuietly(HTTP_TIMEOUTS.multipliedBy(10))).as("messages while the subscriber listened").isEmpty();
    assertThat(feed.isClosed()).as("closed while it listened").isFalse();

    long seq = server.accept();
    JsonObject evaluation = feed.evaluationAtLeast(seq);
    assertThat(evaluation.getLong("seq")).isEqualTo(seq);
  }
}
