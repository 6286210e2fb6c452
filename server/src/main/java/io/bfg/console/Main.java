package io.bfg.console;

import io.bfg.console.cli.GateCommand;
import io.bfg.console.cli.GenerateCommand;
import io.bfg.console.cli.WatchCommand;
import io.bfg.console.http.HttpVerticle;
import io.bfg.console.model.Runtime;
import io.bfg.console.scenario.ScenarioException;
import io.bfg.console.scenario.ScenarioLoader;
import io.bfg.console.service.ReadinessService;
import io.bfg.console.store.FileLocalStore;
import io.bfg.console.store.ScenarioStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
    Path journal;
    try {
      config = AppConfig.from(System.getenv(), flags);
      loaded = ScenarioLoader.load(config.scenarioDir());
      journal = config.dataDir().resolve(loaded.scenario().id()).resolve("audit.ndjson");
      Files.createDirectories(journal.getParent());
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
    Vertx vertx = Vertx.vertx();
    ScenarioStore store = new FileLocalStore(vertx, journal, Clock.systemUTC());
    Runtime runtime = new Runtime(store.adapter(), config.auth(), config.liveCredentials());
    ReadinessService service = new ReadinessService(loaded.scenario(), loaded.snapshot(), runtime, store,
        vertx.eventBus());
    // one HTTP verticle per event loop: the feed's fan-out is spread over them, each instance writing
    // to the sockets of its own loop; all share one port (Vert.x's shared random port for port 0)
    List<HttpVerticle> instances = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    int port = config.port() == 0 && config.eventLoops() > 1 ? -1 : config.port();
    CompletableFuture<Integer> started = new CompletableFuture<>();
    service.start()
        .compose(ignored -> vertx.deployVerticle(() -> {
          HttpVerticle http = new HttpVerticle(config, service, port);
          instances.add(http);
          return http;
        }, new DeploymentOptions().setInstances(config.eventLoops())))
        .onSuccess(id -> {
          System.out.println("Integration Console listening on http://" + config.host() + ":"
              + instances.get(0).actualPort() + " (scenario " + loaded.scenario().id() + ", store " + store.adapter()
              + " at " + journal + ", auth " + config.auth() + ", " + config.eventLoops() + " event loops)");
          started.complete(-1);
        })
        .onFailure(failure -> {
          System.err.println("start-up failed: " + failure.getMessage());
          started.complete(EXIT_RUNTIME);
        });
    java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, store), "console-shutdown"));
    int exit = started.join();
    if (exit != -1) {
      shutdown(vertx, store);
    }
    return exit;
  }

  private static void shutdown(Vertx vertx, ScenarioStore store) {
    try {
      Future.join(store.close(), Future.succeededFuture()).eventually(vertx::close)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the process is ending either way; a journal line is durable once its append completed
    }
  }
}
