package io.bfg.console.bench.auth;

import io.bfg.console.bench.feed.Args;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket upgrades one at a time against two consoles: the mock-auth-header one with
 * {@code X-Actor-Id}, the oidc one with {@code Authorization: Bearer}. Each upgrade is a new TCP
 * connection, timed from the connect call to the 101 (the client's handshake done) and to the first
 * frame fully received (the feed's hello, which the server writes right behind the 101); the socket
 * is then closed and its close awaited before the next. The modes alternate in batches, so both see
 * the same machine and the same JIT state of this generator; warm-up batches run the same way first.
 *
 * <p>Prints a line per batch, then one {@code RESULT mode=... } line per mode for bench/run-auth.sh.
 * Exits 3 when an upgrade fails or takes longer than 10 s.
 */
public final class UpgradeLoad {

  private static final long TIMEOUT_MS = 10_000;

  /** One mode's target and the header that names who connects. */
  private record Side(String mode, URI url, String header, String value, long[] upgraded, long[] greeted) {
  }

  private final WebSocketClient client;
  private final String uri;

  private UpgradeLoad(Vertx vertx, String uri) {
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(16 * 1024 * 1024)
        .setMaxMessageSize(64 * 1024 * 1024)
        .setConnectTimeout((int) TIMEOUT_MS)
        .setTcpNoDelay(true));
    this.uri = uri;
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = Args.parse(argv, Set.of());
    int upgrades = Integer.parseInt(args.getOrDefault("upgrades", "1000"));
    int batch = Integer.parseInt(args.getOrDefault("batch", "100"));
    int warmup = Integer.parseInt(args.getOrDefault("warmup", "200"));
    String actor = args.getOrDefault("actor", "user_md_anna");
    String token = Files.readString(Path.of(args.get("token-file"))).trim();
    Side mock = new Side("mock", URI.create(args.get("mock-url")), "X-Actor-Id", actor, new long[upgrades],
        new long[upgrades]);
    Side bearer = new Side("bearer", URI.create(args.get("oidc-url")), "Authorization", "Bearer " + token,
        new long[upgrades], new long[upgrades]);

    Vertx vertx = Vertx.vertx();
    try {
      UpgradeLoad load = new UpgradeLoad(vertx, args.getOrDefault("ws-uri", "/ws?lang=en"));
      long[] scratch = new long[Math.max(warmup, 1)];
      for (int done = 0; done < warmup; done += batch) {
        int n = Math.min(batch, warmup - done);
        for (Side side : new Side[] {mock, bearer}) {
          load.run(side, n, 0, scratch, scratch.clone());
        }
      }
      System.out.printf(Locale.ROOT, "warm-up: %d upgrades each (not recorded)%n", warmup);
      for (int done = 0, round = 1; done < upgrades; done += batch, round++) {
        int n = Math.min(batch, upgrades - done);
        for (Side side : new Side[] {mock, bearer}) {
          load.run(side, n, done, side.upgraded, side.greeted);
          long[] greeted = Arrays.copyOfRange(side.greeted, done, done + n);
          Arrays.sort(greeted);
          System.out.printf(Locale.ROOT, "batch %2d %-6s %4d upgrades   first frame p50 %6.2f ms  p99 %6.2f ms%n",
              round, side.mode, n, ms(percentile(greeted, 0.50)), ms(percentile(greeted, 0.99)));
        }
      }
      for (Side side : new Side[] {mock, bearer}) {
        long[] upgraded = side.upgraded.clone();
        long[] greeted = side.greeted.clone();
        Arrays.sort(upgraded);
        Arrays.sort(greeted);
        System.out.printf(Locale.ROOT, "RESULT mode=%s n=%d up_p50_ms=%.3f up_p99_ms=%.3f first_p50_ms=%.3f "
                + "first_p99_ms=%.3f first_max_ms=%.3f%n", side.mode, upgrades,
            ms(percentile(upgraded, 0.50)), ms(percentile(upgraded, 0.99)),
            ms(percentile(greeted, 0.50)), ms(percentile(greeted, 0.99)), ms(greeted[greeted.length - 1]));
      }
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(3);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** {@code n} upgrades in a row; the i-th one's times (ns) go to {@code upgraded[from + i]}, {@code greeted[from + i]}. */
  private void run(Side side, int n, int from, long[] upgraded, long[] greeted) throws Exception {
    for (int i = 0; i < n; i++) {
      ClientWebSocket ws = client.webSocket();
      Promise<Long> firstFrame = Promise.promise();
      // before the handshake: the server greets in the same flush as the 101
      ws.frameHandler(frame -> {
        if (frame.isFinal()) {
          firstFrame.tryComplete(System.nanoTime());
        }
      });
      ws.exceptionHandler(ignored -> { });
      WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(side.url.getHost())
          .setPort(side.url.getPort()).setURI(uri).addHeader(side.header, side.value);
      long start = System.nanoTime();
      long done;
      long first;
      try {
        done = ws.connect(options).map(ignored -> System.nanoTime()).await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        first = firstFrame.future().await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("upgrade " + (from + i + 1) + " (" + side.mode + ", " + side.url + uri
            + ") failed: " + e, e);
      }
      upgraded[from + i] = done - start;
      greeted[from + i] = first - start;
      ws.close().await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** Nearest rank over sorted values. */
  private static long percentile(long[] sorted, double p) {
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
