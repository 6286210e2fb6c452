package io.bfg.console.http;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asks the console's copilot over {@code POST /api/copilot/ask} and reads the whole Server-Sent
 * Events stream, for tests. Used from the test thread only. A stream that does not end within
 * {@link #END} fails the test instead of hanging it: every answer, error and timeout must end it.
 */
public final class CopilotStream {

  /** Guards against a hang only; the console's own copilot timeout is far shorter in these tests. */
  public static final Duration END = Duration.ofSeconds(30);

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private CopilotStream() {
  }

  /** One server-sent event: its name and its JSON data. */
  public record Event(String name, JsonObject data) {
  }

  /** The whole response: status, headers, and for a stream its events in arrival order. */
  public record Reply(String request, int status, HttpHeaders headers, String body, List<Event> events) {

    public String contentType() {
      return headers.firstValue("content-type").orElse("");
    }

    public List<String> deltas() {
      return events.stream().filter(e -> e.name().equals("delta")).map(e -> e.data().getString("text")).toList();
    }

    /**
     * Asserts a 200 event stream of deltas then exactly one answer, the last event, and returns the
     * answer's data.
     */
    public JsonObject answer() {
      Event last = streamEnd("answer");
      return last.data();
    }

    /** Asserts a 200 event stream that ends with one error event, and returns its data. */
    public JsonObject error() {
      return streamEnd("error").data();
    }

    /** A refusal before streaming: the console's one JSON error shape; returns the message. */
    public String refusal(int expectedStatus, String expectedCode) {
      return new ApiClient.Reply(request, status, contentType(), body).error(expectedStatus, expectedCode);
    }

    private Event streamEnd(String expected) {
      assertThat(status).as("status of %s (body %s)", request, body).isEqualTo(200);
      assertThat(contentType()).as("content type of %s", request).startsWith("text/event-stream");
      assertThat(events).as("events of %s (body %s)", request, body).isNotEmpty();
      for (int i = 0; i < events.size() - 1; i++) {
        assertThat(events.get(i).name()).as("event %d of %s before the end (body %s)", i, request, body)
            .isEqualTo("delta");
      }
      Event last = events.get(events.size() - 1);
      assertThat(last.name()).as("the last event of %s (body %s)", request, body).isEqualTo(expected);
      return last;
    }
  }

  /** Asks {@code question} in {@code lang}; {@code actor} null asks anonymously. */
  public static Reply ask(String base, String actor, String question, String lang) {
    return post(base, actor, new JsonObject().put("question", question).put("lang", lang).encode());
  }

  /** Posts {@code json} as it is (for refusals of malformed bodies). */
  public static Reply post(String base, String actor, String json) {
    return await(postAsync(base, actor, json));
  }

  /** Starts a question without waiting for its answer; {@link #await} reads it. */
  public static CompletableFuture<Reply> postAsync(String base, String actor, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/copilot/ask"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (actor != null) {
      request.header(MockHeaderAuth.HEADER, actor);
    }
    String description = "POST /api/copilot/ask" + (actor == null ? "" : " as " + actor) + " " + abbreviated(json);
    return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Reply(description, response.statusCode(), response.headers(), response.body(),
            response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")
                ? events(response.body()) : List.of()));
  }

  public static Reply await(CompletableFuture<Reply> reply) {
    try {
      return reply.get(END.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the copilot's event stream did not end within " + END, e);
    } catch (ExecutionException e) {
      throw new AssertionError("asking the copilot failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Parses an event stream: blocks separated by a blank line, each with {@code event:} and {@code data:} lines. */
  static List<Event> events(String body) {
    List<Event> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String name = "message";
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) {
          name = line.substring("event:".length()).trim();
        } else if (line.startsWith("data:")) {
          if (data.length() > 0) {
            data.append('\n');
          }
          data.append(line.substring("data:".length()).stripLeading());
        }
      }
      events.add(new Event(name, new JsonObject(data.toString())));
    }
    return events;
  }

  private static String abbreviated(String json) {
    return json.length() <= 80 ? json : json.substring(0, 77) + "...";
  }
}
