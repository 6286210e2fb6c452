package io.bfg.console.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.AuditEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.bfg.console.store.Journals.CLOCK;
import static io.bfg.console.store.Journals.appendEvents;
import static io.bfg.console.store.Journals.await;
import static io.bfg.console.store.Journals.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(VertxExtension.class)
class PgScenarioStoreTest {

  private Vertx vertx;
  private PgStoreSettings settings;
  private final List<ScenarioStore> opened = new ArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    this.settings = PgStores.freshDatabase();
  }

  @AfterEach
  void closeStores() {
    opened.forEach(store -> await(store.close()));
  }

  private PgScenarioStore open(String scenario) {
    PgScenarioStore store = new PgScenarioStore(vertx, settings, scenario, CLOCK);
    opened.add(store);
    return store;
  }

  private PgScenarioStore loaded(String scenario) {
    PgScenarioStore store = open(scenario);
    await(store.load());
    return store;
  }

  @Test
  void appendedEventsLoadBackAndVerify() {
    PgScenarioStore writer = loaded("bfg");
    List<AuditEvent> written = appendEvents(writer, 3);

    PgScenarioStore reader = loaded("bfg");
    assertThat(await(reader.load())).containsExactlyElementsOf(written);
    assertThat(await(reader.verify())).isEqualTo(ChainVerification.intact(3, written.get(2).hash()));
    assertThat(await(writer.checkHead())).isEqualTo(ChainVerification.intact(3, written.get(2).hash()));
    assertThat(written).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L);
    assertThat(writer.adapter()).isEqualTo("postgres");
  }

  @Test
  void anEventHashesTheSameInTheFileStoreAndInPostgres(@TempDir Path dir) throws Exception {
    ObjectNode content = payload(1);
    content.put("name", "Zażółć gęślą jaźń ✓ \"quoted\"\n");
    content.putObject("nested").put("b", 2).put("a", 1);
    Path journal = dir.resolve("audit.ndjson");
    FileLocalStore file = new FileLocalStore(vertx, journal, CLOCK);
    opened.add(file);
    await(file.load());
    AuditEvent inFile = await(file.append("check.accepted", "user_md_anna", content));

    PgScenarioStore pg = loaded("bfg");
    AuditEvent inPg = await(pg.append("check.accepted", "user_md_anna", content));

    assertThat(inPg).isEqualTo(inFile);
    assertThat(inPg.hash()).isEqualTo(inFile.hash());
    // the row, read back by the superuser, stands for exactly the file's line
    try (Connection c = io.bfg.console.targetdb.TestTarget.get().connect(settings.owner().database()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select seq, type, actor, at, payload, prev_hash, hash from console.journal")) {
      rs.next();
      byte[] line = AuditChain.line(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
          rs.getString(5), rs.getString(6), rs.getString(7));
      assertThat(new String(line, StandardCharsets.UTF_8) + "\n").isEqualTo(Files.readString(journal));
    }
  }

  @Test
  void twoStoresAppendingTogetherLeaveOneGapFreeChain() {
    PgScenarioStore east = loaded("bfg");
    PgScenarioStore west = loaded("bfg");
    int each = 150;
    AtomicInteger conflicts = new AtomicInteger();

    Future<Void> fromEast = appendAll(east, "user_east", each, conflicts);
    Future<Void> fromWest = appendAll(west, "user_west", each, conflicts);
    awaitLong(Future.all(fromEast, fromWest));

    List<AuditEvent> journal = await(loaded("bfg").load());
    assertThat(journal).extracting(AuditEvent::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * each).boxed().toList());
    assertThat(await(east.verify()).valid()).isTrue();
    Map<String, List<Integer>> byActor = journal.stream().collect(Collectors.groupingBy(AuditEvent::actor,
        Collectors.mapping(event -> event.payload().get("n").intValue(), Collectors.toList())));
    List<Integer> oneToEach = java.util.stream.IntStream.rangeClosed(1, each).boxed().toList();
    // every command stored once, in the order each store issued them
    assertThat(byActor.get("user_east")).containsExactlyElementsOf(oneToEach);
    assertThat(byActor.get("user_west")).containsExactlyElementsOf(oneToEach);
    // both stores end at the same head: the one that appended last, and the other after catching up
    await(east.readAfter(east.headSeq()));
    await(west.readAfter(west.headSeq()));
    assertThat(east.headSeq()).isEqualTo(west.headSeq()).isEqualTo(2L * each);
  }

  /** Appends {@code count} events one after another, retrying each conflict after catching up. */
  private static Future<Void> appendAll(PgScenarioStore store, String actor, int count, AtomicInteger conflicts) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 1; i <= count; i++) {
      int n = i;
      chain = chain.compose(ignored -> appendRetrying(store, actor, n, conflicts));
    }
    return chain;
  }

  private static Future<Void> appendRetrying(PgScenarioStore store, String actor, int n, AtomicInteger conflicts) {
    return store.append("check.accepted", actor, payload(n)).<Void>mapEmpty().recover(failure -> {
      if (!(failure instanceof StoreConflict)) {
        return Future.failedFuture(failure);
      }
      conflicts.incrementAndGet();
      return store.readAfter(store.headSeq()).compose(caughtUp -> appendRetrying(store, actor, n, conflicts));
    });
  }

  @Test
  void aRowTamperedInTheDatabaseIsNamedByVerifyAndStopsAppends() {
    PgScenarioStore store = loaded("bfg");
    appendEvents(store, 3);
    PgStores.sql(settings, "update console.journal set payload = replace(payload, '\"n\":2', '\"n\":20') where seq = 2");

    ChainVerification verdict = await(store.verify());
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.firstBad()).isEqualTo(2L);
    assertThat(verdict.problem()).startsWith("event 2: hash does not match its content");
    StoreException refused = catchThrowableOfType(StoreException.class,
        () -> await(store.append("check.accepted", "user_md_anna", payload(4))));
    assertThat(refused.code()).isEqualTo(StoreException.AUDIT_CHAIN_BROKEN);

    PgScenarioStore restarted = loaded("bfg");
    assertThat(await(restarted.load())).extracting(AuditEvent::seq).containsExactly(1L);
    assertThat(await(restarted.checkHead()).firstBad()).isEqualTo(2L);
  }

  @Test
  void anEditThatKeepsThePayloadsMeaningIsStillCaught() {
    PgScenarioStore store = loaded("bfg");
    appendEvents(store, 2);
    PgStores.sql(settings, "update console.journal set payload = replace(payload, ':', ': ') where seq = 1");

    ChainVerification verdict = await(loaded("bfg").verify());
    assertThat(verdict.firstBad()).isEqualTo(1L);
    assertThat(verdict.problem()).contains("not in canonical form");
  }

  @Test
  void eventsRemovedFromTheEndAreMissedByTheStoreThatWroteThem() {
    PgScenarioStore store = loaded("bfg");
    appendEvents(store, 3);
    PgStores.sql(settings, "delete from console.journal where seq = 3");

    ChainVerification head = await(store.checkHead());
    assertThat(head.valid()).isFalse();
    assertThat(head.firstBad()).isEqualTo(3L);
    assertThat(head.problem()).contains("missing");
  }

  @Test
  void anAppendAfterAHeadRemovedBehindTheStoresBackIsRefusedNotGapped() {
    PgScenarioStore store = loaded("bfg");
    appendEvents(store, 3);
    PgStores.sql(settings, "delete from console.journal where seq = 3");

    StoreException refused = catchThrowableOfType(StoreException.class,
        () -> await(store.append("check.accepted", "user_md_anna", payload(4))));
    assertThat(refused.code()).isEqualTo(StoreException.AUDIT_CHAIN_BROKEN);
    assertThat(PgStores.scalar(settings, "select count(*) from console.journal where seq = 4")).isZero();
  }

  @Test
  void aSessionForOneScenarioSeesAndWritesNothingOfAnother() throws SQLException {
    appendEvents(loaded("scenario-a"), 2);
    appendEvents(loaded("scenario-b"), 3);

    try (Connection c = PgStores.asRuntime(settings); Statement s = c.createStatement()) {
      assertThat(PgStores.count(s, "select count(*) from console.journal"))
          .as("no scenario set: nothing visible").isZero();
      s.execute("select set_config('console.scenario_id', 'scenario-a', false)");
      assertThat(PgStores.count(s, "select count(*) from console.journal")).isEqualTo(2);
      assertThat(PgStores.count(s, "select count(*) from console.journal where scenario_id = 'scenario-b'")).isZero();
      SQLException insert = catchThrowableOfType(SQLException.class, () -> s.execute(
          "insert into console.journal values ('scenario-b', 4, 't', null, 'x', '{}', 'p', 'h')"));
      assertThat(insert.getMessage()).contains("row-level security");
      SQLException update = catchThrowableOfType(SQLException.class, () -> s.execute(
          "update console.journal set actor = 'someone' where seq = 1"));
      assertThat(update.getSQLState()).as("the runtime role may not edit the journal").isEqualTo("42501");
    }
    assertThat(PgStores.scalar(settings, "select count(*) from console.journal where scenario_id = 'scenario-b'"))
        .isEqualTo(3);
    assertThat(PgStores.scalar(settings, "select count(*) from pg_class where oid = 'console.journal'::regclass "
        + "and relrowsecurity and relforcerowsecurity and pg_get_userbyid(relowner) = '" + PgStores.OWNER + "'"))
        .isEqualTo(1);
  }

  @Test
  void migrationsRunOnceWhenTwoStoresStartTogetherAndAgainChangeNothing() {
    PgScenarioStore first = open("scenario-a");
    PgScenarioStore second = open("scenario-b");
    awaitLong(Future.all(first.load(), second.load()));
    String versions = "select count(*) from console.console_schema_version";
    assertThat(PgStores.scalar(settings, versions)).isEqualTo(PgStoreSchema.LATEST);
    long appliedAt = PgStores.scalar(settings,
        "select extract(epoch from max(applied_at)) * 1000000 from console.console_schema_version");

    await(loaded("scenario-a").load());
    assertThat(PgStores.scalar(settings, versions)).isEqualTo(PgStoreSchema.LATEST);
    assertThat(PgStores.scalar(settings,
        "select extract(epoch from max(applied_at)) * 1000000 from console.console_schema_version")).isEqualTo(appliedAt);
  }

  @Test
  void aSchemaNewerThanTheConsoleIsRefused() {
    loaded("bfg");
    PgStores.sql(settings, "insert into console.console_schema_version (version, description) values ("
        + (PgStoreSchema.LATEST + 1) + ", 'from the future')");

    StoreException refused = catchThrowableOfType(StoreException.class, () -> await(open("bfg").load()));
    assertThat(refused.code()).isEqualTo(StoreException.STORE_SCHEMA);
  }

  @Test
  void readAfterCatchesUpWithAnotherWriterAndAStaleAppendConflicts() {
    PgScenarioStore east = loaded("bfg");
    PgScenarioStore west = loaded("bfg");
    List<AuditEvent> fromEast = appendEvents(east, 3);

    assertThat(await(west.readAfter(0))).containsExactlyElementsOf(fromEast);
    assertThat(await(west.readAfter(1))).containsExactlyElementsOf(fromEast.subList(1, 3));
    AuditEvent fourth = await(west.append("check.accepted", "user_west", payload(4)));
    assertThat(fourth.seq()).isEqualTo(4);
    assertThat(fourth.prevHash()).isEqualTo(fromEast.get(2).hash());

    StoreConflict conflict = catchThrowableOfType(StoreConflict.class,
        () -> await(east.append("check.accepted", "user_east", payload(5))));
    assertThat(conflict.seq()).isEqualTo(4);
    assertThat(conflict.code()).isEqualTo(StoreException.STORE_CONFLICT);
    assertThat(await(east.readAfter(3))).containsExactly(fourth);
    assertThat(await(east.append("check.accepted", "user_east", payload(5))).seq()).isEqualTo(5);
    assertThat(await(east.verify()).valid()).isTrue();
    catchThrowableOfType(IllegalArgumentException.class, () -> await(west.readAfter(10)));
  }

  @Test
  void anAppendIsNoticedByAnotherStoresListener() throws InterruptedException {
    PgScenarioStore writer = loaded("bfg");
    PgScenarioStore other = loaded("elsewhere");
    PgScenarioStore reader = loaded("bfg");
    BlockingQueue<PgScenarioStore.JournalNotice> notices = new LinkedBlockingQueue<>();
    await(reader.listen(notices::add));

    await(other.append("check.accepted", "user_md_anna", payload(1)));
    await(writer.append("check.accepted", "user_md_anna", payload(1)));
    await(writer.append("check.accepted", "user_md_anna", payload(2)));

    // notices come in commit order, so the other scenario's, had it been delivered, would be first
    assertThat(notices.poll(20, TimeUnit.SECONDS)).isEqualTo(new PgScenarioStore.JournalNotice(1, false));
    assertThat(notices.poll(20, TimeUnit.SECONDS)).isEqualTo(new PgScenarioStore.JournalNotice(2, false));
  }

  @Test
  void aListenerWhoseConnectionIsTerminatedReconnectsAndHearsLaterAppends() throws Exception {
    PgScenarioStore writer = loaded("bfg");
    PgScenarioStore reader = loaded("bfg");
    BlockingQueue<PgScenarioStore.JournalNotice> notices = new LinkedBlockingQueue<>();
    await(reader.listen(notices::add));
    String listener = "select pid from pg_stat_activity where application_name = '"
        + PgScenarioStore.LISTENER_NAME + "' and datname = '" + settings.owner().database() + "'";
    long pid = PgStores.scalar(settings, listener);

    PgStores.sql(settings, "select pg_terminate_backend(" + pid + ")");

    assertThat(notices.poll(30, TimeUnit.SECONDS)).isEqualTo(new PgScenarioStore.JournalNotice(0, true));
    assertThat(PgStores.scalar(settings, listener)).isNotEqualTo(pid);
    await(writer.append("check.accepted", "user_md_anna", payload(1)));
    assertThat(notices.poll(20, TimeUnit.SECONDS)).isEqualTo(new PgScenarioStore.JournalNotice(1, false));
  }

  /** The store's settings with its runtime sessions going through {@code proxy}, and short time limits. */
  private PgStoreSettings through(TcpProxy proxy) {
    io.bfg.console.targetdb.TargetEndpoint runtime = settings.runtime();
    return new PgStoreSettings(settings.owner(), new io.bfg.console.targetdb.TargetEndpoint("127.0.0.1", proxy.port(),
        runtime.database(), runtime.user(), runtime.password(), runtime.sslMode(), runtime.rootCert()), 1_000, 1_000);
  }

  @Test
  void aStoreWhoseDatabaseIsGoneFailsAppendsAsUnavailable() {
    TcpProxy proxy = TcpProxy.start(vertx, settings.runtime().host(), settings.runtime().port());
    PgScenarioStore store = new PgScenarioStore(vertx, through(proxy), "bfg", CLOCK);
    opened.add(store);
    await(store.load());
    appendEvents(store, 1);

    proxy.stop();

    StoreException append = catchThrowableOfType(StoreException.class,
        () -> await(store.append("check.accepted", "user_md_anna", payload(2))));
    assertThat(append.code()).isEqualTo(StoreException.STORE_UNAVAILABLE);
    StoreException check = catchThrowableOfType(StoreException.class, () -> await(store.checkHead()));
    assertThat(check.code()).isEqualTo(StoreException.STORE_UNAVAILABLE);
  }

  @Test
  void aStoreWhoseDatabaseStopsAnsweringFailsAppendsInsteadOfHanging() {
    TcpProxy proxy = TcpProxy.start(vertx, settings.runtime().host(), settings.runtime().port());
    PgScenarioStore store = new PgScenarioStore(vertx, through(proxy), "bfg", CLOCK);
    opened.add(store);
    await(store.load());
    appendEvents(store, 1);

    proxy.freeze();

    StoreException append = catchThrowableOfType(StoreException.class,
        () -> await(store.append("check.accepted", "user_md_anna", payload(2))));
    assertThat(append.code()).isEqualTo(StoreException.STORE_UNAVAILABLE);
    assertThat(append.getMessage()).contains("did not answer");
    proxy.stop();
  }

  private static <T> T awaitLong(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("future did not complete", e);
    }
  }
}
