package io.bfg.console.bench.feed;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.bfg.console.bench.Latencies.ms;
import static io.bfg.console.bench.Latencies.percentile;

/**
 * Load generator for the IntegrationFeed.v1 fan-out: holds N WebSocket subscribers on one server
 * (the console, or the Node {@code ws} reference server in bench/node), makes state changes at a
 * fixed rate and measures, per delivered evaluation message, the time from the change request being
 * sent to the message's last byte arriving. Also samples the server's RSS and CPU from /proc.
 *
 * <pre>
 * java -cp console.jar:classes io.bfg.console.bench.feed.FeedLoad --target console|node
 *      --url http://127.0.0.1:PORT --server-pid PID --subscribers N [--rate 1] [--changes 20]
 *      [--warmup-changes 3] [--event-loops 2] [--connect-concurrency 256] [--stalled]
 *      [--payload FILE] [--result FILE] [--ws-uri /ws?lang=en[&amp;evaluation=patch]]
 *      [--subscribe-urls http://127.0.0.1:P1,http://127.0.0.1:P2]
 * </pre>
 *
 * Changes go to --url; subscribers go there too unless --subscribe-urls names other servers (consoles
 * sharing one store: a change made on one is delivered by all), spread over them round-robin. RSS and
 * CPU are those of --server-pid only.
 *
 * Evaluation messages are whole evaluations or, for subscribers that asked for {@code evaluation=patch}
 * in --ws-uri, {@code evaluation.patch} messages: both count as the delivery of their seq.
 *
 * Prints a human report and one {@code RESULT key=value ...} line (also appended to --result).
 * Exit codes: 0 measured (targets are judged by bench/run-feed.sh), 2 bad arguments, 3 run failed.
 */
public final class FeedLoad {

  private FeedLoad() {
  }

  public static void main(String[] args) {
    Map<String, String> opts;
    try {
      opts = Args.parse(args, Set.of("stalled"));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      Result result = new FeedLoad().run(new Settings(opts));
      String line = result.line();
      System.out.println(line);
      if (opts.containsKey("result")) {
        Files.writeString(Path.of(opts.get("result")), line + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      System.out.flush();
      // 10k sockets: the kernel closes them faster than a polite close handshake each
      Runtime.getRuntime().halt(0);
    } catch (Exception e) {
      e.printStackTrace();
      Runtime.getRuntime().halt(3);
    }
  }

  record Settings(String target, String host, int port, long serverPid, int subscribers, double rate, int changes,
                  int warmupChanges, int eventLoops, int connectConcurrency, long connectTimeoutSeconds,
                  long drainTimeoutSeconds, boolean stalled, Path payload, String wsUri, List<URI> subscribeTo) {
    Settings(Map<String, String> o) {
      this(req(o, "target"), URI.create(req(o, "url")).getHost(), URI.create(req(o, "url")).getPort(),
          Long.parseLong(req(o, "server-pid")), Integer.parseInt(req(o, "subscribers")),
          Double.parseDouble(o.getOrDefault("rate", "1")), Integer.parseInt(o.getOrDefault("changes", "20")),
          Integer.parseInt(o.getOrDefault("warmup-changes", "3")), Integer.parseInt(o.getOrDefault("event-loops", "2")),
          Integer.parseInt(o.getOrDefault("connect-concurrency", "256")),
          Long.parseLong(o.getOrDefault("connect-timeout-s", "180")),
          Long.parseLong(o.getOrDefault("drain-timeout-s", "20")), o.containsKey("stalled"),
          o.containsKey("payload") ? Path.of(o.get("payload")) : null, o.getOrDefault("ws-uri", "/ws?lang=en"),
          Arrays.stream(o.getOrDefault("subscribe-urls", req(o, "url")).split(",")).map(URI::create).toList());
      if (!target.equals("console") && !target.equals("node")) {
        throw new IllegalArgumentException("--target is console or node");
      }
    }

    String base() {
      return "http://" + host + ":" + port;
    }
  }

  private static String req(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + key);
    }
    return v;
  }

  /** Everything the report needs, in order; rendered as "key=value" without spaces in values. */
  static final class Result {
    final Map<String, String> values = new LinkedHashMap<>();

    void put(String key, Object value) {
      String text = value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(value);
      values.put(key, text.replace(' ', '_'));
    }

    String line() {
      StringBuilder sb = new StringBuilder("RESULT");
      values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
      return sb.toString();
    }
  }

  private static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "  [%s] " + format + "%n", prepend(timestamp(), args));
  }

  private static final long START = System.nanoTime();

  private static String timestamp() {
    return String.format(Locale.ROOT, "%6.1fs", (System.nanoTime() - START) / 1e9);
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] out = new Object[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  Result run(Settings s) throws Exception {
    Result r = new Result();
    r.put("target", s.target());
    r.put("n", s.subscribers());
    r.put("stalled", s.stalled() ? 1 : 0);
    r.put("rate", s.rate());
    ProcessProbe probe = new ProcessProbe(s.serverPid());
    long rssIdleKb = probe.rssKb();
    if (rssIdleKb <= 0) {
      throw new IOException("no /proc/" + s.serverPid() + "/status: is --server-pid the server?");
    }
    ChangeDriver driver = s.target().equals("console") ? new ChangeDriver.Console(s.base()) : new ChangeDriver.Node(s.base());
    long periodNanos = (long) (1e9 / s.rate());

    StalledClient stalled = null;
    if (s.stalled()) {
      stalled = new StalledClient(s.host(), s.port());
      stalled.connect(s.wsUri());
      int fill = fillStalled(driver, stalled, patchMode(s));
      long sendQ = stalled.serverSendQueue();
      log("stalled subscriber on local port %d: %d fill changes until the server stopped queueing for it "
          + "(server-side kernel Send-Q %d bytes)", stalled.localPort(), fill, sendQ);
      r.put("stall_fill", fill);
      r.put("stall_sendq_fill", sendQ);
    }

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(s.eventLoops()));
    Subscribers subs = new Subscribers(vertx, s.subscribeTo(), s.wsUri(), s.subscribers());
    long connectStart = System.nanoTime();
    subs.connect(s.subscribers(), s.connectConcurrency(), s.eventLoops(),
        connectStart + TimeUnit.SECONDS.toNanos(s.connectTimeoutSeconds()));
    double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
    waitFor(() -> subs.ready.get() >= subs.connected.get(), 30_000);
    int ready = subs.ready.get();
    log("%s: %d/%d subscribers connected to %s in %.1f s (%d failed%s), %d greeted with an evaluation",
        s.target(), subs.connected.get(), s.subscribers(), s.subscribeTo(), connectSeconds, subs.failed.get(),
        subs.firstFailure == null ? "" : ": " + subs.firstFailure, ready);
    r.put("connected", subs.connected.get());
    r.put("ready", ready);
    r.put("connect_s", connectSeconds);
    long rssConnectedKb = probe.takePhaseMaxKb();
    if (ready == 0) {
      throw new IOException("no subscriber was greeted; is " + s.base() + s.wsUri() + " a feed?");
    }

    byte[] first = subs.firstEvaluation;
    int messageBytes = first == null ? 0 : first.length;
    String sameBytes = "n/a";
    if (first != null && s.payload() != null) {
      byte[] payload = Files.readAllBytes(s.payload());
      int start = indexOf(first, FeedMessages.ascii(",\"evaluation\":")) + ",\"evaluation\":".length();
      byte[] body = Arrays.copyOfRange(first, start, first.length - 1);
      // the console's evaluation moves with its state (seq, audit count), so after earlier runs'
      // changes it is the same shape but not the same bytes as the file fetched at start-up
      sameBytes = Arrays.equals(body, payload) ? "identical"
          : "not-identical(state_moved_on:" + body.length + "B_vs_" + payload.length + "B)";
    }
    log("evaluation message %d bytes; its evaluation vs the payload file given to Node: %s", messageBytes,
        sameBytes.replace('_', ' '));
    r.put("msg_bytes", messageBytes);
    r.put("payload", sameBytes);
    double expectedBytesPerSecond = (double) ready * s.rate() * messageBytes;
    log("offered load: %d subscribers x %.2f changes/s x %d B = %.1f MB/s of evaluation messages%s",
        ready, s.rate(), messageBytes, expectedBytesPerSecond / 1e6,
        patchMode(s) ? " if all were whole (patch mode: see received MB/s)" : "");
    r.put("offered_mbs", expectedBytesPerSecond / 1e6);

    // warm-up: same rate, not measured
    List<ChangeDriver.Change> warmup = new ArrayList<>();
    long warmStart = System.nanoTime();
    for (int i = 0; i < s.warmupChanges(); i++) {
      sleepUntil(warmStart + i * periodNanos);
      warmup.add(driver.change());
    }
    awaitDeliveries(subs, ready, warmup, Math.min(10, s.drainTimeoutSeconds()));

    // measured changes
    probe.takePhaseMaxKb();
    long evaluationsBefore = subs.evaluations.get();
    long patchesBefore = subs.patches.get();
    long bytesBefore = subs.bytes.get();
    double serverCpu0 = ProcessProbe.processCpuSeconds(s.serverPid());
    double selfCpu0 = ProcessProbe.processCpuSeconds(ProcessHandle.current().pid());
    double machine0 = ProcessProbe.machineBusySeconds();
    Map<String, Double> threads0 = ProcessProbe.threadCpu(s.serverPid());
    Map<String, Double> ownThreads0 = ProcessProbe.threadCpu(ProcessHandle.current().pid());
    double[] serverGc0 = s.target().equals("console") ? ProcessProbe.jvmGc(s.serverPid()) : null;
    double[] ownGc0 = ProcessProbe.ownGc();
    List<ChangeDriver.Change> changes = new ArrayList<>();
    int late = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < s.changes(); i++) {
      long due = t0 + i * periodNanos;
      sleepUntil(due);
      if (System.nanoTime() - due > periodNanos / 2) {
        late++;
      }
      changes.add(driver.change());
    }
    long lastChangeSent = changes.get(changes.size() - 1).sentNanos();
    String drainEnd = awaitDeliveries(subs, ready, changes, s.drainTimeoutSeconds());
    long t1 = System.nanoTime();
    double serverCpu = ProcessProbe.processCpuSeconds(s.serverPid()) - serverCpu0;
    double selfCpu = ProcessProbe.processCpuSeconds(ProcessHandle.current().pid()) - selfCpu0;
    double machine = ProcessProbe.machineBusySeconds() - machine0;
    Map<String, Double> threads1 = ProcessProbe.threadCpu(s.serverPid());
    Map<String, Double> ownThreads1 = ProcessProbe.threadCpu(ProcessHandle.current().pid());
    double[] serverGc1 = serverGc0 == null ? null : ProcessProbe.jvmGc(s.serverPid());
    double[] ownGc1 = ProcessProbe.ownGc();
    long rssMaxKb = probe.takePhaseMaxKb();
    long receivedBytes = subs.bytes.get() - bytesBefore;
    long received = subs.evaluations.get() - evaluationsBefore;
    long patches = subs.patches.get() - patchesBefore;

    // latencies: arrival of seq s minus the send time of the change that produced s
    Map<Long, Long> sentBySeq = new HashMap<>();
    for (ChangeDriver.Change c : changes) {
      sentBySeq.put(c.seq(), c.sentNanos());
    }
    Map<Long, long[]> firstLast = new HashMap<>();
    long[][] lat = {new long[ready * changes.size() + 16]};
    int[] count = {0};
    long[] lastArrival = {t0};
    subs.forEachArrival((seq, nanos) -> {
      Long sent = sentBySeq.get(seq);
      if (sent == null) {
        return;
      }
      if (count[0] == lat[0].length) {
        lat[0] = Arrays.copyOf(lat[0], count[0] * 2);
      }
      lat[0][count[0]++] = nanos - sent;
      lastArrival[0] = Math.max(lastArrival[0], nanos);
      long[] fl = firstLast.computeIfAbsent(seq, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      fl[0] = Math.min(fl[0], nanos);
      fl[1] = Math.max(fl[1], nanos);
    });
    long[] latencies = Arrays.copyOf(lat[0], count[0]);
    long[] spread = new long[count[0]];
    int[] spreadCount = {0};
    subs.forEachArrival((seq, nanos) -> {
      long[] fl = firstLast.get(seq);
      if (fl != null && spreadCount[0] < spread.length) {
        spread[spreadCount[0]++] = nanos - fl[0];
      }
    });
    Arrays.sort(spread);
    Arrays.sort(latencies);
    long delivered = latencies.length;
    long expected = (long) ready * changes.size();
    long firstSent = changes.get(0).sentNanos();
    double windowSeconds = Math.max(lastChangeSent + periodNanos - firstSent, lastArrival[0] - firstSent) / 1e9;
    double deliveriesPerSecond = delivered / windowSeconds;
    long[] firstLatency = new long[changes.size()];
    long[] lastLatency = new long[changes.size()];
    long[] post = new long[changes.size()];
    StringBuilder perChange = new StringBuilder();
    for (int i = 0; i < changes.size(); i++) {
      ChangeDriver.Change c = changes.get(i);
      long[] fl = firstLast.get(c.seq());
      firstLatency[i] = fl == null ? -1 : fl[0] - c.sentNanos();
      lastLatency[i] = fl == null ? -1 : fl[1] - c.sentNanos();
      post[i] = c.answeredNanos() - c.sentNanos();
      perChange.append(String.format(Locale.ROOT, " %.0f/%.0f/%.0f", ms(post[i]), ms(firstLatency[i]), ms(lastLatency[i])));
    }
    Arrays.sort(firstLatency);
    Arrays.sort(lastLatency);
    Arrays.sort(post);

    r.put("changes", changes.size());
    r.put("late", late);
    r.put("expected", expected);
    r.put("delivered", delivered);
    r.put("dps", deliveriesPerSecond);
    r.put("patches", patches);
    r.put("p50_ms", ms(percentile(latencies, 50)));
    r.put("p99_ms", ms(percentile(latencies, 99)));
    r.put("max_ms", ms(latencies.length == 0 ? -1 : latencies[latencies.length - 1]));
    r.put("first_ms", ms(percentile(firstLatency, 50)));
    r.put("fanout_done_ms", ms(percentile(lastLatency, 50)));
    r.put("post_ms", ms(percentile(post, 50)));
    r.put("post_max_ms", ms(percentile(post, 100)));
    r.put("first_max_ms", ms(percentile(firstLatency, 100)));
    r.put("spread_p99_ms", ms(percentile(spread, 99)));
    r.put("window_s", windowSeconds);
    r.put("recv_mbs", receivedBytes / windowSeconds / 1e6);
    r.put("rss_idle_mb", rssIdleKb / 1024.0);
    r.put("rss_conn_mb", rssConnectedKb / 1024.0);
    r.put("rss_max_mb", rssMaxKb / 1024.0);
    r.put("rss_run_max_mb", Math.max(rssConnectedKb, rssMaxKb) / 1024.0);
    double span = (t1 - t0) / 1e9;
    r.put("srv_cpu_pct", 100 * serverCpu / span);
    r.put("gen_cpu_pct", 100 * selfCpu / span);
    r.put("other_cpu_pct", Math.max(0, 100 * (machine - serverCpu - selfCpu) / span));
    r.put("closed", subs.closed.get());
    String serverGc = serverGc1 == null ? "n/a" : String.format(Locale.ROOT, "%.0f_GCs_%.0fms",
        serverGc1[0] - serverGc0[0], 1000 * (serverGc1[1] - serverGc0[1]));
    String ownGc = String.format(Locale.ROOT, "%.0f_GCs_%.0fms", ownGc1[0] - ownGc0[0], 1000 * (ownGc1[1] - ownGc0[1]));
    r.put("srv_gc", serverGc);
    r.put("gen_gc", ownGc);
    r.put("drain", drainEnd);
    String top = ProcessProbe.topThreads(threads0, threads1, span, 4);
    r.put("srv_threads", top.replace(", ", ";"));

    log("%d changes at %.2f/s (%d late): %d of %d evaluation messages delivered (%s), %.0f/s over %.1f s",
        changes.size(), s.rate(), late, delivered, expected, drainEnd, deliveriesPerSecond, windowSeconds);
    log("latency change->delivery: p50 %.1f ms, p99 %.1f ms, max %.1f ms; per change: first delivery %.1f ms, "
            + "last %.1f ms (medians); POST answered in %.1f ms (median)",
        ms(percentile(latencies, 50)), ms(percentile(latencies, 99)), ms(latencies.length == 0 ? -1 : latencies[latencies.length - 1]),
        ms(percentile(firstLatency, 50)), ms(percentile(lastLatency, 50)), ms(percentile(post, 50)));
    log("per change, POST answered/first delivery/last delivery ms:%s", perChange);
    log("fan-out spread (arrival minus the first arrival of the same change): p99 %.1f ms",
        ms(percentile(spread, 99)));
    log("GC during the changes: server %s, generator %s", serverGc.replace('_', ' '), ownGc.replace('_', ' '));
    log("received %.1f MB/s (all messages); evaluations received in window incl. catch-ups: %d, of them %d "
        + "evaluation.patch", receivedBytes / windowSeconds / 1e6, received, patches);
    if (patchMode(s) && patches == 0) {
      log("WARNING: %s asked for evaluation=patch but no evaluation.patch message arrived", s.wsUri());
    }
    log("server RSS: idle %.0f MB, after connect %.0f MB, max during changes %.0f MB",
        rssIdleKb / 1024.0, rssConnectedKb / 1024.0, rssMaxKb / 1024.0);
    log("CPU over %.1f s (100%% = one core): server %.0f%%, generator %.0f%%, everything else on the box %.0f%%",
        span, 100 * serverCpu / span, 100 * selfCpu / span, Math.max(0, 100 * (machine - serverCpu - selfCpu) / span));
    log("busiest server threads: %s; generator threads: %s", top,
        ProcessProbe.topThreads(ownThreads0, ownThreads1, span, 4));
    if (subs.closed.get() > 0) {
      log("WARNING: %d subscribers were closed during the run", subs.closed.get());
    }

    if (s.target().equals("console")) {
      // measured while a stalled subscriber (if any) is still stalled, after the run's changes
      long liveKb = ProcessProbe.liveHeapKb(s.serverPid());
      r.put("heap_live_mb", liveKb < 0 ? "" : String.format(Locale.ROOT, "%.1f", liveKb / 1024.0));
      log("server live heap after a full GC: %s", liveKb < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB", liveKb / 1024.0));
    }

    if (stalled != null) {
      long sendQ = stalled.serverSendQueue();
      long finalSeq = changes.get(changes.size() - 1).seq();
      StalledClient.Drain d = stalled.drain(finalSeq, 15_000);
      int sentWhileStalled = r.values.containsKey("stall_fill")
          ? Integer.parseInt(r.values.get("stall_fill")) + warmup.size() + changes.size() : changes.size();
      log("stalled subscriber: server-side Send-Q %d bytes at the end; drained: %d evaluations (seq %d..%d) "
              + "of %d changes made while it stalled, %d bytes, %s",
          sendQ, d.evaluations(), d.firstSeq(), d.lastSeq(), sentWhileStalled, d.bytes(), d.end());
      r.put("stall_sendq_end", sendQ);
      r.put("stall_evals", d.evaluations());
      r.put("stall_changes", sentWhileStalled);
      r.put("stall_last_seq", d.lastSeq());
      r.put("final_seq", finalSeq);
      r.put("stall_end", d.end());
      stalled.close();
    }
    probe.stop();
    return r;
  }

  /**
   * Makes changes as fast as the server answers until the server stops queueing for the stalled
   * socket: its kernel Send-Q stops growing, plus a few more changes to fill the server's own
   * write queue (the console's is 256 KB, about 6 evaluations; the Node server's cap is the same).
   * In patch mode a change costs a stalled subscriber ~2 KB (patch and audit line) instead of ~44 KB:
   * filling what the kernel buffers for the socket (~0.4 MB for the console, ~2.8 MB for Node, seen
   * at N=200) takes ~500 and ~1,800 changes, and the write queue after it ~150 more, not ~6, so both
   * the limit and the changes made past a steady Send-Q are larger.
   */
  private static int fillStalled(ChangeDriver driver, StalledClient stalled, boolean patchMode) throws Exception {
    long previous = -1;
    int unchanged = 0;
    int made = 0;
    int limit = patchMode ? 5000 : 400;
    int past = patchMode ? 300 : 12;
    while (made < limit) {
      driver.change();
      made++;
      Thread.sleep(5);
      long q = stalled.serverSendQueue();
      if (q < 0) {
        // no ss: a fixed amount well past the ~4 MB a loopback socket buffers
        if (made >= (patchMode ? 3500 : 150)) {
          break;
        }
        continue;
      }
      unchanged = q == previous && q > 0 ? unchanged + 1 : 0;
      previous = q;
      if (unchanged >= past) {
        break;
      }
    }
    return made;
  }

  /** Waits until every ready subscriber got every change's evaluation, progress stops for 3 s, or the timeout. */
  private static String awaitDeliveries(Subscribers subs, int ready, List<ChangeDriver.Change> changes,
                                        long timeoutSeconds) throws InterruptedException {
    if (changes.isEmpty()) {
      return "none";
    }
    long lastSeq = changes.get(changes.size() - 1).seq();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    long seen = -1;
    long progressAt = System.nanoTime();
    while (System.nanoTime() < deadline) {
      if (subs.arrivals(lastSeq) >= ready) {
        return "complete";
      }
      long now = subs.evaluations.get();
      if (now != seen) {
        seen = now;
        progressAt = System.nanoTime();
      } else if (System.nanoTime() - progressAt > TimeUnit.SECONDS.toNanos(3)) {
        return "stalled-3s";
      }
      Thread.sleep(50);
    }
    return "timeout";
  }

  private static boolean patchMode(Settings s) {
    return s.wsUri().matches(".*[?&]evaluation=patch(&.*)?");
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }


  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
