package io.bfg.console.store;

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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.store.StoreConsoles.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two consoles, each on its own Vert.x, on one PostgreSQL store (a fresh database on the tests'
 * real PostgreSQL, reached as its superuser: one URL, the console makes its own schema and role).
 */
class SharedStoreConsolesTest {

  private static final String CHECK = "cutover.contracts-frozen";

  @TempDir
  Path dataDir;
  private StoreConsoles consoles;
  private TargetEndpoint store;

  @BeforeEach
  void freshDatabase() {
    consoles = new StoreConsoles(dataDir);
    store = StoreConsoles.freshDatabase("consoles");
  }

  @AfterEach
  void stopAll() {
    consoles.close();
  }

  private RunningConsole console(String name, TargetEndpoint endpoint) {
    return consoles.start(name, endpoint);
  }

  private RunningConsole console(String name) {
    return consoles.start(name, store);
  }

  @Test
  void healthNamesTheStoreAndTheInstance() {
    RunningConsole a = console("a");
    JsonObject health = a.api().get("/health").ok();
    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.getString("store")).isEqualTo("postgres");
    assertThat(health.getString("instance")).isEqualTo("a");
  }

  @Test
  void aCommandOnOneConsoleReachesTheOthersAuditFeedAndEvaluation() throws Exception {
    RunningConsole a = console("a");
    RunningConsole b = console("b");
    List<JsonObject> feed = consoles.feedOf(b);
    awaitUntil(() -> feed.stream().anyMatch(m -> "evaluation".equals(m.getString("type"))), 10_000);

    JsonObject accepted = a.api().accept(ANNA, CHECK).ok();
    assertThat(accepted.getBoolean("changed")).isTrue();
    long seq = accepted.getJsonObject("event").getLong("seq");

    // how soon is measured, not asserted: bench/run-store.sh and the store probe (well under a second)
    awaitUntil(() -> b.api().get("/api/evaluation").ok().getLong("seq") == seq, 10_000);
    JsonArray audit = b.api().get("/api/audit").ok().getJsonArray("events");
    assertThat(audit.getJsonObject(audit.size() - 1).getLong("seq")).isEqualTo(seq);
    assertThat(audit.getJsonObject(audit.size() - 1).encode()).contains(CHECK);
    awaitUntil(() -> feed.stream().anyMatch(m -> "audit".equals(m.getString("type"))
        && m.getJsonObject("event").getLong("seq") == seq), 10_000);
    awaitUntil(() -> feed.stream().anyMatch(m -> m.getString("type").startsWith("evaluation")
        && m.getLong("seq", -1L) >= seq), 10_000);

    // the same command on B repeats the state B now holds
    assertThat(b.api().accept(ANNA, CHECK).ok().getBoolean("changed")).isFalse();
  }

  @Test
  void anIdempotentCommandRepeatedOnAConsoleThatHasNotCaughtUpAnswersUnchanged() {
    RunningConsole a = console("a");
    RunningConsole b = console("b");
    // B is a read behind (no notice handled yet) only by chance; what matters: whatever B holds, the
    // database refuses a stale append, B catches up and decides again
    JsonObject first = a.api().accept(ANNA, CHECK).ok();
    JsonObject again = b.api().accept(ANNA, CHECK).ok();
    assertThat(first.getBoolean("changed")).isTrue();
    assertThat(again.getBoolean("changed")).isFalse();
    assertThat(b.api().get("/api/audit").ok().getJsonArray("events").size()).isEqualTo(
        a.api().get("/api/audit").ok().getJsonArray("events").size());
  }

  @Test
  void hundredsOfConcurrentCommandsOnTwoConsolesLeaveOneContiguousValidJournalAndFeedsInSeqOrder() throws Exception {
    RunningConsole a = console("a");
    RunningConsole b = console("b");
    List<String[]> open = SignOffLoad.openChecks(a.api().get("/api/evaluation").ok());
    assertThat(open).hasSizeGreaterThanOrEqualTo(2);
    List<JsonObject> feedOfA = consoles.feedOf(a, null);
    List<JsonObject> feedOfB = consoles.feedOf(b, null);
    long before = a.api().get("/api/evaluation").ok().getLong("seq");

    int commands = 300;
    ExecutorService clients = Executors.newFixedThreadPool(16);
    List<CompletableFuture<ApiClient.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < commands; i++) {
      String[] check = open.get(i % open.size());
      boolean accept = (i / open.size()) % 2 == 0;
      RunningConsole target = (i / 3) % 2 == 0 ? a : b;
      replies.add(CompletableFuture.supplyAsync(() -> accept ? target.api().accept(check[1], check[0])
          : target.api().revoke(check[1], check[0]), clients));
    }
    List<Long> acknowledged = new ArrayList<>();
    for (CompletableFuture<ApiClient.Reply> reply : replies) {
      ApiClient.Reply answer = reply.get(60, TimeUnit.SECONDS);
      assertThat(answer.status()).as(answer.body()).isIn(200, 409);
      if (answer.status() == 200 && answer.json().getBoolean("changed")) {
        acknowledged.add(answer.json().getJsonObject("event").getLong("seq"));
      }
    }
    clients.shutdown();

    long last = before + acknowledged.size();
    awaitUntil(() -> a.api().get("/api/evaluation").ok().getLong("seq") == last
        && b.api().get("/api/evaluation").ok().getLong("seq") == last, 30_000);
    JsonArray onA = a.api().get("/api/audit").ok().getJsonArray("events");
    JsonArray onB = b.api().get("/api/audit").ok().getJsonArray("events");
    assertThat(chain(onB)).isEqualTo(chain(onA));
    assertThat(onA.stream().map(e -> ((JsonObject) e).getLong("seq")).toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
    assertThat(acknowledged).containsExactlyInAnyOrderElementsOf(
        LongStream.rangeClosed(before + 1, last).boxed().toList());
    for (RunningConsole console : List.of(a, b)) {
      JsonObject verdict = console.api().get("/api/audit/verify").ok();
      assertThat(verdict.getBoolean("valid")).isTrue();
      assertThat(verdict.getLong("length")).isEqualTo(last);
    }

    // each console's feed is in seq order, whichever console appended: every audit line once and
    // ascending (a subscriber that falls behind may be skipped past some, as the protocol allows), and
    // it ends on the evaluation at the head
    for (List<JsonObject> feed : List.of(feedOfA, feedOfB)) {
      awaitUntil(() -> feed.stream().anyMatch(m -> m.getString("type").startsWith("evaluation")
          && m.getLong("seq", -1L) == last), 30_000);
      List<Long> seqs = auditSeqs(feed);
      assertThat(seqs).isNotEmpty().isSorted().doesNotHaveDuplicates()
          .allMatch(seq -> seq > before && seq <= last);
      List<Long> evaluations = feed.stream().filter(m -> m.getString("type").startsWith("evaluation"))
          .map(m -> m.getLong("seq")).toList();
      assertThat(evaluations).isSorted();
    }
    // a subscriber resuming with since gets the rest in order from either console
    long since = before + (last - before) / 2;
    List<Long> rest = LongStream.rangeClosed(since + 1, last).boxed().toList();
    for (RunningConsole console : List.of(a, b)) {
      List<JsonObject> resumed = consoles.feedOf(console, since);
      awaitUntil(() -> auditSeqs(resumed).size() >= rest.size(), 30_000);
      assertThat(auditSeqs(resumed)).containsExactlyElementsOf(rest);
    }
  }

  private static List<Long> auditSeqs(List<JsonObject> feed) {
    return feed.stream().filter(m -> "audit".equals(m.getString("type")))
        .map(m -> m.getJsonObject("event").getLong("seq")).toList();
  }

  @Test
  void theStoreGoneRefusesCommandsServesReadsAndSaysDegradedThenRecoversByItself() throws Exception {
    TcpProxy relay = consoles.relay(store);
    RunningConsole b = console("b", StoreConsoles.via(relay, store));
    long seq = b.api().accept(ANNA, CHECK).ok().getJsonObject("event").getLong("seq");

    consoles.cut(relay);
    b.api().revoke(ANNA, CHECK).error(503, "STORE_UNAVAILABLE");
    assertThat(b.api().get("/api/evaluation").ok().getLong("seq")).isEqualTo(seq);
    ApiClient.Reply health = b.api().get("/health");
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().getString("status")).isEqualTo("DEGRADED");
    assertThat(health.json().getString("problem")).contains("postgres store");

    // the database comes back at the same address; meanwhile console A wrote to it directly
    RunningConsole a = console("a");
    long next = a.api().revoke(ANNA, CHECK).ok().getJsonObject("event").getLong("seq");
    consoles.relayOn(relay.port(), store);
    awaitUntil(() -> b.api().get("/api/evaluation").ok().getLong("seq") == next, 10_000);
    awaitUntil(() -> b.api().get("/health").status() == 200, 10_000);
    assertThat(b.api().accept(ANNA, CHECK).ok().getBoolean("changed")).isTrue();
  }

  /**
   * The store's own server, TLS off as a DBA's often is, stopped as its DBA stops it while two consoles
   * run: the consoles must not hold the shutdown up (sessions they open and never log in on do), must
   * say the store is gone (503, DEGRADED, a {@code store} feed message) and recover when it is back.
   */
  @Test
  void aFastShutdownOfTheStoresServerIsNotHeldUpByTheConsolesWhichRecoverWhenItIsBack() throws Exception {
    StoppablePostgres server = StoppablePostgres.create();
    try {
      try (java.sql.Connection admin = TestTarget.connect(server.endpoint("postgres"))) {
        admin.createStatement().execute("create database console_store");
      }
      // the consoles reach it through a relay that counts their open connections: each must be a session
      TargetEndpoint direct = server.endpoint("console_store");
      TcpProxy relay = consoles.relay(direct);
      store = StoreConsoles.via(relay, direct);
      RunningConsole a = console("a");
      RunningConsole b = console("b");
      long seq = a.api().accept(ANNA, CHECK).ok().getJsonObject("event").getLong("seq");
      awaitUntil(() -> b.api().get("/api/evaluation").ok().getLong("seq") == seq, 5_000);
      List<JsonObject> feed = consoles.feedOf(b);

      awaitUntil(() -> relay.openConnections() == sessionsOf(direct), 10_000,
          () -> relay.openConnections() + " connections open to the store, " + sessionsOf(direct) + " of them sessions");

      assertThat(server.stopFast(20)).as("pg_ctl stop -m fast -t 20 exit code").isZero();
      b.api().revoke(ANNA, CHECK).error(503, "STORE_UNAVAILABLE");
      awaitUntil(() -> b.api().get("/health").status() == 503, 10_000);
      assertThat(b.api().get("/health").json().getString("status")).isEqualTo("DEGRADED");
      awaitUntil(() -> storeMessages(feed).contains("UNAVAILABLE"), 10_000);
      assertThat(feed.stream().filter(m -> "store".equals(m.getString("type"))).findFirst().orElseThrow()
          .getString("problem")).isNotBlank();
      List<JsonObject> late = consoles.feedOf(b);
      awaitUntil(() -> late.size() >= 2, 10_000);
      assertThat(late.get(1).getString("type")).as("a subscriber arriving while the store is away, after hello")
          .isEqualTo("store");
      assertThat(late.get(1).getString("status")).isEqualTo("UNAVAILABLE");

      server.start();
      awaitUntil(() -> b.api().get("/health").status() == 200, 10_000);
      long next = b.api().revoke(ANNA, CHECK).ok().getJsonObject("event").getLong("seq");
      awaitUntil(() -> a.api().get("/api/evaluation").ok().getLong("seq") == next, 10_000);
      awaitUntil(() -> storeMessages(feed).equals(List.of("UNAVAILABLE", "UP")), 10_000);
    } finally {
      consoles.close();
      server.close();
    }
  }

  /** The consoles' sessions on the store's server, counted there. */
  private static int sessionsOf(TargetEndpoint store) {
    try (java.sql.Connection admin = TestTarget.connect(store);
         java.sql.ResultSet count = admin.createStatement().executeQuery("select count(*) from pg_stat_activity"
             + " where application_name like 'integration-console%'")) {
      count.next();
      return count.getInt(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> storeMessages(List<JsonObject> feed) {
    return feed.stream().filter(m -> "store".equals(m.getString("type"))).map(m -> m.getString("status")).toList();
  }

  @Test
  void aDroppedNoticeConnectionIsReopenedAndTheConsoleCatchesUp() throws Exception {
    RunningConsole a = console("a");
    RunningConsole b = console("b");
    long terminated = TestTarget.get().scalar(store.database(), "select count(pg_terminate_backend(pid)) "
        + "from pg_stat_activity where datname = current_database() and application_name = '"
        + PgScenarioStore.LISTENER_NAME + "'");
    assertThat(terminated).isEqualTo(2);
    long seq = a.api().accept(ANNA, CHECK).ok().getJsonObject("event").getLong("seq");
    awaitUntil(() -> b.api().get("/api/evaluation").ok().getLong("seq") == seq, 5_000);
    awaitUntil(() -> TestTarget.get().scalar(store.database(), "select count(*) from pg_stat_activity "
        + "where datname = current_database() and application_name = '" + PgScenarioStore.LISTENER_NAME + "'") == 2,
        10_000);
  }

  @Test
  void postgresWithoutAUrlStartsTheEmbeddedStoreUnderTheDataDir() {
    Path data = dataDir.resolve("embedded");
    RunningConsole console = consoles.start("embedded", null, Map.of("CONSOLE_STORE", "postgres"));
    assertThat(console.api().get("/health").ok().getString("store")).isEqualTo("postgres");
    long seq = console.api().accept(ANNA, CHECK).ok().getJsonObject("event").getLong("seq");
    assertThat(data.resolve("store-pg/pgdata/PG_VERSION")).exists();
    assertThat(data.resolve("target-pg")).doesNotExist();
    assertThat(Files.exists(data.resolve("bfg-flowcontrol/audit.ndjson"))
        && sizeOf(data.resolve("bfg-flowcontrol/audit.ndjson")) > 0).isFalse();
    console.restart();
    assertThat(console.api().get("/api/evaluation").ok().getLong("seq")).isEqualTo(seq);
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private static List<String> chain(JsonArray events) {
    return events.stream().map(e -> ((JsonObject) e).getLong("seq") + " " + ((JsonObject) e).getString("hash")).toList();
  }
}
