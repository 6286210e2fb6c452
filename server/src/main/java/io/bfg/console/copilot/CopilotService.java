package io.bfg.console.copilot;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import io.bfg.console.eval.Evaluation;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.model.Lang;
import io.bfg.console.service.ChangesInFlight;
import io.bfg.console.service.ReadinessService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Integration Readiness Copilot: a LangChain4j AI service with read-only tools over the
 * evaluation, on the configured model. Questions are untrusted input: size-limited, rate-limited
 * per asker, answered by a model that can only read, and every answer is checked by
 * {@link Grounding} sentence by sentence before it is streamed. Model calls run on the copilot's
 * worker threads, never on an event loop; the asker's callbacks run on the asker's context.
 */
public final class CopilotService {

  /** The final answer: {@code text} is exactly what the deltas streamed. */
  public record Answer(String text, List<String> citations, Evaluation.Recommendation recommendation, String lang,
                       boolean grounded, List<String> corrections, List<String> warnings, String model) {
  }

  /**
   * Receives an answer as it streams, on the asker's context: deltas, then one answer or one error.
   * Events that are ready together come in one batch, followed by {@link #flush()}.
   */
  public interface Listener {
    void delta(String text);

    void answer(Answer answer);

    void error(String code, String message);

    /** The end of a batch of events: a listener that buffers its writes sends them now. */
    default void flush() {
    }
  }

  /** A question refused before any model sees it; {@code status} is the HTTP status to answer. */
  public static final class Refused extends RuntimeException {
    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    Refused(int status, String code, String message, long retryAfterSeconds) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /** The AI service LangChain4j implements around the model and the tools. */
  interface Assistant {
    TokenStream ask(@UserMessage String question);
  }

  private static final int RECENT_EVENTS = 50;
  /**
   * Copilot threads, off the event loops. The local model's answers are pure CPU work: on 2 cores
   * one thread answers more questions a second than four did, sooner (bench/run-copilot.sh: 12,712
   * vs 11,150 answers/s, p99 4.6 vs 6.2 ms), as more threads only take turns on the same cores. A
   * hosted model's calls mostly wait on the network, so they get more threads.
   */
  private static final int LOCAL_WORKERS = 1;
  private static final int REMOTE_WORKERS = 4;
  private static final System.Logger LOG = System.getLogger(CopilotService.class.getName());

  private final Vertx vertx;
  private final ReadinessService service;
  private final CopilotSettings settings;
  private final Prompts prompts;
  private final StreamingChatModel model;
  private final WorkerExecutor workers;
  private final AnswerPacer pacer;
  private final Map<String, Deque<Long>> asks = new ConcurrentHashMap<>();
  /** One AI service per language, built once: building one per question cost more than answering it. */
  private final Map<Lang, Assistant> assistants = new ConcurrentHashMap<>();
  /** The current evaluation's folded names and grounding per language, rebuilt only when it changes. */
  private final Map<Lang, Derived> derived = new ConcurrentHashMap<>();

  /**
   * What the copilot derives from one evaluation. An evaluation never changes (a new state brings a
   * new one), so every question asked while it is current shares these instead of rebuilding them.
   */
  private record Derived(FoldedNames names, Grounding grounding, CopilotTools.Now now) {
  }

  /** The scenario's words, which the grounding of every evaluation shares. */
  private final Grounding.Lexicon lexicon;

  public CopilotService(Vertx vertx, ReadinessService service, CopilotSettings settings) {
    this.vertx = vertx;
    this.service = service;
    this.settings = settings;
    this.prompts = new Prompts(settings.promptsDir());
    this.lexicon = new Grounding.Lexicon(service.scenario());
    this.model = model(settings);
    ChangesInFlight changes = service.changesInFlight();
    this.pacer = new AnswerPacer(settings.answersPerSecond(), changes::any);
    this.workers = vertx.createSharedWorkerExecutor("copilot",
        LocalChatModel.NAME.equals(settings.model()) ? LOCAL_WORKERS : REMOTE_WORKERS, settings.timeoutMs() * 2L,
        java.util.concurrent.TimeUnit.MILLISECONDS);
    if (model instanceof LocalChatModel) {
      // loading the stemmers' tables and the scenario's names takes longer than an answer may: on the
      // copilot's own thread, before any question, never on an event loop
      workers.executeBlocking(() -> {
        QuestionReader.prepare(service.scenario());
        return null;
      }, false);
    }
  }

  public CopilotSettings settings() {
    return settings;
  }

  private StreamingChatModel model(CopilotSettings s) {
    Duration timeout = Duration.ofMillis(s.timeoutMs());
    return switch (s.model()) {
      case "openai" -> OpenAiStreamingChatModel.builder().baseUrl(s.baseUrl())
          .apiKey(s.apiKey() == null ? "not-needed" : s.apiKey()).modelName(s.modelName()).timeout(timeout)
          .temperature(0.0).build();
      case "ollama" -> OllamaStreamingChatModel.builder().baseUrl(s.baseUrl()).modelName(s.modelName())
          .timeout(timeout).temperature(0.0).build();
      default -> new LocalChatModel(this::facts, prompts, Lang.EN);
    };
  }

  /** The current evaluation in {@code lang} with the state and latest events behind it. */
  ReadinessFacts facts(Lang lang) {
    return new ReadinessFacts(service.scenario(), derived(lang).names(), service.state(),
        service.recentAuditEvents(RECENT_EVENTS));
  }

  private Derived derived(Lang lang) {
    Evaluation evaluation = service.evaluation(lang);
    Derived current = derived.get(lang);
    if (current == null || current.names().evaluation() != evaluation) {
      // the assessment and the evaluation must be of one state: a command may land between the reads
      Evaluator.Assessment assessment = service.assessment();
      while (assessment.state().seq() != evaluation.seq()) {
        evaluation = service.evaluation(lang);
        assessment = service.assessment();
      }
      // two threads may both build it for a new evaluation: the same content, the last one stays
      current = new Derived(new FoldedNames(service.scenario(), evaluation),
          new Grounding(lexicon, service.scenario(), assessment, evaluation),
          new CopilotTools.Now(service.scenario(), assessment, evaluation));
      derived.put(lang, current);
    }
    return current;
  }

  /**
   * Answers {@code question}; throws {@link Refused} at once for a question that is empty, too long
   * or over the asker's rate. {@code lang} is used when the question does not tell its language;
   * {@code asker} (an actor's id, else the client's address) is who "I" and "my" mean in it.
   */
  public void ask(String question, Lang lang, String asker, Listener listener) {
    if (question == null || question.isBlank()) {
      throw new Refused(400, "INVALID_QUESTION", "ask a question, e.g. {\"question\": \"What blocks production?\"}", 0);
    }
    if (question.length() > CopilotSettings.MAX_QUESTION_CHARS) {
      throw new Refused(413, "QUESTION_TOO_LONG", "questions are at most " + CopilotSettings.MAX_QUESTION_CHARS
          + " characters; this one has " + question.length(), 0);
    }
    long wait = admit(asker, System.currentTimeMillis());
    if (wait > 0) {
      throw new Refused(429, "RATE_LIMITED", "at most " + settings.ratePerMinute() + " questions a minute per asker; "
          + "try again in " + wait + " s", wait);
    }
    Context context = vertx.getOrCreateContext();
    Lang answerLang = QuestionReader.language(question, lang);
    Ask ask = new Ask(context, listener, answerLang);
    long timer = vertx.setTimer(settings.timeoutMs(), id -> ask.fail("COPILOT_TIMEOUT", "the " + settings.model()
        + " model did not answer within " + settings.timeoutMs() + " ms (CONSOLE_COPILOT_TIMEOUT_MS)"));
    ask.onEnd(() -> vertx.cancelTimer(timer));
    workers.executeBlocking(() -> {
      // a question that timed out while queued takes no turn and no CPU
      if (!ask.ended()) {
        pacer.await();
        // an asker that is not one of the scenario's actors (a client address) asks as nobody in particular
        ask.start(AskedBy.message(question, asker == null ? null : service.scenario().actor(asker)));
      }
      return null;
    }, false).onFailure(failure -> ask.fail("COPILOT_FAILED", describe(failure)));
  }

  /** The AI service answering in {@code lang}: its tools read the evaluation in that language. */
  private Assistant assistant(Lang lang) {
    return AiServices.builder(Assistant.class)
        .streamingChatModel(model)
        .tools(new CopilotTools(() -> facts(lang), () -> derived(lang).now(), model instanceof LocalChatModel))
        .systemMessageProvider(memoryId -> prompts.system(lang))
        .maxSequentialToolsInvocations(6)
        // a model asked to "accept every check" may call a tool it wishes existed: tell it, don't fail
        .hallucinatedToolNameStrategy(call -> ToolExecutionResultMessage.from(call,
            "there is no tool '" + call.name() + "': the copilot is read-only and can only read the evaluation"))
        .build();
  }

  /** 0 when {@code asker} may ask now, else the seconds until a slot frees up. */
  private long admit(String asker, long now) {
    Deque<Long> times = asks.computeIfAbsent(asker == null ? "anonymous" : asker, k -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && now - times.peekFirst() >= 60_000) {
        times.pollFirst();
      }
      if (times.size() >= settings.ratePerMinute()) {
        return Math.max(1, (60_000 - (now - times.peekFirst()) + 999) / 1000);
      }
      times.addLast(now);
      return 0;
    }
  }

  private String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    if (root instanceof java.net.ConnectException || root instanceof java.net.http.HttpConnectTimeoutException) {
      message = "cannot reach " + settings.baseUrl() + " (" + root.getClass().getSimpleName() + ")";
    }
    if (settings.apiKey() != null && !settings.apiKey().isEmpty()) {
      message = message.replace(settings.apiKey(), "***");
    }
    return "the " + settings.model() + " model failed: " + message;
  }

  /** One question in flight: streams checked sentences, ends exactly once. */
  private final class Ask {
    private final Context context;
    private final Listener listener;
    private final Lang lang;
    private final Grounding grounding;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder streamed = new StringBuilder();
    private final List<String> citations = new ArrayList<>();
    private final List<String> corrections = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private Runnable onEnd = () -> { };
    /**
     * Events not yet handed to the asker's context, in order: deltas (String), then the end (Runnable).
     * They go in one {@code runOnContext} per batch: each hop wakes the asker's event loop, the same
     * loop that serves the feed, and a local answer is ready whole at once.
     */
    private final List<Object> outbox = new ArrayList<>();
    /** While the model call is on the worker's stack, deltas wait for the end or for the call to return. */
    private boolean holding;
    private boolean scheduled;
    /** The model's open stream, once it has sent something: cancelled when the asker is let go. */
    private volatile StreamingHandle stream;

    Ask(Context context, Listener listener, Lang lang) {
      this.context = context;
      this.listener = listener;
      this.lang = lang;
      this.grounding = derived(lang).grounding();
    }

    void onEnd(Runnable action) {
      this.onEnd = action;
    }

    boolean ended() {
      return ended.get();
    }

    void start(String question) {
      synchronized (this) {
        holding = true;
      }
      try {
        ask(question);
      } finally {
        synchronized (this) {
          holding = false;
          if (!outbox.isEmpty() && !scheduled) {
            schedule();
          }
        }
      }
    }

    private void ask(String question) {
      assistants.computeIfAbsent(lang, CopilotService.this::assistant).ask(question)
          .onPartialResponseWithContext((piece, context) -> {
            stream = context.streamingHandle();
            partial(piece.text());
          })
          .onPartialToolCallWithContext((piece, context) -> stream = context.streamingHandle())
          .onCompleteResponse(response -> complete(response.aiMessage() == null ? null : response.aiMessage().text()))
          .onError(failure -> fail("COPILOT_FAILED", describe(failure)))
          .start();
    }

    private synchronized void partial(String piece) {
      if (ended.get() || piece == null) {
        return;
      }
      int scanned = pending.length();
      pending.append(piece);
      int end = grounding.completeUpTo(pending, scanned);
      if (end > 0) {
        emit(pending.substring(0, end));
        pending.delete(0, end);
      }
    }

    private synchronized void complete(String finalText) {
      if (ended.get()) {
        return;
      }
      if (streamed.length() == 0 && pending.length() == 0 && finalText != null) {
        pending.append(finalText);
      }
      if (pending.length() > 0) {
        emit(pending.toString());
        pending.setLength(0);
      }
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      Evaluation.Recommendation next = service.evaluation(lang).recommendation();
      Answer answer = new Answer(streamed.toString(), List.copyOf(new java.util.LinkedHashSet<>(citations)), next,
          lang.code(), warnings.isEmpty(), List.copyOf(corrections), List.copyOf(warnings), settings.model());
      if (!corrections.isEmpty() || !warnings.isEmpty()) {
        LOG.log(System.Logger.Level.INFO, "copilot answer " + (warnings.isEmpty() ? "corrected: " + corrections
            : "flagged: " + warnings));
      }
      post((Runnable) () -> {
        onEnd.run();
        listener.answer(answer);
      });
    }

    private void emit(String text) {
      Grounding.Checked checked = grounding.check(text);
      citations.addAll(checked.citations());
      corrections.addAll(checked.corrections());
      warnings.addAll(checked.warnings());
      streamed.append(checked.text());
      post(checked.text());
    }

    /** Queues an event for the asker; an end (a Runnable) goes at once, a delta when nothing holds it. */
    private synchronized void post(Object event) {
      outbox.add(event);
      if (!scheduled && (!holding || event instanceof Runnable)) {
        schedule();
      }
    }

    private void schedule() {
      scheduled = true;
      context.runOnContext(ignored -> flush());
    }

    private void flush() {
      List<Object> events;
      synchronized (this) {
        events = List.copyOf(outbox);
        outbox.clear();
        scheduled = false;
      }
      for (Object event : events) {
        if (event instanceof String delta) {
          listener.delta(delta);
        } else {
          ((Runnable) event).run();
        }
      }
      listener.flush();
    }

    void fail(String code, String message) {
      if (ended.compareAndSet(false, true)) {
        // a model that stalled mid-stream would otherwise hold a connection and a thread forever
        StreamingHandle open = stream;
        if (open != null) {
          open.cancel();
        }
        post((Runnable) () -> {
          onEnd.run();
          listener.error(code, message);
        });
      }
    }
  }
}
