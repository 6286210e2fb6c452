package io.bfg.console.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blocking client for the console's HTTP API, used from the test thread only (never from an
 * event loop). HTTP/1.1 so that nothing but the request under test goes over the wire.
 */
public final class ApiClient {

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public static final String ANNA = "user_md_anna";
  public static final String MAREK = "user_dispatcher_marek";
  public static final String OLENA = "user_accountant_olena";
  public static final String DRIVER = "driver_tarasenko";
  public static final String CLIENT_ACTOR = "cp_client_lviv_farma";

  private final String base;

  public ApiClient(String base) {
    this.base = base;
  }

  public String base() {
    return base;
  }

  /** A response as the test sees it. */
  public record Reply(String request, int status, String contentType, String body) {

    public JsonObject json() {
      assertThat(contentType).as("content type of %s", request).startsWith("application/json");
      return new JsonObject(body);
    }

    /** Asserts 200 and returns the JSON body. */
    public JsonObject ok() {
      assertThat(status).as("status of %s (body %s)", request, body).isEqualTo(200);
      return json();
    }

    /**
     * Asserts the one error shape, {@code {"error":{"code","message"}}} and nothing else, with no
     * trace of a stack or exception, and returns the message.
     */
    public String error(int expectedStatus, String expectedCode) {
      assertThat(status).as("status of %s (body %s)", request, body).isEqualTo(expectedStatus);
      JsonObject json = json();
      assertThat(json.fieldNames()).as("fields of the error body of %s", request).containsExactly("error");
      JsonObject error = json.getJsonObject("error");
      assertThat(error.fieldNames()).as("fields of the error of %s", request)
          .containsExactlyInAnyOrder("code", "message");
      assertThat(error.getString("code")).as("error code of %s (body %s)", request, body).isEqualTo(expectedCode);
      assertThat(error.getString("message")).as("error message of %s", request).isNotBlank();
      assertNoStackTrace();
      return error.getString("message");
    }

    public void assertNoStackTrace() {
      assertThat(body).as("body of %s", request).doesNotContain("at io.", "\tat ", "Exception", "at java.");
    }
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), "GET " + path);
  }

  /** GET as {@code actor} (X-Actor-Id). */
  public Reply get(String path, String actor) {
    return send(HttpRequest.newBuilder(uri(path)).GET().header(MockHeaderAuth.HEADER, actor), "GET " + path + " as " + actor);
  }

  /** POST without a body; {@code actor} null sends no X-Actor-Id. */
  public Reply post(String path, String actor) {
    return post(path, actor, null, null);
  }

  /** POST a JSON body; {@code actor} null sends no X-Actor-Id. */
  public Reply post(String path, String actor, String json) {
    return post(path, actor, json, "application/json");
  }

  public Reply post(String path, String actor, String body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (actor != null) {
      request.header(MockHeaderAuth.HEADER, actor);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request, "POST " + path + (actor == null ? "" : " as " + actor));
  }

  public Reply send(String method, String path) {
    return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()),
        method + " " + path);
  }

  public Reply accept(String actor, String checkId) {
    return post("/api/checks/" + checkId + "/accept", actor);
  }

  public Reply revoke(String actor, String checkId) {
    return post("/api/checks/" + checkId + "/revoke", actor);
  }

  public Reply decide(String actor, String checkId, String value) {
    return post("/api/decisions/" + checkId, actor, new JsonObject().put("value", value).encode());
  }

  /** Starts a pipeline as {@code actor} (202) and returns its run id. */
  public String startPipeline(String pipeline, String actor) {
    Reply reply = post("/api/pipelines/" + pipeline, actor);
    assertThat(reply.status()).as(reply.request() + " -> " + reply.body()).isEqualTo(202);
    return reply.json().getString("runId");
  }

  /**
   * The transcript of {@code runId} once it has finished. The deadline only guards against a hang:
   * a run that reaches an unreachable target must still finish (CONSOLE_TARGET_TIMEOUT_MS).
   */
  public JsonObject awaitRun(String runId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject run = get("/api/pipelines/" + runId).ok();
      if (!"RUNNING".equals(run.getString("status"))) {
        return run;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("run " + runId + " did not finish: " + get("/api/pipelines/" + runId).body());
  }

  /** Step statuses of a transcript, in order. */
  public static List<String> stepStatuses(JsonObject run) {
    List<String> out = new ArrayList<>();
    run.getJsonArray("steps").forEach(step -> out.add(((JsonObject) step).getString("status")));
    return out;
  }

  public static JsonObject step(JsonObject run, String id) {
    for (Object step : run.getJsonArray("steps")) {
      if (id.equals(((JsonObject) step).getString("id"))) {
        return (JsonObject) step;
      }
    }
    throw new AssertionError("run " + run.getString("runId") + " has no step " + id);
  }

  public JsonObject evaluation() {
    return get("/api/evaluation").ok();
  }

  public List<JsonObject> auditEvents() {
    JsonArray events = get("/api/audit").ok().getJsonArray("events");
    List<JsonObject> list = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      list.add(events.getJsonObject(i));
    }
    return list;
  }

  public JsonObject verify() {
    return get("/api/audit/verify").ok();
  }

  /** A group of the evaluation by id (every group, gate or not, with its checks). */
  public static JsonObject group(JsonObject evaluation, String groupId) {
    for (Object group : evaluation.getJsonArray("groups")) {
      if (((JsonObject) group).getString("id").equals(groupId)) {
        return (JsonObject) group;
      }
    }
    throw new AssertionError("no group " + groupId + " in the evaluation");
  }

  /** "done/total" of a group, as the dashboard shows it. */
  public static String count(JsonObject evaluation, String groupId) {
    JsonObject group = group(evaluation, groupId);
    return group.getInteger("done") + "/" + group.getInteger("total");
  }

  public static JsonObject check(JsonObject evaluation, String checkId) {
    for (JsonObject check : checks(evaluation)) {
      if (check.getString("id").equals(checkId)) {
        return check;
      }
    }
    throw new AssertionError("no check " + checkId + " in the evaluation");
  }

  public static List<JsonObject> checks(JsonObject evaluation) {
    List<JsonObject> all = new ArrayList<>();
    for (Object group : evaluation.getJsonArray("groups")) {
      for (Object check : ((JsonObject) group).getJsonArray("checks")) {
        all.add((JsonObject) check);
      }
    }
    return all;
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static Reply send(HttpRequest.Builder request, String description) {
    try {
      HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(description, response.statusCode(),
          response.headers().firstValue("content-type").orElse(""), response.body());
    } catch (IOException e) {
      throw new AssertionError(description + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(description + " was interrupted", e);
    }
  }
}
