package io.bfg.console.ws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A feed subscriber for tests: a real Vert.x WebSocket client that keeps every text message it
 * receives, in order, and how the socket was closed. Read from the test thread only; the socket's
 * handlers run on an event loop and only hand messages over.
 */
final class FeedClient {

  static final Duration WAIT = Duration.ofSeconds(5);

  private final ClientWebSocket socket;
  private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  private final List<JsonObject> all = new ArrayList<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();

  /** Handlers go on before the upgrade: the console greets in the same breath as it upgrades. */
  private FeedClient(ClientWebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(text -> inbox.add(new JsonObject(text)));
    socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode()));
  }

  /** A client that takes the ~40 KB evaluation frames the console sends. */
  static WebSocketClient client(Vertx vertx) {
    return vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(4 * 1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
  }

  static WebSocketConnectOptions options(int port, String uri, Map<String, String> headers) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI(uri).setConnectTimeout(5_000);
    headers.forEach(options::addHeader);
    return options;
  }

  static FeedClient connect(WebSocketClient client, int port, String uri) {
    return connect(client, port, uri, Map.of());
  }

  static FeedClient connect(WebSocketClient client, int port, String uri, Map<String, String> headers) {
    FeedClient feed = new FeedClient(client.webSocket());
    await(feed.socket.connect(options(port, uri, headers)), "connecting to " + uri);
    return feed;
  }

  /** The failure of an upgrade the test expects the console to refuse. */
  static Throwable refused(WebSocketClient client, int port, String uri, Map<String, String> headers) {
    Future<WebSocket> attempt = client.connect(options(port, uri, headers));
    try {
      attempt.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the upgrade of " + uri + " neither failed nor succeeded: " + e, e);
    }
    throw new AssertionError("the console accepted the upgrade of " + uri + " with headers " + headers);
  }

  WebSocket socket() {
    return socket;
  }

  void send(String text) {
    await(socket.writeTextMessage(text), "sending a text message");
  }

  void sendBinary(byte[] bytes) {
    await(socket.writeBinaryMessage(Buffer.buffer(bytes)), "sending a binary message");
  }

  /** The next message, failing the test if none arrives in time. */
  JsonObject next() {
    return next(WAIT);
  }

  JsonObject next(Duration wait) {
    try {
      JsonObject message = inbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) {
        throw new AssertionError("no feed message within " + wait + "; received so far: " + summary());
      }
      all.add(message);
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Reads messages until one matches, keeping the ones read on the way in {@link #received()}. */
  JsonObject nextMatching(String what, Predicate<JsonObject> wanted) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no " + what + " within " + WAIT + "; received: " + summary());
      }
      JsonObject message = next(Duration.ofNanos(left));
      if (wanted.test(message)) {
        return message;
      }
    }
  }

  JsonObject nextOfType(String type) {
    return nextMatching("'" + type + "' message", m -> type.equals(m.getString("type")));
  }

  /** The evaluation whose seq is at least {@code seq}. */
  JsonObject evaluationAtLeast(long seq) {
    return nextMatching("evaluation with seq >= " + seq,
        m -> "evaluation".equals(m.getString("type")) && m.getLong("seq") >= seq);
  }

  /** Nothing else arrives for a short while (what arrives is kept for the record). */
  List<JsonObject> drainQuietly(Duration quiet) {
    List<JsonObject> extra = new ArrayList<>();
    while (true) {
      try {
        JsonObject message = inbox.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
          return extra;
        }
        all.add(message);
        extra.add(message);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Every message read so far, in arrival order. */
  List<JsonObject> received() {
    return List.copyOf(all);
  }

  /** The close status the console sent, failing the test if the socket stays open. */
  short awaitClose() {
    try {
      return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the console did not close the socket within " + WAIT + "; received: " + summary());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  boolean isClosed() {
    return closed.isDone() || socket.isClosed();
  }

  void close() {
    if (!socket.isClosed()) {
      socket.close();
    }
  }

  /** Every message of this client with a top-level seq; they must never go backwards. */
  void assertSeqNeverBackwards() {
    assertSeqNeverBackwards(all);
  }

  static void assertSeqNeverBackwards(List<JsonObject> messages) {
    long last = Long.MIN_VALUE;
    for (JsonObject message : messages) {
      Long seq = message.getLong("seq");
      if (seq != null) {
        assertThat(seq).as("seq of %s after seq %s (all: %s)", brief(message), last, summary(messages))
            .isGreaterThanOrEqualTo(last);
        last = seq;
      }
    }
  }

  private String summary() {
    List<JsonObject> seen = new ArrayList<>(all);
    seen.addAll(inbox);
    return summary(seen);
  }

  /** Type and seq of each message; a long run shows its head and tail only. */
  static String summary(List<JsonObject> messages) {
    List<String> briefs = messages.stream().map(FeedClient::brief).toList();
    if (briefs.size() <= 40) {
      return briefs.toString();
    }
    return briefs.subList(0, 20) + " ... " + (briefs.size() - 30) + " more ... " + briefs.subList(briefs.size() - 10, briefs.size());
  }

  /** Type, seq and error code: the full evaluation is far too long for a failure message. */
  static String brief(JsonObject message) {
    String type = message.getString("type");
    StringBuilder out = new StringBuilder(String.valueOf(type));
    if (message.containsKey("seq")) {
      out.append('#').append(message.getValue("seq"));
    }
    if ("audit".equals(type) && message.getJsonObject("event") != null) {
      out.append("(event ").append(message.getJsonObject("event").getValue("seq")).append(')');
    }
    if (message.containsKey("code")) {
      out.append('(').append(message.getString("code")).append(')');
    }
    return out.toString();
  }

  static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(what + " did not complete within " + WAIT, e);
    }
  }
}
