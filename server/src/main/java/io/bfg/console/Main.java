package io.bfg.console;

import io.bfg.console.cli.Flags;
import io.bfg.console.cli.GateCommand;
import io.bfg.console.cli.GenerateCommand;
import io.bfg.console.cli.StoreMoveCommand;
import io.bfg.console.cli.WatchCommand;
import io.bfg.console.scenario.ScenarioException;
import io.bfg.console.scenario.ScenarioLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Entry point: {@code serve} (default), {@code gate}, {@code watch}, {@code generate}, {@code validate},
 * {@code store-move}. Exit codes: 0 success, 1 production NO-GO (gate), 2 bad configuration or scenario,
 * 3 runtime failure, 4 a store-move destination holding another journal.
 */
public final class Main {

  public static final int EXIT_NO_GO = 1;
  public static final int EXIT_CONFIG = 2;
  public static final int EXIT_RUNTIME = 3;

  static final String SERVE_USAGE = """
      usage: serve [--host H] [--port P] [--scenario DIR] [--data-dir DIR] [--web-dir DIR] [--auth MODE]
        Runs the console: HTTP API, live feed and dashboard. The default command.
        --host H          bind address (CONSOLE_HOST, default 127.0.0.1)
        --port P          port, 0 for a free one (CONSOLE_PORT, default 8080)
        --scenario DIR    scenario folder (CONSOLE_SCENARIO, default the folder scenarios/DEFAULT names)
        --data-dir DIR    where the journal lives (CONSOLE_DATA_DIR, default ./data)
        --web-dir DIR     the dashboard's static files (CONSOLE_WEB_DIR, default web)
        --auth MODE       mock-auth-header|oidc (CONSOLE_AUTH, default mock-auth-header); oidc needs
                          CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID (see README)
        -h, --help        print this text
      Every other setting comes from CONSOLE_* environment variables (see README); flags override them.
      Exit codes: keeps running while it serves; 2 bad configuration or scenario; 3 start-up failed.
      """;

  static final String VALIDATE_USAGE = """
      usage: validate [--scenario DIR] [--host H] [--port P] [--data-dir DIR] [--web-dir DIR] [--auth MODE]
        Loads a scenario and checks it, reading the configuration as serve does, without starting anything.
        --scenario DIR    scenario folder (CONSOLE_SCENARIO, default the folder scenarios/DEFAULT names)
        --host H          checked as serve would check it (see serve --help)
        --port P          checked as serve would check it
        --data-dir DIR    checked as serve would check it
        --web-dir DIR     checked as serve would check it
        --auth MODE       mock-auth-header|oidc, checked as serve would check it
        -h, --help        print this text
      Exit codes: 0 valid; 2 invalid (stderr names the file, the setting or the problem).
      """;

  private Main() {
  }

  public static void main(String[] args) {
    boolean flagsOnly = args.length == 0 || args[0].startsWith("--") && !Flags.wantsHelp(List.of(args[0]));
    String command = flagsOnly ? "serve" : args[0];
    List<String> rest = Arrays.asList(args).subList(flagsOnly ? 0 : 1, args.length);
    int exit = switch (command) {
      // serve and validate hand their flags to AppConfig, which knows no --help
      case "serve" -> Flags.wantsHelp(rest) ? usage(SERVE_USAGE) : serve(rest);
      case "gate" -> GateCommand.run(rest, System.out, System.err);
      case "watch" -> WatchCommand.run(rest, System.out, System.err);
      case "generate" -> GenerateCommand.run(rest, System.out, System.err);
      case "validate" -> Flags.wantsHelp(rest) ? usage(VALIDATE_USAGE) : validate(rest);
      case "store-move" -> StoreMoveCommand.run(rest, System.out, System.err);
      case "help", "--help", "-h" -> usage(overview());
      default -> {
        System.err.println("unknown command '" + command + "'");
        System.err.print(overview());
        yield EXIT_CONFIG;
      }
    };
    if (exit >= 0) {
      System.exit(exit);
    }
  }

  private static int usage(String text) {
    System.out.print(text);
    return 0;
  }

  /** Every command's first usage line, so the overview cannot drift from the commands' own help. */
  static String overview() {
    StringBuilder text = new StringBuilder("Integration Console\n");
    for (String usage : List.of(SERVE_USAGE, GateCommand.USAGE, WatchCommand.USAGE, GenerateCommand.USAGE,
        VALIDATE_USAGE, StoreMoveCommand.USAGE)) {
      text.append("  ").append(usage.lines().findFirst().orElseThrow().replaceFirst("^usage: ", "")).append('\n');
    }
    return text.append("""
        `COMMAND --help` prints a command's options. serve is the default: `--port 8081` alone serves.
        Configuration comes from CONSOLE_* environment variables (see README); flags override them.
        Exit codes: 0 success, 1 production NO-GO (gate), 2 bad options, configuration or scenario,
          3 runtime failure (gate: also a console whose audit trail cannot be trusted; store-move: also a
          broken chain), 4 store-move's destination holds another journal.
        """).toString();
  }

  private static int validate(List<String> flags) {
    try {
      AppConfig config = AppConfig.from(System.getenv(), flags);
      var loaded = ScenarioLoader.load(config.scenarioDir());
      loaded.warnings().forEach(warning -> System.out.println("warning: " + warning));
      System.out.println("scenario " + loaded.scenario().id() + " is valid: " + loaded.scenario().groups().size()
          + " groups, snapshot " + loaded.scenario().snapshot().checksumShort() + " ("
          + loaded.scenario().snapshot().totalRows() + " rows)");
      return 0;
    } catch (AppConfig.ConfigException | ScenarioException e) {
      System.err.println("invalid: " + e.getMessage());
      return EXIT_CONFIG;
    }
  }

  /** Returns -1 while the server runs (the JVM stays up), or an exit code if start-up failed. */
  private static int serve(List<String> flags) {
    AppConfig config;
    ScenarioLoader.Loaded loaded;
    try {
      config = AppConfig.from(System.getenv(), flags);
      loaded = ScenarioLoader.load(config.scenarioDir());
      loaded.warnings().forEach(warning -> System.getLogger(Main.class.getName())
          .log(System.Logger.Level.WARNING, "scenario warning: " + warning));
      Files.createDirectories(Console.journalOf(config, loaded).getParent());
    } catch (AppConfig.ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      return EXIT_CONFIG;
    } catch (ScenarioException e) {
      System.err.println("scenario error:\n" + e.getMessage());
      return EXIT_CONFIG;
    } catch (IOException e) {
      System.err.println("configuration error: CONSOLE_DATA_DIR: cannot create " + e.getMessage());
      return EXIT_CONFIG;
    }
    Vertx vertx = Vertx.vertx(Console.vertxOptions());
    AtomicReference<Console> running = new AtomicReference<>();
    CompletableFuture<Integer> started = new CompletableFuture<>();
    Console.start(vertx, config, loaded)
        .onSuccess(console -> {
          running.set(console);
          System.out.println("Integration Console listening on http://" + config.host() + ":" + console.port()
              + " (scenario " + loaded.scenario().id() + ", store " + console.store().adapter() + " at "
              + console.storeLocation() + ", instance " + config.store().instance(console.port()) + ", auth " + config.auth() + ", " + config.eventLoops() + " event loops, target "
              + (config.target().embedded() ? "embedded PostgreSQL, started on the first pipeline run"
                  : config.target().external().redacted()) + ")");
          started.complete(-1);
        })
        .onFailure(failure -> {
          System.err.println("start-up failed: " + failure.getMessage());
          started.complete(EXIT_RUNTIME);
        });
    java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(running.get()), "console-shutdown"));
    return started.join();
  }

  /**
   * By the time a JVM shutdown hook runs, Vert.x may already be tearing its event loops down, so
   * this waits on nothing of theirs: it releases the journal and stops the embedded target. Every
   * append was fsynced before it was answered, so nothing is lost either way.
   */
  private static void shutdown(Console console) {
    if (console == null) {
      return;
    }
    try {
      console.store().close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the process is ending; the operating system releases the file lock with it
    }
    console.targets().close();
    console.closeStoreServer();
  }
}
