package io.bfg.console.bench.copilot;

import io.bfg.console.copilot.CopilotService;
import io.bfg.console.copilot.CopilotSettings;
import io.bfg.console.model.Lang;
import io.bfg.console.model.Runtime;
import io.bfg.console.scenario.ScenarioLoader;
import io.bfg.console.service.ReadinessService;
import io.bfg.console.store.FileLocalStore;
import io.vertx.core.Vertx;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What one local-model answer costs the console: CPU time and bytes allocated on the copilot's
 * thread (the reader, the tools, the answer and its grounding), per answer, over questions asked
 * one after another through {@link CopilotService} in this JVM, with no HTTP and no other load, so
 * the figure is the answer's own. Compiled against whichever console jar is on the class path, so
 * bench/run-copilot-cost.sh can measure today's code and a baseline commit the same way.
 *
 * <p>Usage: AnswerCost SCENARIO_DIR PROMPTS_DIR WARMUP_ANSWERS MEASURED_ANSWERS [QUESTIONS_TSV]
 * (TSV lines: question TAB en|pl [TAB ...]; default: the 8 questions of the copilot load generator).
 * Prints one line: {@code RESULT answers=N cpu_us=X alloc_kb=Y}.
 */
public final class AnswerCost {

  private AnswerCost() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: AnswerCost SCENARIO_DIR PROMPTS_DIR WARMUP_ANSWERS MEASURED_ANSWERS [QUESTIONS_TSV]");
      System.exit(2);
    }
    List<Questions.Question> questions = args.length > 4 ? read(Path.of(args[4])) : Questions.ALL;
    Vertx vertx = Vertx.vertx();
    Path data = Files.createTempDirectory("answer-cost");
    try {
      var loaded = ScenarioLoader.load(Path.of(args[0]));
      FileLocalStore store = new FileLocalStore(vertx, data.resolve("audit.ndjson"), Clock.systemUTC());
      ReadinessService service = new ReadinessService(loaded.scenario(), loaded.snapshot(),
          new Runtime(store.adapter(), "mock-auth-header", false), store, vertx.eventBus());
      service.start(vertx).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      CopilotService copilot = new CopilotService(vertx, service, new CopilotSettings("local", null, null, null,
          30_000, Integer.MAX_VALUE, 1_000_000, Path.of(args[1])));
      String asker = loaded.scenario().actors().get(0).id();
      ask(vertx, copilot, questions, asker, Integer.parseInt(args[2]));
      var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long[] before = copilotThread(threads);
      int measured = Integer.parseInt(args[3]);
      ask(vertx, copilot, questions, asker, measured);
      long[] after = copilotThread(threads);
      System.out.printf("RESULT answers=%d cpu_us=%.1f alloc_kb=%.1f%n", measured,
          (after[0] - before[0]) / 1000.0 / measured, (after[1] - before[1]) / 1024.0 / measured);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void ask(Vertx vertx, CopilotService copilot, List<Questions.Question> questions, String asker,
                          int answers) throws Exception {
    for (int i = 0; i < answers; i++) {
      Questions.Question question = questions.get(i % questions.size());
      CompletableFuture<CopilotService.Answer> done = new CompletableFuture<>();
      vertx.runOnContext(v -> copilot.ask(question.text(), Lang.valueOf(question.lang().toUpperCase()), asker,
          new CopilotService.Listener() {
            @Override
            public void delta(String text) {
            }

            @Override
            public void answer(CopilotService.Answer answer) {
              done.complete(answer);
            }

            @Override
            public void error(String code, String message) {
              done.completeExceptionally(new IllegalStateException(code + ": " + message));
            }
          }));
      done.get(30, TimeUnit.SECONDS);
    }
  }

  /** CPU nanoseconds and bytes allocated so far by the copilot's worker thread(s). */
  private static long[] copilotThread(com.sun.management.ThreadMXBean threads) {
    long cpu = 0;
    long bytes = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("copilot")) {
        cpu += threads.getThreadCpuTime(info.getThreadId());
        bytes += threads.getThreadAllocatedBytes(info.getThreadId());
      }
    }
    return new long[] {cpu, bytes};
  }

  private static List<Questions.Question> read(Path tsv) throws Exception {
    List<Questions.Question> out = new ArrayList<>();
    for (String line : Files.readAllLines(tsv)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] fields = line.split("\t");
        out.add(new Questions.Question(fields[0], fields[1]));
      }
    }
    return out;
  }
}
