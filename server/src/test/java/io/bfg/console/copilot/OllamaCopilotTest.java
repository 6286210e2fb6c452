package io.bfg.console.copilot;

import io.bfg.console.http.CopilotStream;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copilot on an Ollama model (CONSOLE_COPILOT_MODEL=ollama), end to end: the test serves Ollama's
 * {@code POST /api/chat} the way Ollama streams it (one JSON object per line, tool calls with their
 * arguments as an object, then {@code "done": true}). The scripted model reads the tools, then states
 * a wrong owner, a wrong count and a wrong permission in Polish; the asker gets them corrected.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("The copilot on an Ollama model")
class OllamaCopilotTest {

  private static final String MODEL_NAME = "test-llama";

  @TempDir
  Path dataDir;
  RunningConsole console;

  @AfterEach
  void stopConsole() {
    if (console != null) {
      console.stop();
    }
  }

  @Test
  @DisplayName("calls the tools through /api/chat, and its wrong owner, count and permission reach the asker corrected")
  void wrongFactsCorrected(Vertx vertx) {
    FakeOllama model = FakeOllama.start(vertx, (request, response) -> {
      int results = toolMessages(request).size();
      if (results == 0) {
        toolCall(response, "check", new JsonObject().put("id", "cutover.database-schema"));
      } else if (results == 1) {
        toolCall(response, "permissions", new JsonObject().put("actor", "driver"));
      } else {
        text(response, List.of("Właścicielem Schemat DB [cutover.database-schema] jest Marek", " Zielinski. "
            + "Gotowe bramki integracji: 4 z", " 9. Kierowca może akceptować kontrole."));
      }
    });
    console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, Map.of("CONSOLE_COPILOT_MODEL", "ollama",
        "CONSOLE_COPILOT_BASE_URL", model.baseUrl(), "CONSOLE_COPILOT_MODEL_NAME", MODEL_NAME));

    CopilotStream.Reply reply = CopilotStream.ask(console.base(), null, "Kto jest właścicielem schematu DB?", "pl");
    JsonObject answer = reply.answer();

    assertThat(answer.getString("model")).isEqualTo("ollama");
    assertThat(answer.getString("lang")).isEqualTo("pl");
    assertThat(answer.getString("text")).isEqualTo("Właścicielem Schemat DB [cutover.database-schema] jest "
        + "Olena Shevchenko. Gotowe bramki integracji: 2 z 9. Kierowca nie może akceptować kontrole.");
    assertThat(String.join("", reply.deltas())).isEqualTo(answer.getString("text"));
    assertThat(answer.getJsonArray("corrections").getList()).containsExactly(
        "[cutover.database-schema] is owned by Olena Shevchenko, not Marek Zielinski",
        "the gates ready are 2/9, not 4/9",
        "Petro Tarasenko lacks checks.accept");
    assertThat(answer.getJsonArray("citations").getList()).containsExactly("cutover.database-schema");

    assertThat(model.requests()).hasSize(3);
    JsonObject first = model.requests().get(0);
    assertThat(first.getString("model")).isEqualTo(MODEL_NAME);
    List<String> tools = new ArrayList<>();
    for (Object tool : first.getJsonArray("tools")) {
      tools.add(((JsonObject) tool).getJsonObject("function").getString("name"));
    }
    assertThat(tools).contains("check", "ownerTasks", "counts", "permissions", "session");
    List<JsonObject> results = toolMessages(model.requests().get(2));
    assertThat(new JsonObject(results.get(0).getString("content")).getString("ownerName")).isEqualTo("Olena Shevchenko");
    assertThat(new JsonObject(results.get(1).getString("content")).getBoolean("canAcceptChecks")).isFalse();
  }

  private static List<JsonObject> toolMessages(JsonObject request) {
    List<JsonObject> out = new ArrayList<>();
    for (Object m : request.getJsonArray("messages")) {
      if ("tool".equals(((JsonObject) m).getString("role"))) {
        out.add((JsonObject) m);
      }
    }
    return out;
  }

  /** A tool call as Ollama streams it: the whole call in one line, then the done line. */
  private static void toolCall(HttpServerResponse response, String name, JsonObject arguments) {
    FakeOllama.start(response);
    JsonObject call = new JsonObject().put("function", new JsonObject().put("name", name).put("arguments", arguments));
    FakeOllama.line(response, new JsonObject().put("role", "assistant").put("content", "")
        .put("tool_calls", new JsonArray().add(call)), false);
    FakeOllama.line(response, new JsonObject().put("role", "assistant").put("content", ""), true);
    response.end();
  }

  private static void text(HttpServerResponse response, List<String> pieces) {
    FakeOllama.start(response);
    for (String piece : pieces) {
      FakeOllama.line(response, new JsonObject().put("role", "assistant").put("content", piece), false);
    }
    FakeOllama.line(response, new JsonObject().put("role", "assistant").put("content", ""), true);
    response.end();
  }

  /** An Ollama-compatible {@code POST /api/chat} on port 0, every request body kept, answered by the script. */
  private static final class FakeOllama {
    private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
    private final BiConsumer<JsonObject, HttpServerResponse> script;
    private HttpServer server;

    private FakeOllama(BiConsumer<JsonObject, HttpServerResponse> script) {
      this.script = script;
    }

    static FakeOllama start(Vertx vertx, BiConsumer<JsonObject, HttpServerResponse> script) {
      FakeOllama fake = new FakeOllama(script);
      fake.server = RunningConsole.await(vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
          .requestHandler(fake::handle).listen(0, "127.0.0.1"));
      return fake;
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.actualPort();
    }

    List<JsonObject> requests() {
      return List.copyOf(requests);
    }

    private void handle(HttpServerRequest request) {
      if (!request.path().equals("/api/chat")) {
        request.response().setStatusCode(404).end("{\"error\":\"no route " + request.path() + "\"}");
        return;
      }
      request.body().onSuccess(body -> {
        JsonObject json = body.toJsonObject();
        requests.add(json);
        script.accept(json, request.response());
      });
    }

    static void start(HttpServerResponse response) {
      response.setChunked(true).putHeader("content-type", "application/x-ndjson");
    }

    static void line(HttpServerResponse response, JsonObject message, boolean done) {
      JsonObject line = new JsonObject().put("model", MODEL_NAME).put("created_at", "2026-12-05T23:00:00.000000Z")
          .put("message", message).put("done", done);
      if (done) {
        line.put("done_reason", "stop").put("prompt_eval_count", 100).put("eval_count", 20);
      }
      response.write(line.encode() + "\n");
    }
  }
}
