package io.bfg.console.bench.copilot;

import io.bfg.console.bench.feed.Args;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for the copilot: {@code --askers} concurrent askers, each asking in a closed loop
 * from {@link Questions} over {@code POST /api/copilot/ask} and reading the Server-Sent Events as
 * they stream (Vert.x HttpClient, chunk by chunk), so the first event's time is when it arrived,
 * not when the whole answer did. Measured per answered question: request sent to the first SSE
 * event complete, and request sent to the {@code answer} event complete.
 *
 * <pre>
 * java -cp console.jar:classes io.bfg.console.bench.copilot.CopilotLoad --url http://127.0.0.1:PORT
 *      --server-pid PID [--askers 20] [--warmup-s 10] [--duration-s 20 | --stop-file FILE]
 *      [--event-loops 1] [--label NAME] [--show-answers] [--result FILE]
 * </pre>
 *
 * With {@code --stop-file} it measures from the end of the warm-up (it prints a line starting
 * {@code MEASURING}) until that file exists, so a script can keep it running around another run.
 * Prints a human report and one {@code RESULT key=value ...} line (also appended to --result).
 * Exit codes: 0 measured (targets are judged by bench/run-copilot.sh), 2 bad arguments, 3 a broken
 * run: any ask that did not end in an answer, or no answers at all.
 */
public final class CopilotLoad {

  private static final long START = System.nanoTime();

  private CopilotLoad() {
  }

  public static void main(String[] args) {
    Map<String, String> opts;
    try {
      opts = Args.parse(args, Set.of("show-answers"));
      for (String required : List.of("url", "server-pid")) {
        if (!opts.containsKey(required)) {
          throw new IllegalArgumentException("missing --" + required);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    int status;
    try {
      status = run(opts);
    } catch (Exception e) {
      e.printStackTrace();
      status = 3;
    }
    System.out.flush();
    Runtime.getRuntime().halt(status);
  }

  private static int run(Map<String, String> o) throws Exception {
    URI url = URI.create(o.get("url"));
    int askers = Integer.parseInt(o.getOrDefault("askers", "20"));
    int eventLoops = Integer.parseInt(o.getOrDefault("event-loops", "1"));
    double warmupSeconds = Double.parseDouble(o.getOrDefault("warmup-s", "10"));
    double durationSeconds = Double.parseDouble(o.getOrDefault("duration-s", "20"));
    Path stopFile = o.containsKey("stop-file") ? Path.of(o.get("stop-file")) : null;
    String label = o.getOrDefault("label", "copilot");
    ServerProbe probe = new ServerProbe(Long.parseLong(o.get("server-pid")));

    if (o.containsKey("show-answers")) {
      showAnswers(url);
    }

    AskLog log = new AskLog();
    AskerVerticle.Control control = new AskerVerticle.Control();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
    AtomicInteger numbering = new AtomicInteger();
    List<Future<String>> deployed = new ArrayList<>();
    for (int i = 0; i < eventLoops; i++) {
      int share = askers / eventLoops + (i < askers % eventLoops ? 1 : 0);
      // one deployment per share: each verticle instance gets its own event loop, round-robin
      deployed.add(vertx.deployVerticle(new AskerVerticle(url.getHost(), url.getPort(), share, numbering, log, control),
          new DeploymentOptions()));
    }
    Future.all(deployed).await(30, TimeUnit.SECONDS);
    log("%s: %d askers on %d generator event loop(s), closed loop (next question as soon as the answer is in)",
        label, askers, eventLoops);

    Thread progress = progress(log, label);
    sleepSeconds(warmupSeconds);
    int warmedUp = log.size();
    long t0 = System.nanoTime();
    ServerProbe.Snapshot before = probe.take();
    log("warm-up: %d asks in %.0f s, not measured", warmedUp, warmupSeconds);
    System.out.println("MEASURING " + label);
    System.out.flush();
    if (stopFile != null) {
      while (!Files.exists(stopFile)) {
        Thread.sleep(50);
      }
    } else {
      sleepSeconds(durationSeconds);
    }
    long t1 = System.nanoTime();
    ServerProbe.Snapshot after = probe.take();
    control.stopping = true;
    progress.interrupt();
    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(35);
    while (log.size() < log.startedCount() && System.nanoTime() < drainDeadline) {
      Thread.sleep(10);
    }
    long unfinished = log.startedCount() - log.size();

    Map<String, String> result = new LinkedHashMap<>();
    result.put("label", label);
    result.put("askers", String.valueOf(askers));
    int status = report(log, t0, t1, unfinished, result);
    Map<String, String> cpu = probe.since(before, after);
    result.putAll(cpu);
    log("CPU over the window (100%% = one core; %d cores shared by the console and every generator): console %s%%, "
            + "this generator %s%%, everything else on the box %s%%", Runtime.getRuntime().availableProcessors(),
        cpu.get("srv_cpu_pct"), cpu.get("gen_cpu_pct"), cpu.get("other_cpu_pct"));
    log("console threads by pool: %s; console GC: %s", cpu.get("srv_threads").replace(";", ", "),
        cpu.get("srv_gc").replace('_', ' '));

    StringBuilder line = new StringBuilder("RESULT");
    result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v.replace(' ', '_')));
    System.out.println(line);
    if (o.containsKey("result")) {
      Files.writeString(Path.of(o.get("result")), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    return status;
  }

  /**
   * Prints the answers/s of every 5 s, warm-up included: the console's JIT keeps compiling the copilot
   * path for tens of seconds, and this shows when the rate has settled.
   */
  private static Thread progress(AskLog log, String label) {
    Thread thread = new Thread(() -> {
      int before = log.size();
      try {
        while (true) {
          Thread.sleep(5_000);
          int now = log.size();
          log("%s: %.0f asks/s (finished) over the last 5 s", label, (now - before) / 5.0);
          before = now;
        }
      } catch (InterruptedException e) {
        // the window ended
      }
    }, "progress");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Prints the figures of the asks sent in [t0, t1); 0 when all of them were answered, 3 otherwise. */
  private static int report(AskLog log, long t0, long t1, long unfinished, Map<String, String> r) {
    List<AskLog.Ask> asks = log.sentBetween(t0, t1);
    double window = (t1 - t0) / 1e9;
    int[] outcomes = new int[AskLog.OUTCOMES.length];
    List<Long> answerLatency = new ArrayList<>();
    List<Long> firstLatency = new ArrayList<>();
    Map<Integer, List<Long>> perQuestion = new HashMap<>();
    long bytes = 0;
    long deltas = 0;
    int grounded = 0;
    for (AskLog.Ask a : asks) {
      outcomes[a.outcome()]++;
      if (a.outcome() == AskLog.ANSWERED) {
        answerLatency.add(a.answer() - a.sent());
        firstLatency.add(a.firstEvent() - a.sent());
        perQuestion.computeIfAbsent(a.question(), k -> new ArrayList<>()).add(a.answer() - a.sent());
        bytes += a.bytes();
        deltas += a.deltas();
        grounded += a.grounded() ? 1 : 0;
      }
    }
    int answered = outcomes[AskLog.ANSWERED];
    int problems = asks.size() - answered;
    long[] answer = longs(answerLatency);
    long[] first = longs(firstLatency);
    r.put("window_s", fmt(window));
    r.put("asks", String.valueOf(asks.size()));
    r.put("answers", String.valueOf(answered));
    r.put("aps", fmt(answered / window));
    r.put("p50_ms", ms(AskLog.percentile(answer, 50)));
    r.put("p99_ms", ms(AskLog.percentile(answer, 99)));
    r.put("max_ms", ms(AskLog.percentile(answer, 100)));
    r.put("first_p50_ms", ms(AskLog.percentile(first, 50)));
    r.put("first_p99_ms", ms(AskLog.percentile(first, 99)));
    for (int i = 1; i < outcomes.length; i++) {
      r.put(AskLog.OUTCOMES[i], String.valueOf(outcomes[i]));
    }
    r.put("unfinished", String.valueOf(unfinished));
    r.put("grounded", String.valueOf(grounded));
    r.put("bytes_per_answer", String.valueOf(answered == 0 ? 0 : bytes / answered));

    log("%d asks sent in %.1f s: %d answered (%.0f answers/s), %d grounded; %s", asks.size(), window, answered,
        answered / window, grounded, problems == 0 ? "no errors" : "NOT ANSWERED: " + problems);
    log("answer latency (request sent -> answer event): p50 %s ms, p99 %s ms, max %s ms",
        r.get("p50_ms"), r.get("p99_ms"), r.get("max_ms"));
    log("first SSE event (request sent -> first event complete): p50 %s ms, p99 %s ms",
        r.get("first_p50_ms"), r.get("first_p99_ms"));
    log("per answer: %.0f bytes of event stream, %.1f delta events (means)", answered == 0 ? 0.0 : (double) bytes / answered,
        answered == 0 ? 0.0 : (double) deltas / answered);
    StringBuilder byQuestion = new StringBuilder();
    for (int q = 0; q < Questions.ALL.size(); q++) {
      long[] values = longs(perQuestion.getOrDefault(q, List.of()));
      log("  %-42s %6d answers  p50 %6s ms  p99 %6s ms", "'" + Questions.ALL.get(q).text() + "'", values.length,
          ms(AskLog.percentile(values, 50)), ms(AskLog.percentile(values, 99)));
      byQuestion.append(q == 0 ? "" : ";").append(ms(AskLog.percentile(values, 99)));
    }
    r.put("q_p99_ms", byQuestion.toString());
    if (problems > 0 || unfinished > 0) {
      StringBuilder counts = new StringBuilder();
      for (int i = 1; i < outcomes.length; i++) {
        counts.append(' ').append(AskLog.OUTCOMES[i]).append('=').append(outcomes[i]);
      }
      log("NOT ANSWERED:%s, unfinished after the window %d; first: %s", counts, unfinished, log.firstProblem());
    }
    return answered > 0 && problems == 0 && unfinished == 0 ? 0 : 3;
  }

  /** Asks each question once, one at a time, and prints how its answer starts: proves the path before the load. */
  private static void showAnswers(URI url) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (Questions.Question q : Questions.ALL) {
      HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/copilot/ask"))
          .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
          .header("X-Actor-Id", Questions.ACTORS.get(0))
          .POST(HttpRequest.BodyPublishers.ofString(q.body())).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      int events = body.split("\n\n").length;
      String answer = "(no answer event)";
      int at = body.indexOf("event: answer\ndata: ");
      if (at >= 0) {
        String data = body.substring(at + "event: answer\ndata: ".length()).trim();
        String text = new io.vertx.core.json.JsonObject(data).getString("text", "");
        answer = text.replace('\n', ' ');
        answer = answer.length() > 110 ? answer.substring(0, 107) + "..." : answer;
      }
      log("  [%s] %-42s HTTP %d, %2d events: %s", q.lang(), "'" + q.text() + "'", response.statusCode(), events,
          answer);
    }
  }

  private static long[] longs(List<Long> values) {
    long[] out = new long[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static String ms(long nanos) {
    return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static void sleepSeconds(double seconds) throws InterruptedException {
    Thread.sleep((long) (seconds * 1000));
  }

  private static void log(String format, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = (System.nanoTime() - START) / 1e9;
    System.arraycopy(args, 0, all, 1, args.length);
    System.out.printf(Locale.ROOT, "  [%6.1fs] " + format + "%n", all);
  }
}
