package io.bfg.console.cli;

import io.bfg.console.Main;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code watch --url URL [--lang en|pl] [--count N] [--actor ID]}: prints every feed message as one
 * JSON line for scripts. When the connection drops it reconnects with backoff (1 s doubling to
 * 30 s) and {@code since=<last seq>}, so a script sees what it missed.
 */
public final class WatchCommand {

  public static final String USAGE = """
      usage: watch --url URL [--token T] [--lang en|pl] [--count N] [--actor ID]
        Prints the console's live feed (IntegrationFeed.v1) as one JSON object per line: on connect
        a hello and the evaluation, then for every change its audit line and the new evaluation,
        and pipeline progress while a pipeline runs. Reconnects with backoff when the connection
        drops, resuming after the last seq it printed.
        --url URL      the console, e.g. http://127.0.0.1:8080 (required)
        --token T      bearer token from the console's identity provider, sent as
                       Authorization: Bearer on the upgrade (CONSOLE_TOKEN; CONSOLE_AUTH=oidc consoles)
        --lang en|pl   language of the evaluation's labels (default en)
        --count N      exit 0 after exactly N lines; 0 watches until stopped (default 0)
        --actor ID     sent as X-Actor-Id on the upgrade (mock-auth-header consoles)
        -h, --help     print this text
      Exit codes: 0 after --count lines; 2 bad options, or the console refused the token (401/403,
        one line with its error code; also once an expired token is refused on reconnecting);
        3 the console refused the feed otherwise.
      """;

  private static final long MAX_BACKOFF_MS = 30_000;

  private WatchCommand() {
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /** {@code environment} supplies CONSOLE_TOKEN when --token is not given. */
  public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
    Flags flags;
    long count;
    String token;
    try {
      flags = Flags.parse(args, Set.of("--url", "--token", "--lang", "--count", "--actor"));
      if (flags.help()) {
        out.print(USAGE);
        return 0;
      }
      if (flags.get("--url") == null) {
        throw new IllegalArgumentException("--url is required, e.g. watch --url http://127.0.0.1:8080");
      }
      if (!Set.of("en", "pl").contains(flags.get("--lang", "en"))) {
        throw new IllegalArgumentException("--lang must be en or pl");
      }
      count = flags.number("--count", 0, 0, Long.MAX_VALUE);
      token = Flags.token(flags, environment);
    } catch (IllegalArgumentException e) {
      err.println("watch: " + e.getMessage());
      return Main.EXIT_CONFIG;
    }
    String base = flags.get("--url").replaceAll("/+$", "").replaceFirst("^http", "ws");
    Vertx vertx = Vertx.vertx();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(16 * 1024 * 1024));
    Watcher watcher = new Watcher(vertx, client, base, flags.get("--lang", "en"), flags.get("--actor"), token, count,
        out, err);
    watcher.connect();
    int exit = watcher.done.join();
    client.close();
    vertx.close();
    return exit;
  }

  private static final class Watcher {
    final Vertx vertx;
    final WebSocketClient client;
    final String base;
    final String lang;
    final String actor;
    final String token;
    final long limit;
    final PrintStream out;
    final PrintStream err;
    final CompletableFuture<Integer> done = new CompletableFuture<>();
    final AtomicLong lastSeq = new AtomicLong(-1);
    long printed;
    long backoff = 1_000;

    Watcher(Vertx vertx, WebSocketClient client, String base, String lang, String actor, String token, long limit,
            PrintStream out, PrintStream err) {
      this.token = token;
      this.vertx = vertx;
      this.client = client;
      this.base = base;
      this.lang = lang;
      this.actor = actor;
      this.limit = limit;
      this.out = out;
      this.err = err;
    }

    void connect() {
      String uri = base + "/ws?lang=" + lang + (lastSeq.get() >= 0 ? "&since=" + lastSeq.get() : "");
      WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(uri).setConnectTimeout(10_000);
      if (actor != null) {
        options.addHeader("X-Actor-Id", actor);
      }
      if (token != null) {
        options.addHeader("Authorization", "Bearer " + token);
      }
      Promise<WebSocket> connected = Promise.promise();
      client.connect(options).onComplete(connected);
      connected.future().onSuccess(this::attach).onFailure(failure -> {
        if (failure instanceof UpgradeRejectedException rejected
            && (rejected.getStatus() == 401 || rejected.getStatus() == 403)) {
          JsonObject error = errorOf(rejected);
          err.println("watch: " + Flags.refusal(uri, rejected.getStatus(), error.getString("code", ""),
              error.getString("message", ""), token != null));
          done.complete(Main.EXIT_CONFIG);
        } else if (failure instanceof UpgradeRejectedException rejected && rejected.getStatus() >= 400
            && rejected.getStatus() < 500) {
          // the console refused this request (bad actor, origin, parameters): retrying cannot help
          err.println("watch: the console refused the feed with HTTP " + rejected.getStatus());
          done.complete(Main.EXIT_RUNTIME);
        } else {
          retry("cannot connect: " + failure.getMessage());
        }
      });
    }

    private static JsonObject errorOf(UpgradeRejectedException rejected) {
      try {
        return rejected.getBody() == null ? new JsonObject()
            : new JsonObject(rejected.getBody()).getJsonObject("error", new JsonObject());
      } catch (DecodeException | ClassCastException e) {
        return new JsonObject();
      }
    }

    void attach(WebSocket socket) {
      if (done.isDone()) {
        socket.close();
        return;
      }
      backoff = 1_000;
      socket.textMessageHandler(text -> {
        if (done.isDone()) {
          // one read from the socket often carries several messages (hello and evaluation on connect,
          // a change's audit line and evaluation): those after the last counted line were not asked for
          return;
        }
        try {
          JsonObject message = new JsonObject(text);
          Long seq = message.getLong("seq");
          if (seq != null) {
            lastSeq.accumulateAndGet(seq, Math::max);
          }
        } catch (DecodeException | ClassCastException e) {
          // print it anyway: the script decides what to do with a line it cannot parse
        }
        out.println(text);
        out.flush();
        if (limit > 0 && ++printed >= limit) {
          // done before the close, so the close handler this close leads to never takes it for a drop
          done.complete(0);
          socket.close();
        }
      });
      socket.closeHandler(ignored -> {
        if (!done.isDone()) {
          retry("connection closed (" + socket.closeStatusCode() + " " + socket.closeReason() + ")");
        }
      });
    }

    void retry(String why) {
      if (done.isDone()) {
        return;
      }
      long delay = backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
      err.println("watch: " + why + "; reconnecting in " + delay + " ms");
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      vertx.setTimer(delay, id -> connect());
    }
  }
}
