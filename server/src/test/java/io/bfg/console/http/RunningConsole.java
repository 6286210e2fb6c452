package io.bfg.console.http;

import io.bfg.console.AppConfig;
import io.bfg.console.Console;
import io.bfg.console.auth.IdentityServices;
import io.bfg.console.scenario.ScenarioLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real console wired the way {@code Main} wires it (config, scenario, file-local store,
 * service, {@link HttpVerticle} on port 0), for tests. Start and stop are called from the test
 * thread, which may block; nothing here blocks an event loop.
 */
public final class RunningConsole {

  /** Surefire runs from the project root (see server/pom.xml), where scenarios/ lives. */
  public static final Path BFG = Path.of("scenarios", "bfg-flowcontrol");

  private final Vertx vertx;
  private final Path scenarioDir;
  private final Path dataDir;
  private final Map<String, String> environment;
  private final IdentityServices.BrowserFactory browser;
  private Console console;

  private RunningConsole(Vertx vertx, Path scenarioDir, Path dataDir, Map<String, String> environment,
                         IdentityServices.BrowserFactory browser) {
    this.vertx = vertx;
    this.browser = browser;
    this.scenarioDir = scenarioDir;
    this.dataDir = dataDir;
    this.environment = environment;
  }

  /** The BFG console with default settings, its journal under {@code dataDir}. */
  public static RunningConsole bfg(Vertx vertx, Path dataDir) {
    return start(vertx, BFG, dataDir, Map.of());
  }

  /** {@code extra} adds or overrides CONSOLE_* settings (port and data dir are always set). */
  public static RunningConsole start(Vertx vertx, Path scenarioDir, Path dataDir, Map<String, String> extra) {
    return start(vertx, scenarioDir, dataDir, extra, null);
  }

  /** As above; in oidc mode {@code browser} (null: the console's own) gives the session reader and /auth/* routes. */
  public static RunningConsole start(Vertx vertx, Path scenarioDir, Path dataDir, Map<String, String> extra,
                                     IdentityServices.BrowserFactory browser) {
    if (!Files.isRegularFile(scenarioDir.resolve(ScenarioLoader.SCENARIO_FILE))) {
      throw new IllegalStateException("no scenario at " + scenarioDir.toAbsolutePath()
          + "; run the tests from the project root (mvn -pl server test sets this up)");
    }
    RunningConsole console = new RunningConsole(vertx, scenarioDir, dataDir, Map.copyOf(extra), browser);
    console.open();
    return console;
  }

  /** A fixture folder under src/test/resources/scenarios. */
  public static Path fixture(String name) {
    URL url = RunningConsole.class.getResource("/scenarios/" + name + "/" + ScenarioLoader.SCENARIO_FILE);
    if (url == null) {
      throw new IllegalStateException("no test fixture scenarios/" + name + " on the test class path");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void open() {
    Map<String, String> env = new HashMap<>(environment);
    env.put("CONSOLE_PORT", "0");
    env.put("CONSOLE_DATA_DIR", dataDir.toString());
    env.put("CONSOLE_SCENARIO", scenarioDir.toString());
    AppConfig config = AppConfig.from(env, List.of());
    ScenarioLoader.Loaded loaded = ScenarioLoader.load(config.scenarioDir());
    console = await(browser == null ? Console.start(vertx, config, loaded) : Console.start(vertx, config, loaded, browser));
  }

  /** Undeploys the HTTP verticles and closes the store (releasing the journal). */
  public void stop() {
    if (console == null) {
      return;
    }
    Console running = console;
    console = null;
    await(running.stop());
  }

  /** Stops, then starts a new store, service and verticles on the same journal. */
  public RunningConsole restart() {
    stop();
    open();
    return this;
  }

  /** Stops the embedded target (blocking), as if it had gone away; the next run starts it again. */
  public void stopTarget() {
    console.targets().close();
  }

  public Path journal() {
    return console.journal();
  }

  public int port() {
    return console.port();
  }

  public String base() {
    return "http://127.0.0.1:" + port();
  }

  public ApiClient api() {
    return new ApiClient(base());
  }

  public static <T> T await(Future<T> future) {
    try {
      // a bound, not a measure: an embedded PostgreSQL created on a loaded machine may take this long
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the console did not start or stop: " + e.getMessage(), e);
    }
  }
}
