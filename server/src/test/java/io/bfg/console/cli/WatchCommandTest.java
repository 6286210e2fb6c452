package io.bfg.console.cli;

import io.bfg.console.Main;
import io.bfg.console.ws.FeedServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code watch}: the feed as JSON lines for scripts, against a real console on port 0. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("The watch command")
class WatchCommandTest {

  /** watch blocks until it has printed --count lines, so it runs beside the test thread. */
  private static final ExecutorService WATCHERS = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "watch-under-test");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * How long the test waits for watch to print: generous, because watch starts a Vert.x of its own and, late
   * in the full suite on two busy cores, its first connect once took over 10 s (a wait, not a timing claim).
   */
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dataDir;
  FeedServer server;
  final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @AfterAll
  static void shutdown() {
    WATCHERS.shutdownNow();
  }

  private CompletableFuture<Integer> watch(String... args) {
    return CompletableFuture.supplyAsync(() -> WatchCommand.run(List.of(args), out, err), WATCHERS);
  }

  private int exit(CompletableFuture<Integer> watch) throws Exception {
    try {
      return watch.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("watch did not finish; printed " + lines() + "; stderr " + errText(), e);
    }
  }

  private List<String> lines() {
    String text = outBytes.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }

  private String errText() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  private List<JsonObject> messages() {
    return lines().stream().map(JsonObject::new).toList();
  }

  /** Waits (on the test thread) until the watcher has printed a matching number of lines. */
  private void awaitLines(Predicate<Integer> enough, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!enough.test(lines().size())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("watch did not print " + what + "; printed " + lines() + "; stderr " + errText());
      }
      Thread.sleep(20);
    }
  }

  @Test
  @DisplayName("prints the hello line, then the evaluation line, and exits 0 after --count 2")
  void helloThenEvaluation(Vertx vertx) throws Exception {
    server = FeedServer.start(vertx, dataDir);

    int exit = exit(watch("--url", server.base(), "--count", "2"));

    assertThat(exit).as("exit code; stderr %s", errText()).isZero();
    List<JsonObject> messages = messages();
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).getString("type")).isEqualTo("hello");
    assertThat(messages.get(0).getString("protocol")).isEqualTo("IntegrationFeed.v1");
    assertThat(messages.get(1).getString("type")).isEqualTo("evaluation");
    assertThat(messages.get(1).getLong("seq")).isEqualTo(messages.get(0).getLong("seq"));
    assertThat(messages.get(1).getJsonObject("evaluation").getString("lang")).isEqualTo("en");
    assertThat(lines()).as("one JSON object per line").allMatch(line -> line.startsWith("{") && line.endsWith("}"));
  }

  @Test
  @DisplayName("prints only the hello line with --count 1, though the evaluation arrives with it")
  void countOne(Vertx vertx) throws Exception {
    server = FeedServer.start(vertx, dataDir);

    int exit = exit(watch("--url", server.base(), "--count", "1"));

    assertThat(exit).as("exit code; stderr %s", errText()).isZero();
    assertThat(messages()).extracting(m -> m.getString("type")).containsExactly("hello");
    assertThat(errText()).isEmpty();
  }

  @Test
  @DisplayName("prints exactly 3 lines with --count 3 and one change: hello, evaluation, and the change's audit line")
  void countThreeWithAChange(Vertx vertx) throws Exception {
    server = FeedServer.start(vertx, dataDir);
    CompletableFuture<Integer> watch = watch("--url", server.base(), "--count", "3");
    awaitLines(n -> n >= 2, "the hello and the evaluation");

    long seq = server.accept();

    assertThat(exit(watch)).as("exit code; stderr %s", errText()).isZero();
    List<JsonObject> messages = messages();
    assertThat(messages).extracting(m -> m.getString("type")).containsExactly("hello", "evaluation", "audit");
    assertThat(messages.get(2).getJsonObject("event").getLong("seq")).isEqualTo(seq);
    assertThat(errText()).as("no reconnect after the count is reached").isEmpty();
  }

  @Test
  @DisplayName("takes a trailing slash on --url, and --lang pl for Polish labels")
  void polish(Vertx vertx) throws Exception {
    server = FeedServer.start(vertx, dataDir);

    int exit = exit(watch("--url", server.base() + "/", "--lang", "pl", "--count", "2"));

    assertThat(exit).as("exit code; stderr %s", errText()).isZero();
    assertThat(messages().get(1).getJsonObject("evaluation").getString("lang")).isEqualTo("pl");
  }

  @Test
  @DisplayName("prints the audit event and the new evaluation of a change made while it watches")
  void printsChanges(Vertx vertx) throws Exception {
    server = FeedServer.start(vertx, dataDir);
    CompletableFuture<Integer> watch = watch("--url", server.base(), "--count", "4", "--actor", FeedServer.ANNA);
    awaitLines(n -> n >= 2, "the hello and the evaluation");

    long seq = server.accept();

    assertThat(exit(watch)).as("exit code; stderr %s", errText()).isZero();
    List<JsonObject> changes = messages().subList(2, 4);
    assertThat(changes).extracting(m -> m.getString("type")).containsExactlyInAnyOrder("evaluation", "audit");
    assertThat(changes).filteredOn(m -> "evaluation".equals(m.getString("type")))
        .singleElement().satisfies(m -> assertThat(m.getLong("seq")).isEqualTo(seq));
    assertThat(changes).filteredOn(m -> "audit".equals(m.getString("type")))
        .singleElement().satisfies(m -> assertThat(m.getJsonObject("event").getLong("seq")).isEqualTo(seq));
  }

  @Test
  @DisplayName("reconnects after the console restarts, with since=<last seq>, and prints what it missed")
  void reconnectsWithSince(Vertx vertx) throws Exception {
    server = FeedServer.start(vertx, dataDir);
    int port = server.port();
    CompletableFuture<Integer> watch = watch("--url", server.base(), "--count", "5");
    awaitLines(n -> n >= 2, "the hello and the evaluation");

    server.stop();
    // the change happens while nothing listens on the watched port, so watch can only see it by resuming
    FeedServer elsewhere = FeedServer.start(vertx, dataDir);
    long seq = elsewhere.accept();
    elsewhere.stop();
    server = FeedServer.start(vertx, dataDir, Map.of("CONSOLE_PORT", String.valueOf(port)));

    assertThat(exit(watch)).as("exit code; stderr %s", errText()).isZero();
    List<JsonObject> messages = messages();
    assertThat(messages).extracting(m -> m.getString("type"))
        .containsExactly("hello", "evaluation", "hello", "audit", "evaluation");
    assertThat(messages.get(3).getJsonObject("event").getLong("seq")).isEqualTo(seq);
    assertThat(messages.get(4).getLong("seq")).isEqualTo(seq);
    assertThat(errText()).contains("reconnecting");
  }

  @Test
  @DisplayName("exits 2 without --url, naming the flag")
  void missingUrl() {
    int exit = WatchCommand.run(List.of("--count", "2"), out, err);

    assertThat(exit).isEqualTo(Main.EXIT_CONFIG).isEqualTo(2);
    assertThat(errText()).contains("--url");
    assertThat(lines()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--lang de", "--count -1", "--count many", "--colour red", "--count"})
  @DisplayName("exits 2 on a bad option")
  void badOptions(String options) {
    List<String> args = new ArrayList<>(List.of("--url", "http://127.0.0.1:1"));
    args.addAll(List.of(options.split(" ")));

    assertThat(WatchCommand.run(args, out, err)).isEqualTo(2);
    assertThat(errText()).startsWith("watch: ");
  }

  @Test
  @DisplayName("exits non-zero when the console refuses the upgrade (an unknown --actor)")
  void refusedUpgrade(Vertx vertx) throws Exception {
    server = FeedServer.start(vertx, dataDir);

    int exit = exit(watch("--url", server.base(), "--count", "2", "--actor", "user_mallory"));

    assertThat(exit).isNotZero();
    assertThat(errText()).contains("401");
  }
}
