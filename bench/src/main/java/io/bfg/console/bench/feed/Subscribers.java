package io.bfg.console.bench.feed;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * N WebSocket subscribers on a Vert.x client spread over the generator's event loops. Every
 * evaluation message's arrival (seq, System.nanoTime() when its last frame arrived) is recorded
 * into the recorder of the event loop that read it; latencies are computed after the run, once
 * every change's send time is known (a broadcast can arrive before the POST that caused it returns).
 */
final class Subscribers {

  /** Arrivals read on one event loop thread. */
  static final class Recorder {
    private long[] seqs = new long[1 << 14];
    private long[] times = new long[1 << 14];
    private int size;

    synchronized void add(long seq, long nanos) {
      if (size == seqs.length) {
        seqs = Arrays.copyOf(seqs, size * 2);
        times = Arrays.copyOf(times, size * 2);
      }
      seqs[size] = seq;
      times[size] = nanos;
      size++;
    }

    synchronized void forEach(ArrivalConsumer consumer) {
      for (int i = 0; i < size; i++) {
        consumer.accept(seqs[i], times[i]);
      }
    }
  }

  interface ArrivalConsumer {
    void accept(long seq, long nanos);
  }

  private final Vertx vertx;
  private final WebSocketClient client;
  /** The servers subscribers connect to, round-robin (consoles sharing a store deliver the same changes). */
  private final List<URI> servers;
  private final String uri;
  private final ConcurrentLinkedQueue<Recorder> recorders = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Recorder> recorder = ThreadLocal.withInitial(() -> {
    Recorder r = new Recorder();
    recorders.add(r);
    return r;
  });
  private final List<ClientWebSocket> sockets = new ArrayList<>();

  final AtomicInteger connected = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  /** Subscribers that got their first evaluation (the greeting), so the server has them registered. */
  final AtomicInteger ready = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  /** Evaluation messages of either kind: whole evaluations and evaluation.patch messages. */
  final AtomicLong evaluations = new AtomicLong();
  /** Of those, evaluation.patch messages. */
  final AtomicLong patches = new AtomicLong();
  final AtomicLong audits = new AtomicLong();
  final AtomicLong hellos = new AtomicLong();
  final AtomicLong others = new AtomicLong();
  final AtomicLong bytes = new AtomicLong();
  private final ConcurrentHashMap<Long, LongAdder> perSeq = new ConcurrentHashMap<>();
  volatile String firstFailure;
  /** The first complete evaluation message a subscriber got (to compare bytes with the payload file). */
  volatile byte[] firstEvaluation;

  Subscribers(Vertx vertx, List<URI> servers, String uri, int subscribers) {
    this.vertx = vertx;
    this.servers = List.copyOf(servers);
    this.uri = uri;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(subscribers + 64)
        .setMaxFrameSize(16 * 1024 * 1024)
        .setMaxMessageSize(64 * 1024 * 1024)
        .setConnectTimeout(30_000)
        .setTcpNoDelay(true));
  }

  /**
   * Opens {@code count} subscribers with at most {@code concurrency} handshakes in flight; each
   * failed attempt is retried up to twice. Returns when all attempts completed or the deadline passed.
   */
  void connect(int count, int concurrency, int eventLoops, long deadlineNanos) throws Exception {
    List<Context> loops = eventLoopContexts(eventLoops);
    Semaphore inFlight = new Semaphore(concurrency);
    for (int i = 0; i < count; i++) {
      if (!inFlight.tryAcquire(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        return;
      }
      // every server's subscribers spread over all the generator's loops
      URI server = servers.get((i / loops.size()) % servers.size());
      loops.get(i % loops.size()).runOnContext(ignored -> open(server, 3, inFlight));
    }
    inFlight.tryAcquire(concurrency, Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /**
   * One event-loop context per loop: a socket lives on the loop of the context it was opened from,
   * and Vert.x 5 gives every call from one non-Vert.x thread the same context, which would put all
   * N subscribers on a single loop. Verticle instances are spread over the loops round-robin.
   */
  private List<Context> eventLoopContexts(int count) throws Exception {
    List<Context> contexts = java.util.Collections.synchronizedList(new ArrayList<>());
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(count)).await(30, TimeUnit.SECONDS);
    return List.copyOf(contexts);
  }

  private void open(URI server, int attemptsLeft, Semaphore inFlight) {
    ClientWebSocket ws = client.webSocket();
    Subscriber subscriber = new Subscriber();
    // handlers go on before the handshake: the server greets in the same flush as the 101
    ws.frameHandler(subscriber::frame);
    ws.closeHandler(ignored -> closed.incrementAndGet());
    ws.exceptionHandler(ignored -> { });
    ws.connect(new WebSocketConnectOptions().setHost(server.getHost()).setPort(server.getPort()).setURI(uri)).onComplete(result -> {
      if (result.succeeded()) {
        connected.incrementAndGet();
        synchronized (sockets) {
          sockets.add(ws);
        }
        inFlight.release();
      } else if (attemptsLeft > 1) {
        vertx.setTimer(50, id -> open(server, attemptsLeft - 1, inFlight));
      } else {
        failed.incrementAndGet();
        if (firstFailure == null) {
          firstFailure = String.valueOf(result.cause());
        }
        inFlight.release();
      }
    });
  }

  /** Per-socket frame state; touched only on the socket's event loop. */
  private final class Subscriber {
    private int type = -1;
    private long seq = -1;
    private boolean patch;
    private boolean greeted;

    void frame(WebSocketFrame frame) {
      if (frame.isText() || frame.isBinary()) {
        Buffer data = frame.binaryData();
        FeedMessages.Bytes head = FeedMessages.of(data);
        type = FeedMessages.type(head);
        seq = type == FeedMessages.OTHER ? -1 : FeedMessages.seq(head);
        patch = type == FeedMessages.EVALUATION && FeedMessages.isPatch(head);
        bytes.addAndGet(data.length());
        if (frame.isFinal()) {
          complete(data);
        }
      } else if (frame.isContinuation()) {
        bytes.addAndGet(frame.binaryData().length());
        if (frame.isFinal()) {
          complete(null);
        }
      }
      // ping, pong, close: the client answers pings itself
    }

    private void complete(Buffer wholeIfSingleFrame) {
      long now = System.nanoTime();
      switch (type) {
        case FeedMessages.EVALUATION -> {
          evaluations.incrementAndGet();
          if (patch) {
            patches.incrementAndGet();
          }
          recorder.get().add(seq, now);
          perSeq.computeIfAbsent(seq, k -> new LongAdder()).increment();
          if (!greeted) {
            greeted = true;
            ready.incrementAndGet();
            if (firstEvaluation == null && wholeIfSingleFrame != null) {
              firstEvaluation = wholeIfSingleFrame.getBytes();
            }
          }
        }
        case FeedMessages.AUDIT -> audits.incrementAndGet();
        case FeedMessages.HELLO -> hellos.incrementAndGet();
        default -> others.incrementAndGet();
      }
      type = -1;
      seq = -1;
      patch = false;
    }
  }

  /** How many subscribers got the evaluation of {@code seq} so far. */
  long arrivals(long seq) {
    LongAdder adder = perSeq.get(seq);
    return adder == null ? 0 : adder.sum();
  }

  void forEachArrival(ArrivalConsumer consumer) {
    for (Recorder r : recorders) {
      r.forEach(consumer);
    }
  }
}
