package io.bfg.console.bench.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import io.bfg.console.AppConfig;
import io.bfg.console.Console;
import io.bfg.console.bench.dryrun.ConsoleApi.BrokenRun;
import io.bfg.console.bench.dryrun.PsqlReference.Result;
import io.bfg.console.cli.GenerateCommand;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.model.PacketIds;
import io.bfg.console.pipeline.PipelineRunner;
import io.bfg.console.scenario.ScenarioLoader;
import io.bfg.console.snapshot.DataModelReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The dry-run replay against PostgreSQL's own bulk path, side by side on the same embedded
 * PostgreSQL and the same tables: the console (started in this JVM, as {@code Main} starts it, but
 * with the blocked-thread check at 100 ms) replays ROWS generated rows through its HTTP API, then a
 * psql session {@code \copy}s the same rows in and out (see {@link PsqlReference}). WARMUPS unmeasured
 * dry-runs first (the JIT compiles the replay's row rendering only after several runs' worth of
 * rows; the cold first run is printed too) and one unmeasured psql session, then ROUNDS alternating
 * measured pairs; the report gives the medians.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.bfg.console.bench.dryrun.DryRunBenchmark --work DIR
 *      [--rows 100000] [--warmups 5] [--rounds 3] [--scenario scenarios/bfg-flowcontrol] [--psql psql]
 *      [--blocked-log FILE]
 * </pre>
 *
 * Exit codes: 0 measured (a missed target is reported as MISS, not an exit code), 2 bad arguments,
 * 3 a broken run (a pipeline that did not pass, a psql error, a row count that does not add up).
 */
public final class DryRunBenchmark {

  /** What a dashboard user with the run-pipelines permission sends (mock-auth-header). */
  static final String ACTOR = "user_md_anna";
  static final long CHECK_MS = 100;
  static final double TARGET_RATIO = 0.5;
  private static final String REPLAY_STEP = "adapter-replay";
  /** How the phases in which a dry-run runs end, for counting the warnings during them. */
  private static final String DRY_RUN_PHASE = "dry-run";
  private static final Pattern TARGET_PORT = Pattern.compile("@[^@/]+:(\\d+)/");

  record Settings(long rows, int warmups, int rounds, Path work, Path scenario, Path psql, Path blockedLog) {
  }

  /** One measured dry-run: rows written by the replay and read back, and the console's own rates. */
  record Replay(long rowsWritten, long rowsRead, long writeMs, long writeRowsPerSecond, long readMs,
                long readRowsPerSecond) {
    static Replay of(JsonNode transcript) {
      JsonNode step = ConsoleApi.step(transcript, REPLAY_STEP);
      JsonNode metrics = step.path("metrics");
      if (!metrics.has("writeRowsPerSecond") || !metrics.has("readRowsPerSecond")) {
        throw new BrokenRun(REPLAY_STEP + " reported no rates: " + step);
      }
      long written = step.path("evidence").path("rowsWritten").asLong();
      return new Replay(written, step.path("evidence").path("rowsReadBack").asLong(), metrics.path("writeMs").asLong(),
          metrics.path("writeRowsPerSecond").asLong(), metrics.path("readAndChecksumMs").asLong(),
          metrics.path("readRowsPerSecond").asLong());
    }
  }

  private final Settings settings;
  private final BlockedThreadLog blocked;

  private DryRunBenchmark(Settings settings, BlockedThreadLog blocked) {
    this.settings = settings;
    this.blocked = blocked;
  }

  public static void main(String[] args) {
    Settings settings;
    try {
      settings = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    // before Vert.x exists, so no warning can slip past it
    BlockedThreadLog blocked = BlockedThreadLog.install();
    int exit;
    try {
      new DryRunBenchmark(settings, blocked).run();
      exit = 0;
    } catch (BrokenRun e) {
      System.err.println("broken run: " + e.getMessage());
      exit = 3;
    } catch (Exception e) {
      e.printStackTrace();
      exit = 3;
    }
    System.exit(exit);
  }

  private void run() throws Exception {
    Prepared prepared = prepare();
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setBlockedThreadCheckInterval(CHECK_MS).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(CHECK_MS).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        // with the stack from the first warning on, the log says where the event loop was
        .setWarningExceptionTime(CHECK_MS).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("CONSOLE_TARGET_PG_URL"); // always the embedded target: the comparison needs its credentials
    env.put("CONSOLE_HOST", "127.0.0.1");
    env.put("CONSOLE_PORT", "0");
    env.put("CONSOLE_SCENARIO", prepared.scenarioDir().toString());
    env.put("CONSOLE_DATA_DIR", settings.work().resolve("data").toString());
    AppConfig config = AppConfig.from(env, List.of());
    Console console = await(Console.start(vertx, config, prepared.loaded()), Duration.ofMinutes(2));
    try {
      measure(console, config, prepared);
    } finally {
      blocked.phase("shut-down");
      try {
        await(console.stop(), Duration.ofMinutes(1));
      } finally {
        await(vertx.close(), Duration.ofMinutes(1));
      }
    }
  }

  /** The generated scenario, loaded as the console loads it, and the same rows as CSV for psql. */
  record Prepared(Path scenarioDir, ScenarioLoader.Loaded loaded, DataModel model, List<String> generated,
                  long perTable, Map<String, Long> rows, Map<String, Path> csv, long loadMs) {
    long generatedRows() {
      return generated.stream().mapToLong(rows::get).sum();
    }

    long claimRows() {
      return loaded.snapshot().totalRows() - generatedRows();
    }
  }

  private Prepared prepare() throws IOException {
    Path scenarioDir = settings.work().resolve("scenario");
    DataModel model = DataModelReader.read(settings.scenario().resolve("data-model.yaml"));
    List<String> generated = generatedTables(model);
    long perTable = (settings.rows() + generated.size() - 1) / generated.size();
    generateScenario(perTable, scenarioDir);
    long loading = System.nanoTime();
    ScenarioLoader.Loaded loaded = ScenarioLoader.load(scenarioDir);
    long loadMs = (System.nanoTime() - loading) / 1_000_000;
    Map<String, Path> csv = new LinkedHashMap<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    Path csvDir = Files.createDirectories(settings.work().resolve("csv"));
    for (TableDef table : model.tables()) {
      Path file = csvDir.resolve(table.name() + ".csv");
      rows.put(table.name(), CopyCsv.write(table, loaded.snapshot().tables().getOrDefault(table.name(), List.of()),
          file));
      csv.put(table.name(), file);
    }
    return new Prepared(scenarioDir, loaded, model, generated, perTable, rows, csv, loadMs);
  }

  private void measure(Console console, AppConfig config, Prepared prepared) throws Exception {
    ScenarioLoader.Loaded loaded = prepared.loaded();
    List<String> generated = prepared.generated();
    long generatedRows = prepared.generatedRows();
    ConsoleApi api = new ConsoleApi(console.port(), ACTOR);
    Duration limit = Duration.ofMinutes(10);
    blocked.phase("connection pipeline (starts the embedded PostgreSQL)");
    JsonNode connection = api.run("connection", Duration.ofMinutes(3));
    String serverVersion = ConsoleApi.step(connection, "endpoint-reachability").path("evidence")
        .path("serverVersion").asText("?");

    blocked.phase("warm-up " + DRY_RUN_PHASE);
    JsonNode warmTranscript = api.run("dry-run", limit);
    Replay warm = Replay.of(warmTranscript);
    if (warm.rowsWritten() != loaded.snapshot().totalRows() || warm.rowsRead() != loaded.snapshot().totalRows()) {
      throw new BrokenRun("the dry-run wrote " + warm.rowsWritten() + " and read " + warm.rowsRead()
          + " rows; the snapshot has " + loaded.snapshot().totalRows());
    }
    Matcher port = TARGET_PORT.matcher(warmTranscript.path("target").asText());
    if (!port.find()) {
      throw new BrokenRun("no port in the transcript's target: " + warmTranscript.path("target"));
    }
    int targetPort = Integer.parseInt(port.group(1));
    Path runbook = settings.work().resolve("runbook.sql");
    Files.writeString(runbook, api.get("/api/packets/" + PacketIds.RUNBOOK + "?format=raw"), StandardCharsets.UTF_8);
    String password = credentials(config.dataDir()).getProperty("bfg_app");
    if (password == null) {
      throw new BrokenRun("no bfg_app password in " + config.dataDir().resolve("target-pg/credentials.properties"));
    }
    PsqlReference psql = new PsqlReference(settings.psql(), settings.work(), prepared.model(),
        loaded.snapshot().tenantId(), runbook, prepared.csv(), prepared.rows());
    String database = "bfg_adapter";
    String user = "bfg_app";

    System.out.printf(Locale.ROOT, "== dry-run replay (console) vs psql \\copy (PostgreSQL's bulk path), %,d generated "
        + "rows, %d rounds after %d warm-up dry-runs ==%n", generatedRows, settings.rounds(), settings.warmups());
    System.out.printf(Locale.ROOT, "scenario: %s with generated sample data, %,d rows per table x %d tables %s; "
            + "snapshot %,d rows (with %,d tenant/user rows from the actors), loaded in %,d ms%n",
        loaded.scenario().id(), prepared.perTable(), generated.size(), generated, loaded.snapshot().totalRows(),
        prepared.claimRows(), prepared.loadMs());
    System.out.printf(Locale.ROOT, "console: in-process, %d event loops, %,d rows per INSERT batch; Vert.x "
            + "blockedThreadCheckInterval=%d ms, maxEventLoopExecuteTime=%d ms%n", config.eventLoops(),
        PipelineRunner.DEFAULT_BATCH_ROWS, CHECK_MS, CHECK_MS);
    System.out.printf(Locale.ROOT, "target: embedded PostgreSQL %s on 127.0.0.1:%d, database %s as %s over TLS "
        + "(console sslmode=verify-ca, psql sslmode=require); %s%n", serverVersion, targetPort, database, user,
        psqlVersion());
    System.out.printf(Locale.ROOT, "java: %s, max heap %,d MB; cores: %d; load average at start: %s%n",
        System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors(), loadAverage());
    System.out.println("both sides: one transaction, runbook DDL first, rolled back at the end; rates count the "
        + generated.size() + " generated tables (the console's read rate also covers its "
        + prepared.claimRows() + " tenant/user rows)");
    System.out.println("psql lifts FORCE ROW LEVEL SECURITY for its loads (COPY FROM is refused under RLS) and "
        + "restores it before reading");
    System.out.println();

    blocked.phase("warm-up psql");
    Result warmPsql = psql.run(targetPort, database, user, password, "warm-up");
    System.out.println(line("warm-up", warm, warmPsql, generated));
    for (int run = 2; run <= settings.warmups(); run++) {
      blocked.phase("warm-up " + run + " " + DRY_RUN_PHASE);
      Replay replay = Replay.of(api.run("dry-run", limit));
      System.out.println(String.format(Locale.ROOT, "%-8s console write %,9d rows/s (%,6d ms)  read+checksum %,9d "
          + "rows/s (%,6d ms)", "warm-up", replay.writeRowsPerSecond(), replay.writeMs(), replay.readRowsPerSecond(),
          replay.readMs()));
    }

    List<Replay> replays = new ArrayList<>();
    List<Result> copies = new ArrayList<>();
    for (int round = 1; round <= settings.rounds(); round++) {
      blocked.phase("round " + round + " " + DRY_RUN_PHASE);
      Replay replay = Replay.of(api.run("dry-run", limit));
      blocked.phase("round " + round + " psql");
      Result copy = psql.run(targetPort, database, user, password, "round-" + round);
      replays.add(replay);
      copies.add(copy);
      System.out.println(line("round " + round, replay, copy, generated));
    }
    blocked.phase("report");

    double write = median(replays.stream().mapToDouble(Replay::writeRowsPerSecond));
    double read = median(replays.stream().mapToDouble(Replay::readRowsPerSecond));
    double copyFrom = median(copies.stream().mapToDouble(c -> Result.rowsPerSecond(c.copyFrom(), generated)));
    double copyTo = median(copies.stream().mapToDouble(c -> Result.rowsPerSecond(c.copyTo(), generated)));
    System.out.println();
    System.out.printf(Locale.ROOT, "per table, round %d (ms)   %s%n", settings.rounds(), perTable(copies, generated));
    System.out.println();
    System.out.printf(Locale.ROOT, "rows: %,d generated rows written and read back per run (median of %d rounds)%n",
        generatedRows, settings.rounds());
    System.out.printf(Locale.ROOT, "write:  console %,10.0f rows/s   psql COPY FROM %,10.0f rows/s   ratio %.2fx   "
        + "target >= %.1fx: %s%n", write, copyFrom, write / copyFrom, TARGET_RATIO, verdict(write / copyFrom));
    System.out.printf(Locale.ROOT, "read:   console %,10.0f rows/s   psql COPY TO   %,10.0f rows/s   ratio %.2fx   "
            + "target >= %.1fx: %s   (console: read back + checksum recomputed)%n", read, copyTo, read / copyTo,
        TARGET_RATIO, verdict(read / copyTo));
    List<BlockedThreadLog.Warning> warnings = blocked.warnings();
    long duringDryRuns = warnings.stream().filter(w -> w.phase().endsWith(DRY_RUN_PHASE)).count();
    long longest = warnings.stream().mapToLong(BlockedThreadLog.Warning::blockedMs).max().orElse(0);
    System.out.printf(Locale.ROOT, "blocked-thread warnings (limit %d ms): %d during the dry-runs (warm-up and "
        + "measured)   target 0: %s%n", CHECK_MS, duringDryRuns, duringDryRuns == 0 ? "OK" : "MISS");
    System.out.printf(Locale.ROOT, "                                        %d in the whole run, console start-up "
            + "included%s   target 0: %s%n", warnings.size(),
        warnings.isEmpty() ? "" : " (longest " + longest + " ms; by phase " + blocked.byPhase() + ")",
        warnings.isEmpty() ? "OK" : "MISS");
    if (!warnings.isEmpty()) {
      blocked.writeTo(settings.blockedLog());
      System.out.println("  the warnings, with the blocked threads' stacks: " + settings.blockedLog());
    }
  }

  private static String line(String label, Replay replay, Result copy, List<String> generated) {
    return String.format(Locale.ROOT, "%-8s console write %,9d rows/s (%,6d ms)  read+checksum %,9d rows/s (%,6d ms)"
            + "  | psql COPY FROM %,10.0f rows/s (%,6.0f ms)  COPY TO %,10.0f rows/s (%,6.0f ms)", label,
        replay.writeRowsPerSecond(), replay.writeMs(), replay.readRowsPerSecond(), replay.readMs(),
        Result.rowsPerSecond(copy.copyFrom(), generated), Result.ms(copy.copyFrom(), generated),
        Result.rowsPerSecond(copy.copyTo(), generated), Result.ms(copy.copyTo(), generated));
  }

  private static String perTable(List<Result> copies, List<String> generated) {
    Result last = copies.get(copies.size() - 1);
    return "COPY FROM / COPY TO: " + generated.stream()
        .map(t -> String.format(Locale.ROOT, "%s %.0f/%.0f", t, last.copyFrom().get(t).ms(), last.copyTo().get(t).ms()))
        .collect(Collectors.joining(", "));
  }

  private static String verdict(double ratio) {
    return ratio >= TARGET_RATIO ? "OK" : "MISS";
  }

  /** The data-model tables the generator fills: all but the tenant/RBAC batch, which comes from the actors. */
  private static List<String> generatedTables(DataModel model) {
    String claims = model.tables().stream().filter(t -> t.name().equals(model.tenancy().table()))
        .map(TableDef::batch).findFirst().orElse("");
    return model.tables().stream().filter(t -> !t.batch().equals(claims)).map(TableDef::name).toList();
  }

  /** A copy of the scenario folder whose sample-data.json is {@code generate --rows perTable}'s output. */
  private void generateScenario(long perTable, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(settings.scenario())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (!file.getFileName().toString().equals("sample-data.json")) {
          Files.copy(file, dir.resolve(file.getFileName()));
        }
      }
    }
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    int exit = GenerateCommand.run(List.of("--rows", String.valueOf(perTable), "--scenario",
            settings.scenario().toString(), "--out", dir.resolve("sample-data.json").toString()),
        new PrintStream(messages, true, StandardCharsets.UTF_8), new PrintStream(messages, true, StandardCharsets.UTF_8));
    if (exit != 0) {
      throw new BrokenRun("generate --rows " + perTable + " failed: " + messages.toString(StandardCharsets.UTF_8));
    }
  }

  private static Properties credentials(Path dataDir) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(dataDir.resolve("target-pg/credentials.properties"))) {
      properties.load(in);
    }
    return properties;
  }

  private String psqlVersion() throws IOException, InterruptedException {
    Process process = new ProcessBuilder(settings.psql().toString(), "--version").redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (process.waitFor() != 0) {
      throw new BrokenRun(settings.psql() + " --version failed: " + out);
    }
    return out;
  }

  private static String loadAverage() {
    try {
      return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")).subList(0, 3));
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  static double median(java.util.stream.DoubleStream values) {
    double[] sorted = values.sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static <T> T await(Future<T> future, Duration limit) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Settings parse(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: DryRunBenchmark --work DIR [--rows N] [--warmups N] [--rounds N] [--scenario DIR] "
            + "[--psql PATH] [--blocked-log FILE]");
      }
      o.put(args[i].substring(2), args[++i]);
    }
    List<String> known = List.of("work", "rows", "warmups", "rounds", "scenario", "psql", "blocked-log");
    for (String key : o.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown option --" + key + " (known: " + known + ")");
      }
    }
    if (!o.containsKey("work")) {
      throw new IllegalArgumentException("--work DIR is required (an empty scratch directory)");
    }
    long rows = number(o, "rows", 100_000, 7, 10_000_000);
    int warmups = (int) number(o, "warmups", 5, 1, 99);
    int rounds = (int) number(o, "rounds", 3, 1, 99);
    Path work = Path.of(o.get("work")).toAbsolutePath();
    return new Settings(rows, warmups, rounds, work, Path.of(o.getOrDefault("scenario", "scenarios/bfg-flowcontrol")),
        Path.of(o.getOrDefault("psql", "psql")),
        Path.of(o.getOrDefault("blocked-log", work.resolve("blocked-threads.log").toString())));
  }

  private static long number(Map<String, String> o, String key, long fallback, long min, long max) {
    String value = o.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException("--" + key + " " + parsed + " is outside " + min + ".." + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " '" + value + "' is not a whole number");
    }
  }
}
