package io.bfg.console;

import io.bfg.console.cli.GateCommand;
import io.bfg.console.cli.GenerateCommand;
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
 * Entry point: {@code serve} (default), {@code gate}, {@code watch}, {@code generate}, {@code validate}.
 * Exit codes: 0 success, 1 production NO-GO (gate), 2 bad configuration or scenario, 3 runtime failure.
 */
public final class Main {

  public static final int EXIT_NO_GO = 1;
  public static final int EXIT_CONFIG = 2;
  public static final int EXIT_RUNTIME = 3;

  private Main() {
  }

  public static void main(String[] args) {
    String command = args.length == 0 || args[0].startsWith("--") ? "serve" : args[0];
    List<String> rest = Arrays.asList(args).subList(args.length == 0 || args[0].startsWith("--") ? 0 : 1, args.length);
    int exit = switch (command) {
      case "serve" -> serve(rest);
      case "gate" -> GateCommand.run(rest, System.out, System.err);
      case "watch" -> WatchCommand.run(rest, System.out, System.err);
      case "generate" -> GenerateCommand.run(rest, System.out, System.err);
      case "validate" -> validate(rest);
      case "help", "--help", "-h" -> help();
      default -> {
        System.err.println("unknown command '" + command + "'");
        help();
        yield EXIT_CONFIG;
      }
    };
    if (exit >= 0) {
      System.exit(exit);
    }
  }

  private static int help() {
    System.out.println("""
        Integration Console
          serve    [--host H] [--port P] [--scenario DIR] [--data-dir DIR]   run the console (default)
          gate     --url URL [--require GO]                                  exit 0 only when production is GO
          watch    --url URL [--lang en|pl] [--count N] [--actor ID]         print feed messages as JSON lines
          generate --rows N [--seed S] [--out FILE]                          write N generated rows per table
          validate [--scenario DIR]                                          load and validate a scenario
        Configuration comes from CONSOLE_* environment variables (see README); flags override them.""");
    return 0;
  }

  private static int validate(List<String> flags) {
    try {
      AppConfig config = AppConfig.from(System.getenv(), flags);
      var loaded = ScenarioLoader.load(config.scenarioDir());
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
              + console.journal() + ", auth " + config.auth() + ", " + config.eventLoops() + " event loops, target "
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
  }
}
