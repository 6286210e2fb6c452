package io.bfg.console.copilot;

import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.Lang;
import io.bfg.console.model.Runtime;
import io.bfg.console.scenario.ScenarioLoader;
import io.bfg.console.service.ReadinessService;
import io.bfg.console.store.FileLocalStore;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

class ScratchAllocTest {
  @TempDir Path dir;

  @Test
  void alloc() throws Exception {
    Vertx vertx = Vertx.vertx();
    var loaded = ScenarioLoader.load(RunningConsole.BFG);
    FileLocalStore store = new FileLocalStore(vertx, dir.resolve("audit.ndjson"), Clock.systemUTC());
    ReadinessService service = new ReadinessService(loaded.scenario(), loaded.snapshot(),
        new Runtime(store.adapter(), "mock-auth-header", false), store, vertx.eventBus());
    RunningConsole.await(service.start(vertx));
    CopilotService copilot = new CopilotService(vertx, service, new CopilotSettings("local", null, null, null, 30000,
        1000000, 1000000, Path.of("prompts")));
    List<String[]> qs = List.of(new String[] {"What blocks production?", "en"}, new String[] {"Why is the dry-run blocked?", "en"},
        new String[] {"What should I do next?", "en"}, new String[] {"What does BLOCKED_PENDING_DRY_RUN mean?", "en"},
        new String[] {"Who owns the region decision?", "en"}, new String[] {"What is the status of KSeF?", "en"},
        new String[] {"Co blokuje produkcje?", "pl"}, new String[] {"Co dalej?", "pl"});
    if (System.getProperty("qs") != null) {
      java.util.List<String[]> all = new java.util.ArrayList<>();
      for (String line : java.nio.file.Files.readAllLines(Path.of(System.getProperty("qs")))) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] f = line.split("\t");
        all.add(new String[] {f[0], f[1]});
      }
      qs = all;
    }
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int warm = Integer.getInteger("warm", 20000), n = Integer.getInteger("n", 20000);
    for (int round = 0; round < 2; round++) {
      int count = round == 0 ? warm : n;
      long bytes0 = total(mx), cpu0 = cpu(mx), cop0 = copilotCpu(mx), copb0 = copilotBytes(mx);
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        String[] q = qs.get(i % qs.size());
        CompletableFuture<Object> done = new CompletableFuture<>();
        vertx.runOnContext(v -> copilot.ask(q[0], q[1].equals("pl") ? Lang.PL : Lang.EN, "a" + (done.hashCode() % 50), new CopilotService.Listener() {
          public void delta(String text) { }
          public void answer(CopilotService.Answer answer) { done.complete(answer); }
          public void error(String code, String message) { done.completeExceptionally(new RuntimeException(code + message)); }
        }));
        done.get(10, TimeUnit.SECONDS);
      }
      long t1 = System.nanoTime();
      System.out.printf("ROUND %d: %d answers, %.1f KB/answer, %.1f us CPU/answer (all threads), %.1f us wall; copilot thread %.1f us CPU %.1f KB%n", round, count,
          (total(mx) - bytes0) / 1024.0 / count, (cpu(mx) - cpu0) / 1000.0 / count, (t1 - t0) / 1000.0 / count,
          (copilotCpu(mx) - cop0) / 1000.0 / count, (copilotBytes(mx) - copb0) / 1024.0 / count);
    }
    vertx.close();
  }

  static long total(com.sun.management.ThreadMXBean mx) {
    long sum = 0;
    for (long b : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) sum += Math.max(0, b);
    return sum;
  }

  static long copilotCpu(com.sun.management.ThreadMXBean mx) {
    long sum = 0;
    for (var info : mx.getThreadInfo(mx.getAllThreadIds())) if (info != null && info.getThreadName().startsWith("copilot")) sum += mx.getThreadCpuTime(info.getThreadId());
    return sum;
  }

  static long copilotBytes(com.sun.management.ThreadMXBean mx) {
    long sum = 0;
    for (var info : mx.getThreadInfo(mx.getAllThreadIds())) if (info != null && info.getThreadName().startsWith("copilot")) sum += mx.getThreadAllocatedBytes(info.getThreadId());
    return sum;
  }

  static long cpu(com.sun.management.ThreadMXBean mx) {
    long sum = 0;
    for (long id : mx.getAllThreadIds()) sum += Math.max(0, mx.getThreadCpuTime(id));
    return sum;
  }
}
