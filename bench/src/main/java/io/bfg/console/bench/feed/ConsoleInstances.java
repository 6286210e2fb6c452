package io.bfg.console.bench.feed;

import io.bfg.console.AppConfig;
import io.bfg.console.http.HttpVerticle;
import io.bfg.console.model.Runtime;
import io.bfg.console.scenario.ScenarioLoader;
import io.bfg.console.service.ReadinessService;
import io.bfg.console.store.FileLocalStore;
import io.bfg.console.store.ScenarioStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Experiment only (bench/run-feed.sh with CONSOLE_INSTANCES=k): the console's {@code serve} wiring
 * from {@code Main}, unchanged except that {@link HttpVerticle} is deployed as k instances, so the
 * WebSocket subscribers (and their fan-out) are spread over k event loops instead of one. It
 * answers "would more instances help" with a measurement; the product is still started by Main.
 *
 * <p>{@code java -cp feed-classes:console.jar io.bfg.console.bench.feed.ConsoleInstances K}; the
 * configuration comes from the CONSOLE_* environment as for {@code serve}. With CONSOLE_PORT=0 a
 * free port is picked first, because k servers must listen on the same port to share it.
 */
public final class ConsoleInstances {

  private ConsoleInstances() {
  }

  public static void main(String[] args) throws Exception {
    int instances = Integer.parseInt(args[0]);
    AppConfig config = AppConfig.from(System.getenv(), List.of());
    if (config.port() == 0) {
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(config.host()))) {
        port = probe.getLocalPort();
      }
      config = AppConfig.from(System.getenv(), List.of("--port", String.valueOf(port)));
    }
    ScenarioLoader.Loaded loaded = ScenarioLoader.load(config.scenarioDir());
    Path journal = config.dataDir().resolve(loaded.scenario().id()).resolve("audit.ndjson");
    Files.createDirectories(journal.getParent());
    Vertx vertx = Vertx.vertx();
    ScenarioStore store = new FileLocalStore(vertx, journal, Clock.systemUTC());
    Runtime runtime = new Runtime(store.adapter(), config.auth(), config.liveCredentials());
    ReadinessService service = new ReadinessService(loaded.scenario(), loaded.snapshot(), runtime, store,
        vertx.eventBus());
    AppConfig fixed = config;
    List<HttpVerticle> deployed = new ArrayList<>();
    service.start()
        .compose(ignored -> vertx.deployVerticle(() -> {
          HttpVerticle http = new HttpVerticle(fixed, service);
          synchronized (deployed) {
            deployed.add(http);
          }
          return http;
        }, new DeploymentOptions().setInstances(instances)))
        .onSuccess(id -> System.out.println("Integration Console listening on http://" + fixed.host() + ":"
            + deployed.get(0).actualPort() + " (bench launcher: " + instances + " HttpVerticle instances, scenario "
            + loaded.scenario().id() + ", store " + store.adapter() + ")"))
        .onFailure(failure -> {
          System.err.println("start-up failed: " + failure);
          System.exit(3);
        });
  }
}
