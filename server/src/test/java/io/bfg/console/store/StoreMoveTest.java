package io.bfg.console.store;

import io.bfg.console.cli.StoreMoveCommand;
import io.bfg.console.http.ApiClient;
import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.AuditEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.store.Journals.CLOCK;
import static io.bfg.console.store.Journals.appendEvents;
import static io.bfg.console.store.Journals.await;
import static io.bfg.console.store.Journals.payload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code store-move}, the console's own cutover, run as an operator runs it (the command, its exit
 * code and output) between a real file journal and a real PostgreSQL store ({@link PgStores}).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("store-move: a scenario's journal between the file store and postgres")
class StoreMoveTest {

  private static final String SCENARIO = "bfg-flowcontrol";
  private static final String CHECK = "cutover.contracts-frozen";

  @TempDir
  Path temp;
  private Vertx vertx;
  private PgStoreSettings settings;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    this.settings = PgStores.freshDatabase();
  }

  record Run(int exit, String out, String err) {
  }

  /** The command as Main runs it, its postgres side this test's database. */
  private Run move(Path dataDir, String... args) {
    List<String> all = new ArrayList<>(List.of("--scenario", RunningConsole.BFG.toString(),
        "--data-dir", dataDir.toString()));
    all.addAll(Arrays.asList(args));
    return command(all);
  }

  private Run command(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = StoreMoveCommand.run(args, Map.of(), o, e,
          (v, url, dataDir, scenarioId) -> JournalMove.Side.postgres(v, settings, scenarioId));
    }
    Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    assertThat(run.err()).as("never a stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    return run;
  }

  private static Path journal(Path dataDir) {
    return dataDir.resolve(SCENARIO).resolve("audit.ndjson");
  }

  private List<AuditEvent> fileEvents(Path dataDir, int count) {
    FileLocalStore store = new FileLocalStore(vertx, journal(dataDir), CLOCK);
    await(store.load());
    List<AuditEvent> events = appendEvents(store, count);
    await(store.close());
    return events;
  }

  private PgScenarioStore pgStore() {
    PgScenarioStore store = new PgScenarioStore(vertx, settings, SCENARIO, CLOCK);
    await(store.load());
    return store;
  }

  /** Rows in the journal table, 0 while the schema was never created (the store never opened). */
  private long pgRows() {
    if (PgStores.scalar(settings, "select count(*) from pg_tables where schemaname = 'console' and tablename = 'journal'") == 0) {
      return 0;
    }
    return PgStores.scalar(settings, "select count(*) from console.journal");
  }

  @Test
  @DisplayName("file -> postgres -> file gives the same journal bytes, and a console on the result the same audit head and evaluation")
  void roundTrip() throws Exception {
    Path data = temp.resolve("data");
    RunningConsole first = RunningConsole.bfg(vertx, data);
    ApiClient api = first.api();
    for (int i = 0; i < 3; i++) {
      api.accept(ANNA, CHECK).ok();
      api.revoke(ANNA, CHECK).ok();
    }
    api.accept(ANNA, CHECK).ok();
    JsonObject verify = api.verify();
    JsonObject evaluation = api.evaluation();
    first.stop();
    byte[] original = Files.readAllBytes(journal(data));

    Run there = move(data, "--from", "file", "--to", "postgres", "--progress", "3");
    assertThat(there.exit()).as(there.err()).isZero();
    assertThat(there.out()).contains("copied to event 3 of 7", "copied to event 6 of 7", "copied to event 7 of 7",
        "7 events copied after the 0 already there", "head event 7 " + verify.getString("head"));
    assertThat(pgRows()).isEqualTo(7);
    assertThat(Files.readAllBytes(journal(data))).as("the source is left as it was").isEqualTo(original);

    Path back = temp.resolve("back");
    Run rollback = move(back, "--from", "postgres", "--to", "file");
    assertThat(rollback.exit()).as(rollback.err()).isZero();
    assertThat(Files.readAllBytes(journal(back))).isEqualTo(original);

    RunningConsole second = RunningConsole.bfg(vertx, back);
    try {
      assertThat(second.api().verify()).isEqualTo(verify);
      JsonObject served = second.api().evaluation();
      assertThat(served.getLong("seq")).isEqualTo(evaluation.getLong("seq"));
      assertThat(ApiClient.check(served, CHECK).encode()).isEqualTo(ApiClient.check(evaluation, CHECK).encode());
      assertThat(served.getJsonArray("groups")).isEqualTo(evaluation.getJsonArray("groups"));
    } finally {
      second.stop();
    }
  }

  @Test
  @DisplayName("a file journal a console holds is refused, with what to do")
  void fileInUse() {
    Path data = temp.resolve("data");
    RunningConsole running = RunningConsole.bfg(vertx, data);
    try {
      running.api().accept(ANNA, CHECK).ok();
      Run run = move(data, "--from", "file", "--to", "postgres");
      assertThat(run.exit()).isEqualTo(3);
      assertThat(run.err()).contains("is open in another process: stop the console on this data dir");
      assertThat(pgRows()).isZero();
    } finally {
      running.stop();
    }
  }

  @Test
  @DisplayName("a tampered file source is refused, naming its first bad event, and nothing is copied")
  void tamperedFileSource() throws Exception {
    Path data = temp.resolve("data");
    fileEvents(data, 4);
    List<String> lines = Journals.readLines(journal(data));
    lines.set(2, lines.get(2).replace("user_md_anna", "user_mallory"));
    Journals.writeLines(journal(data), lines);

    Run run = move(data, "--from", "file", "--to", "postgres");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).startsWith("store-move: the source file ").contains("is broken at event 3 (event 3: ",
        "nothing was copied");
    assertThat(pgRows()).isZero();
  }

  @Test
  @DisplayName("a tampered postgres source is refused, naming its first bad event, and no file is written")
  void tamperedPgSource() {
    PgScenarioStore store = pgStore();
    appendEvents(store, 4);
    await(store.close());
    PgStores.sql(settings, "update console.journal set actor = 'user_mallory' where seq = 2");
    Path data = temp.resolve("data");

    Run run = move(data, "--from", "postgres", "--to", "file");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("the source postgres ", "is broken at event 2 (event 2: ", "nothing was copied");
    assertThat(journal(data)).doesNotExist();
  }

  @Test
  @DisplayName("a destination holding another journal is refused with exit 4 and left as it was")
  void unrelatedDestination() throws Exception {
    Path data = temp.resolve("data");
    fileEvents(data, 3);
    PgScenarioStore other = pgStore();
    await(other.append("check.accepted", "user_dispatcher_marek", payload(99)));
    await(other.append("check.accepted", "user_dispatcher_marek", payload(98)));
    await(other.close());

    Run run = move(data, "--from", "file", "--to", "postgres");

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).contains("already holds another journal (its event 1 differs from the source's); "
        + "refusing to overwrite it");
    assertThat(pgRows()).isEqualTo(2);

    // the other way: a file journal longer than the postgres one is not its start either
    Path longer = temp.resolve("longer");
    fileEvents(longer, 3);
    byte[] before = Files.readAllBytes(journal(longer));
    Run back = move(longer, "--from", "postgres", "--to", "file");
    assertThat(back.exit()).isEqualTo(4);
    assertThat(Files.readAllBytes(journal(longer))).isEqualTo(before);
  }

  @Test
  @DisplayName("a destination holding the start of the chain gets only the rest: an interrupted move resumes, a rollback adds what the shared store appended")
  void prefixResumes() throws Exception {
    Path data = temp.resolve("data");
    List<AuditEvent> start = fileEvents(data, 2);
    assertThat(move(data, "--from", "file", "--to", "postgres").exit()).isZero();
    FileLocalStore file = new FileLocalStore(vertx, journal(data), CLOCK);
    await(file.load());
    appendEvents(file, 3);
    await(file.close());

    Run resumed = move(data, "--from", "file", "--to", "postgres");
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("3 events copied after the 2 already there");
    PgScenarioStore shared = pgStore();
    List<AuditEvent> inPg = await(shared.load());
    assertThat(inPg).hasSize(5).startsWith(start.toArray(AuditEvent[]::new));

    // after the cutover, consoles on postgres append; the rollback brings those events to the file
    AuditEvent later = await(shared.append("check.revoked", "user_md_anna", payload(6)));
    await(shared.close());
    Run rollback = move(data, "--from", "postgres", "--to", "file");
    assertThat(rollback.exit()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("1 events copied after the 5 already there", "head event 6 " + later.hash());

    FileLocalStore reopened = new FileLocalStore(vertx, journal(data), CLOCK);
    List<AuditEvent> inFile = await(reopened.load());
    assertThat(await(reopened.verify())).isEqualTo(ChainVerification.intact(6, later.hash()));
    assertThat(await(reopened.checkHead())).isEqualTo(ChainVerification.intact(6, later.hash()));
    await(reopened.close());
    assertThat(inFile).hasSize(6).endsWith(later);
    assertThat(HeadAnchor.peek(HeadAnchor.fileOf(journal(data)))).isEqualTo(new HeadAnchor.Head(6, later.hash()));
  }

  @Test
  @DisplayName("the same whole chain on both sides: said so, nothing changed")
  void sameChain() throws Exception {
    Path data = temp.resolve("data");
    List<AuditEvent> events = fileEvents(data, 3);
    assertThat(move(data, "--from", "file", "--to", "postgres").exit()).isZero();
    byte[] journal = Files.readAllBytes(journal(data));
    byte[] anchor = Files.readAllBytes(HeadAnchor.fileOf(journal(data)));

    for (String[] direction : List.of(new String[] {"file", "postgres"}, new String[] {"postgres", "file"})) {
      Run again = move(data, "--from", direction[0], "--to", direction[1]);
      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(again.out()).contains("already holds the same journal (3 events, head " + events.get(2).hash()
          + "); nothing changed").doesNotContain("copied to event");
    }
    assertThat(pgRows()).isEqualTo(3);
    assertThat(Files.readAllBytes(journal(data))).isEqualTo(journal);
    assertThat(Files.readAllBytes(HeadAnchor.fileOf(journal(data)))).isEqualTo(anchor);
  }

  @Test
  @DisplayName("no journal at the source: exit 2, and none is created")
  void noSource() {
    Path data = temp.resolve("empty");
    Run run = move(data, "--from", "file", "--to", "postgres");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("there is no journal at ", "check the data dir and the scenario");
    assertThat(journal(data)).doesNotExist();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--help", "-h", "--from file --help", "--bogus 1 -h"})
  @DisplayName("--help prints the usage, exit 0, nothing moved")
  void help(String args) {
    Run run = command(Arrays.asList(args.split(" ")));
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo(StoreMoveCommand.USAGE);
    assertThat(run.err()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "--to postgres|--from is required",
      "--from file|--to is required",
      "--from disk --to postgres|--from must be file or postgres, not 'disk'",
      "--from file --to file|--from and --to are both file",
      "--from file --to postgres --progress 0|--progress must be between 1 and",
      "--from file --to postgres --bogus 1|unknown option --bogus",
      "--from file --to postgres --scenario|--scenario needs a value",
      "--from file --to postgres --scenario /nonexistent/scenario|store-move: "})
  @DisplayName("bad options: exit 2 and a one-line reason")
  void badOptions(String testCase) {
    String[] parts = testCase.split("\\|");
    Run run = command(Arrays.asList(parts[0].split(" ")));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("store-move: ").contains(parts[1]);
    assertThat(run.out()).isEmpty();
  }
}
