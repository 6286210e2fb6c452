package io.bfg.console.bench.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's pipeline API as an operator's script would use it: start a run, poll its transcript
 * until it has finished. Blocking; runs on the benchmark's main thread, never on an event loop.
 */
final class ConsoleApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL_EVERY = Duration.ofMillis(100);

  /** A pipeline that did not pass, or an API answer the benchmark cannot use: the run is broken. */
  static final class BrokenRun extends RuntimeException {
    BrokenRun(String message) {
      super(message);
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String actor;

  ConsoleApi(int port, String actor) {
    this.base = "http://127.0.0.1:" + port;
    this.actor = actor;
  }

  /** Starts {@code pipeline}, waits for it to finish and returns its transcript; fails unless it PASSED. */
  JsonNode run(String pipeline, Duration limit) throws IOException, InterruptedException {
    HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/pipelines/" + pipeline))
        .header("X-Actor-Id", actor).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() != 202) {
      throw new BrokenRun("POST /api/pipelines/" + pipeline + " answered " + started.statusCode() + ": "
          + started.body());
    }
    String runId = JSON.readTree(started.body()).path("runId").asText();
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      JsonNode transcript = JSON.readTree(get("/api/pipelines/" + runId));
      String status = transcript.path("status").asText();
      if ("PASSED".equals(status)) {
        return transcript;
      }
      if ("FAILED".equals(status)) {
        throw new BrokenRun(pipeline + " run " + runId + " FAILED: " + failedSteps(transcript));
      }
      if (System.nanoTime() > deadline) {
        throw new BrokenRun(pipeline + " run " + runId + " still " + status + " after " + limit.toSeconds() + " s");
      }
      Thread.sleep(POLL_EVERY.toMillis());
    }
  }

  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new BrokenRun("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** The step of {@code transcript} named {@code id}. */
  static JsonNode step(JsonNode transcript, String id) {
    for (JsonNode step : transcript.path("steps")) {
      if (id.equals(step.path("id").asText())) {
        return step;
      }
    }
    throw new BrokenRun("the transcript of " + transcript.path("runId").asText() + " has no step " + id);
  }

  private static String failedSteps(JsonNode transcript) {
    List<String> out = new ArrayList<>();
    for (JsonNode step : transcript.path("steps")) {
      if ("FAILED".equals(step.path("status").asText())) {
        out.add(step.path("id").asText() + ": " + step.path("detail").asText());
      }
    }
    return out.isEmpty() ? transcript.toString() : String.join("; ", out);
  }
}
