package io.bfg.console.bench.store;

import io.bfg.console.bench.feed.Args;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.bfg.console.bench.Latencies.ms;
import static io.bfg.console.bench.Latencies.percentile;

/**
 * Commands per second against one console: C concurrent clients in a closed loop, each an operator
 * signing off a check it owns and revoking it again (POST /api/checks/ID/accept|revoke with X-Actor-Id),
 * one request in flight per client on its own keep-alive connection. An answer with "changed":true is
 * one journal append the console made durable before answering (fsync for the file store,
 * synchronous_commit=on for PostgreSQL); "changed":false (a client whose check another client flipped
 * first: the scenario has 9 checks an operator may sign off at any time, for 20 clients) appended
 * nothing and is counted apart, as is a revocation refused with 409 NOT_SIGNED_OFF for the same reason. The client then flips its next action, as an operator who sees the
 * state would.
 *
 * <pre>
 * java -cp console.jar:classes io.bfg.console.bench.store.CommandLoad --url http://127.0.0.1:PORT --label file
 *      [--clients 20] [--duration-s 15] [--warmup-s 0]
 * </pre>
 *
 * Reads /health's seq before and after the measured phase (no request in flight either time) and
 * prints one {@code RESULT key=value ...} line: commands/s counts only the appends, and seq must have
 * moved by exactly their number. Exit codes: 0 measured, 2 bad arguments, 3 run failed (a non-200
 * answer, an error, or a seq that does not match the appends).
 */
public final class CommandLoad {

  /** Checks of the BFG scenario an owner may sign off and revoke in any state, with their owners. */
  private static final List<String[]> CHECKS = List.of(
      new String[] {"cutover.contracts-frozen", "user_md_anna"},
      new String[] {"cutover.role-headers", "user_dispatcher_marek"},
      new String[] {"cutover.database-schema", "user_accountant_olena"},
      new String[] {"selection.live-provider", "user_md_anna"},
      new String[] {"cutover.store-rehearsal", "user_dispatcher_marek"},
      new String[] {"cutover.secrets-auth", "user_accountant_olena"},
      new String[] {"selection.auth-owner", "user_md_anna"},
      new String[] {"cutover.migration-rollback", "user_md_anna"},
      new String[] {"selection.tenant-secrets", "user_md_anna"});
  private static final Pattern CHANGED = Pattern.compile("\"changed\"\\s*:\\s*(true|false)");
  private static final Pattern SEQ = Pattern.compile("\"seq\"\\s*:\\s*(\\d+)");

  private CommandLoad() {
  }

  public static void main(String[] args) {
    Map<String, String> o;
    try {
      o = Args.parse(args, Set.of());
      if (!o.containsKey("url") || !o.containsKey("label")) {
        throw new IllegalArgumentException("--url and --label are required");
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      String base = o.get("url");
      int clients = Integer.parseInt(o.getOrDefault("clients", "20"));
      double warmup = Double.parseDouble(o.getOrDefault("warmup-s", "0"));
      double duration = Double.parseDouble(o.getOrDefault("duration-s", "15"));
      List<Client> all = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String[] check = CHECKS.get(i % CHECKS.size());
        all.add(new Client(base, check[0], check[1]));
      }
      if (warmup > 0) {
        phase(all, warmup);
      }
      long seq0 = healthSeq(base);
      Phase measured = phase(all, duration);
      long seq1 = healthSeq(base);
      long[] lat = measured.latencies();
      Arrays.sort(lat);
      String line = String.format(Locale.ROOT, "RESULT label=%s clients=%d seconds=%.2f commands=%d noops=%d cps=%.1f "
              + "rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f seq_moved=%d",
          o.get("label"), clients, measured.seconds(), measured.commands(), measured.noops(),
          measured.commands() / measured.seconds(), lat.length / measured.seconds(), ms(percentile(lat, 50)),
          ms(percentile(lat, 99)), ms(percentile(lat, 100)), seq1 - seq0);
      System.out.println(line);
      if (seq1 - seq0 != measured.commands()) {
        System.err.println("the journal moved by " + (seq1 - seq0) + " events for " + measured.commands()
            + " answers that said changed:true");
        System.exit(3);
      }
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(3);
    }
  }

  record Phase(double seconds, long commands, long noops, long[] latencies) {
  }

  /** Runs every client until {@code seconds} have passed; each finishes the request it has in flight. */
  private static Phase phase(List<Client> clients, double seconds) throws Exception {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    List<Thread> threads = new ArrayList<>();
    for (Client c : clients) {
      c.reset();
      Thread t = new Thread(() -> c.runUntil(end));
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long commands = 0;
    long noops = 0;
    int n = 0;
    for (Client c : clients) {
      if (c.failure != null) {
        throw new IOException(c.failure);
      }
      commands += c.commands;
      noops += c.noops;
      n += c.count;
    }
    long[] all = new long[n];
    int at = 0;
    for (Client c : clients) {
      System.arraycopy(c.latencies, 0, all, at, c.count);
      at += c.count;
    }
    return new Phase(elapsed, commands, noops, all);
  }

  private static long healthSeq(String base) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = SEQ.matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IOException("GET /health answered " + r.statusCode() + ": " + r.body());
    }
    return Long.parseLong(m.group(1));
  }

  /** One operator: one connection, one request at a time. */
  private static final class Client {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String check;
    private final String actor;
    private boolean acceptNext = true;
    long commands;
    long noops;
    long[] latencies = new long[1 << 12];
    int count;
    volatile String failure;

    Client(String base, String check, String actor) {
      this.base = base;
      this.check = check;
      this.actor = actor;
    }

    void reset() {
      commands = 0;
      noops = 0;
      count = 0;
    }

    void runUntil(long end) {
      try {
        while (System.nanoTime() < end) {
          String path = "/api/checks/" + check + "/" + (acceptNext ? "accept" : "revoke");
          HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
              .header("X-Actor-Id", actor).POST(HttpRequest.BodyPublishers.noBody()).build();
          long sent = System.nanoTime();
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          long took = System.nanoTime() - sent;
          Matcher changed = CHANGED.matcher(response.body());
          // another client revoked it first: refused, nothing appended, like a repeated sign-off
          boolean notSignedOff = response.statusCode() == 409 && response.body().contains("\"NOT_SIGNED_OFF\"");
          if (!notSignedOff && (response.statusCode() != 200 || !changed.find())) {
            failure = "POST " + path + " as " + actor + " answered " + response.statusCode() + ": " + response.body();
            return;
          }
          if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
          }
          latencies[count++] = took;
          if (!notSignedOff && Boolean.parseBoolean(changed.group(1))) {
            commands++;
          } else {
            noops++;
          }
          // either way the check is now in the state just asked for: the next action is the other one
          acceptNext = !acceptNext;
        }
      } catch (Exception e) {
        failure = String.valueOf(e);
      }
    }
  }
}
