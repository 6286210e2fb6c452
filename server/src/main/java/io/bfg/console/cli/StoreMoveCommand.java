package io.bfg.console.cli;

import io.bfg.console.AppConfig;
import io.bfg.console.Console;
import io.bfg.console.Main;
import io.bfg.console.scenario.ScenarioException;
import io.bfg.console.scenario.ScenarioLoader;
import io.bfg.console.store.JournalMove;
import io.bfg.console.store.StoreConfig;
import io.bfg.console.store.StoreException;
import io.bfg.console.store.StoreProvider;
import io.bfg.console.targetdb.TargetEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * {@code store-move --from file|postgres --to postgres|file}: the console's own cutover, a scenario's
 * journal moved from the file store to the postgres store, and back for the rollback. The move
 * itself is {@link JournalMove}'s; this reads the options as serve does and reports.
 */
public final class StoreMoveCommand {

  /** Destination not empty and not the start of the source's chain: nothing was written. */
  public static final int EXIT_DESTINATION_DIFFERS = 4;

  public static final String USAGE = """
      usage: store-move --from file|postgres --to postgres|file [--scenario DIR] [--data-dir DIR] [--pg-url URL] [--progress N]
        Moves a scenario's audit journal between the file store and the postgres store: file -> postgres
        is the console's cutover to the shared store, postgres -> file its rollback. Events are copied as
        they are, so every hash and the head stay the same; the chain is verified on both sides.
        --from STORE      file|postgres: where the journal is now
        --to STORE        postgres|file: where it goes (the other store)
        --scenario DIR    scenario folder, whose id names the journal (CONSOLE_SCENARIO, default as serve)
        --data-dir DIR    the file store's data dir, journal DIR/<scenario id>/audit.ndjson
                          (CONSOLE_DATA_DIR, default ./data)
        --pg-url URL      the postgres store, postgresql://owner:password@host:port/database
                          (CONSOLE_STORE_PG_URL); the store's owner role, as the console is given it
        --progress N      print the destination's head every N events copied (default 1000)
        -h, --help        print this text
      Stop every console on this scenario first: a file journal in use is refused, and events a console
      appends to a postgres source during the move fail it. The destination must be empty or hold the
      start of the same chain: then only the missing events are copied (a resumed move, or a rollback
      to the journal the cutover left); the whole chain already there changes nothing.
      Exit codes: 0 moved, or already there; 2 bad options, scenario or configuration, or no journal
        to move; 3 a broken chain on either side (stderr names the first bad event), a store in use or
        unreachable, or the source changed during the move; 4 the destination holds another journal.
      """;

  /** How a {@code --pg-url} (null: none given) becomes a postgres side for one scenario. */
  @FunctionalInterface
  public interface PgSides {
    JournalMove.Side open(Vertx vertx, String url, Path dataDir, String scenarioId);
  }

  /**
   * The postgres side as the console's store configuration opens it (CONSOLE_STORE=postgres, the
   * same URL, or the embedded store-pg under the data dir when there is none, stopped after the move).
   */
  public static final PgSides CONSOLE_STORE = (vertx, url, dataDir, scenarioId) -> {
    StoreProvider provider = new StoreProvider(vertx, new StoreConfig(StoreConfig.POSTGRES,
        url == null ? null : TargetEndpoint.parse(url), null, "localhost"), dataDir);
    return new JournalMove.Side("postgres " + provider.describe(null) + " (scenario " + scenarioId + ")",
        () -> provider.open(scenarioId, null), provider::close);
  };

  private static final Set<String> STORES = Set.of("file", "postgres");

  private StoreMoveCommand() {
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err, CONSOLE_STORE);
  }

  /** {@code environment} supplies CONSOLE_SCENARIO, CONSOLE_DATA_DIR and CONSOLE_STORE_PG_URL. */
  public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err,
                        PgSides postgres) {
    Flags flags;
    String from;
    String to;
    long every;
    AppConfig config;
    ScenarioLoader.Loaded loaded;
    try {
      flags = Flags.parse(args, Set.of("--from", "--to", "--scenario", "--data-dir", "--pg-url", "--progress"));
      if (flags.help()) {
        out.print(USAGE);
        return 0;
      }
      from = store(flags, "--from");
      to = store(flags, "--to");
      if (from.equals(to)) {
        throw new IllegalArgumentException("--from and --to are both " + from + ": a journal moves between file "
            + "and postgres");
      }
      every = flags.number("--progress", 1000, 1, Integer.MAX_VALUE);
      // the scenario and data dir are found as serve finds them, so the journal is the one it uses
      config = AppConfig.from(only(environment, "CONSOLE_SCENARIO", "CONSOLE_DATA_DIR"), passed(flags,
          "--scenario", "--data-dir"));
      loaded = ScenarioLoader.load(config.scenarioDir());
    } catch (IllegalArgumentException | AppConfig.ConfigException e) {
      err.println("store-move: " + e.getMessage());
      return Main.EXIT_CONFIG;
    } catch (ScenarioException e) {
      err.println("store-move: the scenario is invalid:\n" + e.getMessage());
      return Main.EXIT_CONFIG;
    }
    String scenarioId = loaded.scenario().id();
    String url = flags.get("--pg-url", environment.get("CONSOLE_STORE_PG_URL"));
    Vertx vertx = Vertx.vertx();
    JournalMove.Side pg = null;
    try {
      JournalMove.Side file = JournalMove.Side.file(vertx, Console.journalOf(config, loaded));
      try {
        pg = postgres.open(vertx, url == null || url.isBlank() ? null : url.trim(), config.dataDir(), scenarioId);
      } catch (IllegalArgumentException e) {
        err.println("store-move: --pg-url (or CONSOLE_STORE_PG_URL) " + e.getMessage());
        return Main.EXIT_CONFIG;
      }
      JournalMove.Side source = from.equals("file") ? file : pg;
      JournalMove.Side destination = from.equals("file") ? pg : file;
      out.println("moving scenario " + scenarioId + " from " + source.description() + " to "
          + destination.description());
      Future<JournalMove.Outcome> moved = JournalMove.run(vertx, source, destination, every,
          (seq, last) -> out.println("  copied to event " + seq + " of " + last));
      JournalMove.Outcome outcome = moved.toCompletionStage().toCompletableFuture().get();
      out.println(outcome.copied() == 0
          ? "scenario " + scenarioId + ": " + destination.description() + " already holds the same journal ("
              + outcome.seq() + " events, head " + outcome.head() + "); nothing changed"
          : "moved scenario " + scenarioId + ": " + outcome.copied() + " events copied after the " + outcome.held()
              + " already there; both chains verified, head event " + outcome.seq() + " " + outcome.head());
      return 0;
    } catch (ExecutionException e) {
      return failed(e.getCause(), err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("store-move: interrupted; run it again to resume");
      return Main.EXIT_RUNTIME;
    } finally {
      if (pg != null) {
        pg.release().run();
      }
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private static int failed(Throwable failure, PrintStream err) {
    err.println("store-move: " + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
    if (failure instanceof StoreException store) {
      return switch (store.code()) {
        case JournalMove.DESTINATION_DIFFERS -> EXIT_DESTINATION_DIFFERS;
        case JournalMove.SOURCE_EMPTY -> Main.EXIT_CONFIG;
        default -> Main.EXIT_RUNTIME;
      };
    }
    // a store refusing its configuration (e.g. a runtime role that bypasses row-level security)
    return failure instanceof IllegalArgumentException ? Main.EXIT_CONFIG : Main.EXIT_RUNTIME;
  }

  private static String store(Flags flags, String name) {
    String value = flags.get(name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is required: file or postgres");
    }
    if (!STORES.contains(value)) {
      throw new IllegalArgumentException(name + " must be file or postgres, not '" + value + "'");
    }
    return value;
  }

  private static Map<String, String> only(Map<String, String> environment, String... names) {
    Map<String, String> picked = new HashMap<>();
    for (String name : names) {
      if (environment.containsKey(name)) {
        picked.put(name, environment.get(name));
      }
    }
    return picked;
  }

  private static List<String> passed(Flags flags, String... names) {
    List<String> list = new ArrayList<>();
    for (String name : names) {
      if (flags.get(name) != null) {
        list.add(name);
        list.add(flags.get(name));
      }
    }
    return list;
  }
}
