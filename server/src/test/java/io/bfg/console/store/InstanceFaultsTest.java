package io.bfg.console.store;

import io.bfg.console.Main;
import io.bfg.console.http.ApiClient;
import io.bfg.console.http.RunningConsole;
import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TestTarget;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static io.bfg.console.store.StoreConsoles.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consoles on one store when things go wrong under load: one console killed with SIGKILL in the
 * middle of its commands, and the store's own server stopped and started again. Whatever an operator
 * was told (changed:true, seq, hash) must be in the journal every surviving console serves, the chain
 * must stay contiguous and valid, and no operator may get anything but an answer, a 409 or 503
 * STORE_UNAVAILABLE.
 */
class InstanceFaultsTest {

  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  @TempDir
  Path dataDir;
  private StoreConsoles consoles;
  private final List<Process> children = new ArrayList<>();

  @BeforeEach
  void consoles() {
    consoles = new StoreConsoles(dataDir);
  }

  @AfterEach
  void stopAll() {
    children.forEach(Process::destroyForcibly);
    consoles.close();
  }

  private RunningConsole console(String name, TargetEndpoint store) {
    return consoles.start(name, store);
  }

  /** A console in its own JVM, as `serve` runs it, so it can be killed the way a machine dies. */
  private ApiClient childConsole(String name, TargetEndpoint store) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("CONSOLE_PORT", "0");
    env.put("CONSOLE_DATA_DIR", dataDir.resolve(name).toString());
    env.put("CONSOLE_SCENARIO", RunningConsole.BFG.toString());
    env.put("CONSOLE_STORE", "postgres");
    env.put("CONSOLE_STORE_PG_URL", TestTarget.url(store));
    env.put("CONSOLE_INSTANCE_ID", name);
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve")
        .redirectError(dataDir.resolve(name + ".stderr").toFile());
    builder.environment().putAll(env);
    Process child = builder.start();
    children.add(child);
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          Matcher listening = LISTENING.matcher(line);
          if (listening.find()) {
            port.complete(Integer.parseInt(listening.group(1)));
          }
        }
      } catch (IOException e) {
        // the pipe breaks when the child is killed
      }
      port.completeExceptionally(new IllegalStateException(name + " exited before listening; see "
          + dataDir.resolve(name + ".stderr")));
    }, name + "-stdout");
    reader.setDaemon(true);
    reader.start();
    return new ApiClient("http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS));
  }

  @Test
  void aConsoleKilledMidCommandLosesNothingAnyConsoleAcknowledgedAndTheChainStaysValid() throws Exception {
    TargetEndpoint store = StoreConsoles.freshDatabase("faults");
    RunningConsole a = console("a", store);
    ApiClient b = childConsole("b", store);
    Process bProcess = children.get(0);
    List<String[]> checks = SignOffLoad.openChecks(a.api().get("/api/evaluation").ok());
    List<ApiClient> targets = new CopyOnWriteArrayList<>(List.of(a.api(), b));

    SignOffLoad load = new SignOffLoad(12, checks, () -> targets);
    try {
      awaitUntil(() -> load.acknowledged().size() >= 150, 60_000, load::toString);
      bProcess.destroyForcibly();  // SIGKILL: B's commands in flight get no answer
      assertThat(bProcess.waitFor(10, TimeUnit.SECONDS)).isTrue();
      targets.remove(b);
      int atKill = load.acknowledged().size();
      awaitUntil(() -> load.acknowledged().size() >= atKill + 50, 60_000, load::toString);
    } finally {
      load.close();
    }

    assertThat(load.unexpected()).as(load.toString()).isEmpty();
    System.out.println("killed console: " + load);
    assertJournalHolds(load.acknowledged(), a);
    // a console started afterwards reads the same journal, the killed one's last events included
    assertJournalHolds(load.acknowledged(), console("c", store));
  }

  @Test
  void theStoresServerStoppedAndStartedAgainUnderLoadLosesNoAcknowledgedCommand() throws Exception {
    StoppablePostgres server = StoppablePostgres.create();
    try {
      try (java.sql.Connection admin = TestTarget.connect(server.endpoint("postgres"))) {
        admin.createStatement().execute("create database console_store");
      }
      TargetEndpoint store = server.endpoint("console_store");
      RunningConsole a = console("a", store);
      RunningConsole b = console("b", store);
      List<String[]> checks = SignOffLoad.openChecks(a.api().get("/api/evaluation").ok());

      SignOffLoad load = new SignOffLoad(12, checks, () -> List.of(a.api(), b.api()));
      try {
        awaitUntil(() -> load.acknowledged().size() >= 100, 60_000, load::toString);
        assertThat(server.stopFast(20)).as("pg_ctl stop -m fast exit code").isZero();
        awaitUntil(() -> load.count(503) >= 20, 30_000, load::toString);
        int whileAway = load.acknowledged().size();
        server.start();
        awaitUntil(() -> load.acknowledged().size() >= whileAway + 100, 60_000, load::toString);
      } finally {
        load.close();
      }

      assertThat(load.unexpected()).as(load.toString()).isEmpty();
      System.out.println("store restarted: " + load);
      assertJournalHolds(load.acknowledged(), a);
      assertJournalHolds(load.acknowledged(), b);
    } finally {
      consoles.close();
      server.close();
    }
  }

  /**
   * The console reaches the journal's head within 10 s, its journal runs 1..head without a gap, every
   * acknowledged event is in it with the hash its operator was given, and verify finds it intact.
   */
  private static void assertJournalHolds(Map<Long, String> acknowledged, RunningConsole console) throws Exception {
    long head = acknowledged.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
    awaitUntil(() -> console.api().get("/api/evaluation").ok().getLong("seq") >= head, 10_000);
    JsonArray events = console.api().get("/api/audit").ok().getJsonArray("events");
    Map<Long, String> journal = new HashMap<>();
    for (Object item : events) {
      JsonObject event = (JsonObject) item;
      journal.put(event.getLong("seq"), event.getString("hash"));
    }
    long length = events.size();
    assertThat(events.stream().map(e -> ((JsonObject) e).getLong("seq")).toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, length).boxed().toList());
    assertThat(journal).containsAllEntriesOf(acknowledged);
    JsonObject verdict = console.api().get("/api/audit/verify").ok();
    assertThat(verdict.getBoolean("valid")).isTrue();
    assertThat(verdict.getLong("length")).isEqualTo(length);
  }
}
