package io.bfg.console.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bfg.console.AppConfig;
import io.bfg.console.Console;
import io.bfg.console.http.RunningConsole;
import io.bfg.console.scenario.ScenarioLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real BFG console for feed tests, wired the way {@code Main} wires it: config, scenario,
 * file-local journal in a temporary folder, service, {@link HttpVerticle} on port 0. Driven from
 * the test thread, which may block; nothing here blocks an event loop.
 */
public final class FeedServer {

  public static final String ANNA = "user_md_anna";
  public static final String CONTRACTS_FROZEN = "cutover.contracts-frozen";

  private static final Path BFG = Path.of("scenarios", "bfg-flowcontrol");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final Console console;

  private FeedServer(Console console) {
    this.console = console;
  }

  public static FeedServer start(Vertx vertx, Path dataDir) {
    return start(vertx, dataDir, Map.of());
  }

  /**
   * {@code extra} adds or overrides CONSOLE_* settings, e.g. CONSOLE_WS_ORIGINS, or CONSOLE_PORT for a
   * restart. One event loop by default, so every subscriber lives on the one hub the probe reads.
   */
  public static FeedServer start(Vertx vertx, Path dataDir, Map<String, String> extra) {
    if (!Files.isRegularFile(BFG.resolve(ScenarioLoader.SCENARIO_FILE))) {
      throw new IllegalStateException("no scenario at " + BFG.toAbsolutePath()
          + "; run the tests from the project root (mvn -pl server test sets this up)");
    }
    Map<String, String> env = new HashMap<>();
    env.put("CONSOLE_PORT", "0");
    env.put("CONSOLE_EVENT_LOOPS", "1");
    env.put("CONSOLE_DATA_DIR", dataDir.toString());
    env.putAll(extra);
    AppConfig config = AppConfig.from(env, List.of());
    return new FeedServer(await(Console.start(vertx, config, ScenarioLoader.load(BFG))));
  }

  public void stop() {
    await(console.stop());
  }

  public int port() {
    return console.port();
  }

  /** The hub's insides, for the slow-consumer test. */
  HubProbe probe() {
    return HubProbe.of(console.verticles().get(0));
  }

  public String base() {
    return "http://127.0.0.1:" + port();
  }

  /** Anna signs off the contracts-frozen rehearsal; returns the seq of the new state. */
  public long accept() {
    return command("accept");
  }

  /** Anna revokes her contracts-frozen sign-off; returns the seq of the new state. */
  public long revoke() {
    return command("revoke");
  }

  /** GET /api/evaluation?lang=... as a JSON tree: what a subscriber's evaluation must equal. */
  public JsonNode evaluation(String lang) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/evaluation?lang=" + lang))
        .timeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET /api/evaluation (body %s)", response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("GET /api/evaluation failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("GET /api/evaluation was interrupted", e);
    }
  }

  /** Sends a sign-off or revocation without waiting for it; completes with the status and body. */
  CompletableFuture<HttpResponse<String>> commandAsync(String actor, String checkId, String verb) {
    String path = "/api/checks/" + checkId + "/" + verb;
    HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path))
        .header("X-Actor-Id", actor).POST(HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10)).build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private long command(String verb) {
    String path = "/api/checks/" + CONTRACTS_FROZEN + "/" + verb;
    HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path))
        .header("X-Actor-Id", ANNA).POST(HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("POST %s (body %s)", path, response.body()).isEqualTo(200);
      JsonObject body = new JsonObject(response.body());
      assertThat(body.getBoolean("changed")).as("POST %s changed the state", path).isTrue();
      return body.getLong("seq");
    } catch (IOException e) {
      throw new AssertionError("POST " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("POST " + path + " was interrupted", e);
    }
  }

  static <T> T await(Future<T> future) {
    return RunningConsole.await(future);
  }
}
