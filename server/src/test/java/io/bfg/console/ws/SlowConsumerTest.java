package io.bfg.console.ws;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber that stops reading must not make the server buffer every change for it: the hub
 * queues at most about {@code writeQueueBytes} for it, skips it while it is behind, and gives it
 * the latest evaluation once it reads again. Meanwhile a healthy subscriber sees every change.
 */
@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("A subscriber that stops reading")
class SlowConsumerTest {

  /** Accept/revoke cycles of one check: 2 changes each, every one a ~40 KB evaluation per subscriber. */
  private static final int CYCLES = 200;

  @TempDir
  Path dataDir;
  FeedServer server;
  FeedClient healthy;

  @BeforeEach
  void start(Vertx vertx) {
    server = FeedServer.start(vertx, dataDir);
    healthy = FeedClient.connect(FeedClient.client(vertx), server.port(), "/ws?lang=en");
    assertThat(healthy.next().getString("type")).isEqualTo("hello");
    assertThat(healthy.next().getString("type")).isEqualTo("evaluation");
  }

  @AfterEach
  void stop() {
    healthy.close();
    server.stop();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/ws?lang=en", "/ws?lang=en&evaluation=patch"})
  @DisplayName("is skipped to the latest evaluation, while the server's queue for it stays bounded and others keep up")
  void boundedAndSkipped(String uri) throws Exception {
    FeedSettings settings = FeedSettings.defaults();
    try (StalledSocket stalled = StalledSocket.open(server.port(), uri)) {
      HubProbe probe = server.probe();
      List<FeedConnection> connections = probe.connections();
      assertThat(connections).as("the hub's subscribers: the healthy one, then the stalled one").hasSize(2);
      FeedConnection stalledConnection = connections.get(1);

      long finalSeq = 0;
      long changes = 0;
      long maxQueued = 0;
      int largestEvaluation = 0;
      long slowestNanos = 0;
      for (int i = 0; i < CYCLES; i++) {
        for (boolean accept : new boolean[] {true, false}) {
          long started = System.nanoTime();
          long seq = accept ? server.accept() : server.revoke();
          JsonObject evaluation = healthy.evaluationAtLeast(seq);
          slowestNanos = Math.max(slowestNanos, System.nanoTime() - started);
          assertThat(evaluation.getLong("seq")).as("the healthy subscriber's evaluation after change %s", seq)
              .isEqualTo(seq);
          largestEvaluation = Math.max(largestEvaluation, evaluation.encode().length());
          // the broadcast of this change has been written to every subscriber by now (same loop, same pass)
          maxQueued = Math.max(maxQueued, HubProbe.queuedBytes(stalledConnection));
          finalSeq = seq;
          changes++;
        }
      }
      healthy.drainQuietly(Duration.ofMillis(300));

      // the healthy subscriber kept up with every change
      assertThat(Duration.ofNanos(slowestNanos)).as("slowest change-to-evaluation time of the healthy subscriber")
          .isLessThan(Duration.ofSeconds(2));
      List<JsonObject> seen = healthy.received();
      assertThat(seen.stream().filter(m -> "evaluation".equals(m.getString("type"))).map(m -> m.getLong("seq")))
          .as("evaluations of the healthy subscriber").containsExactlyElementsOf(LongStream.rangeClosed(0, finalSeq).boxed().toList());
      assertThat(seen.stream().filter(m -> "audit".equals(m.getString("type")))
          .map(m -> m.getJsonObject("event").getLong("seq")))
          .as("audit events of the healthy subscriber").containsExactlyElementsOf(LongStream.rangeClosed(1, finalSeq).boxed().toList());
      healthy.assertSeqNeverBackwards();

      // the server held at most its write-queue limit (plus the message that crossed it) for the stalled one
      assertThat(largestEvaluation).as("size of one evaluation message").isGreaterThan(10_000);
      assertThat(maxQueued).as("bytes queued on the server for the stalled subscriber, at most")
          .isLessThanOrEqualTo(settings.writeQueueBytes() + 2L * largestEvaluation)
          .as("the subscriber really stalled (its queue filled up)").isGreaterThanOrEqualTo(settings.writeQueueBytes() / 2);
      assertThat(probe.behind(stalledConnection)).as("the hub marked the stalled subscriber as behind").isTrue();
      assertThat(probe.connections()).as("the stalled subscriber is still subscribed").contains(stalledConnection);

      // when it reads again, it gets what the kernel and the capped queue held, then the latest evaluation
      long last = finalSeq;
      List<JsonObject> got = stalled.readUntil(m -> isEvaluation(m) && m.getLong("seq") == last);
      List<Long> evaluationSeqs = got.stream().filter(SlowConsumerTest::isEvaluation).map(m -> m.getLong("seq")).toList();
      assertThat(got.get(got.size() - 1).getString("type"))
          .as("after being skipped, the latest evaluation comes whole: a patch would not apply").isEqualTo("evaluation");
      assertPatchesApplyToTheEvaluationBefore(got);
      assertThat(got.get(0).getString("type")).isEqualTo("hello");
      // ~2 KB of patch and audit per change take longer to fill the queue than ~43 KB evaluations
      int fewerThan = uri.contains("evaluation=patch") ? (int) changes : (int) changes / 2;
      assertThat(evaluationSeqs).as("evaluations the stalled subscriber received for %s changes", changes)
          .hasSizeLessThan(fewerThan)
          .endsWith(finalSeq);
      assertThat(evaluationSeqs.get(evaluationSeqs.size() - 2)).as("the evaluation before the last (skipped to the latest)")
          .isLessThan(finalSeq - 1);
      FeedClient.assertSeqNeverBackwards(got);
      assertThat(probe.behind(stalledConnection)).as("caught up after draining").isFalse();

      // and it is back on the live stream
      long next = server.accept();
      List<JsonObject> live = stalled.readUntil(m -> isEvaluation(m) && m.getLong("seq") == next);
      assertThat(live).as("what the caught-up subscriber receives for the next change")
          .allMatch(m -> isEvaluation(m) || m.getString("type").equals("audit"));
      if (uri.contains("evaluation=patch")) {
        assertThat(live.get(live.size() - 1).getString("type")).as("back on the live stream: a patch again")
            .isEqualTo("evaluation.patch");
      }
      healthy.evaluationAtLeast(next);
    }
  }

  private static boolean isEvaluation(JsonObject message) {
    return "evaluation".equals(message.getString("type")) || "evaluation.patch".equals(message.getString("type"));
  }

  /** Each evaluation.patch names, as its base, the seq of the evaluation the subscriber got just before it. */
  private static void assertPatchesApplyToTheEvaluationBefore(List<JsonObject> messages) {
    Long held = null;
    for (JsonObject message : messages) {
      if ("evaluation.patch".equals(message.getString("type"))) {
        assertThat(message.getLong("base")).as("base of the patch to %s", message.getLong("seq")).isEqualTo(held);
      }
      if (isEvaluation(message)) {
        held = message.getLong("seq");
      }
    }
  }
}
