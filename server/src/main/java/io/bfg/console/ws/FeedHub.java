package io.bfg.console.ws;

import io.bfg.console.auth.Identity;
import io.bfg.console.auth.LoginRoutes;
import io.bfg.console.copilot.CopilotService;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.Lang;
import io.bfg.console.service.Addresses;
import io.bfg.console.service.ReadinessService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IntegrationFeed.v1 fan-out of one HTTP verticle: relays every state change to its WebSocket
 * subscribers. Each evaluation message (whole, and for subscribers that asked for it the patch
 * from the previous state) is built and framed once per language, and the same frame bytes are
 * written to every subscriber, together with the change's audit line in one write; all work runs
 * on the verticle's event loop, the one its sockets live on.
 *
 * <p>Slow subscribers never grow memory without bound: a socket whose write queue is full is
 * skipped (it keeps only a "behind" flag) and gets the latest evaluation when it drains; one that
 * stays full longer than {@link FeedSettings#stalledCloseMillis} is closed.
 */
public final class FeedHub {

  public static final String PROTOCOL = "IntegrationFeed.v1";

  private final Vertx vertx;
  private final ReadinessService service;
  private final CopilotService copilot;
  private final FeedSettings settings;
  private final Set<FeedConnection> connections = new LinkedHashSet<>();
  private final Map<Lang, EvaluationMessages> evaluationMessages = new EnumMap<>(Lang.class);
  private long messagesSeq = -1;
  private MessageConsumer<Buffer> stateConsumer;
  private MessageConsumer<Buffer> pipelineConsumer;
  private MessageConsumer<Buffer> storeConsumer;
  private MessageConsumer<String> signedOutConsumer;
  /** The last {@code store} message while the store is unavailable, for subscribers arriving meanwhile; else null. */
  private byte[] storeUnavailable;
  private long timer = -1;

  public FeedHub(Vertx vertx, ReadinessService service, CopilotService copilot, FeedSettings settings) {
    this.vertx = vertx;
    this.service = service;
    this.copilot = copilot;
    this.settings = settings;
  }

  /** Call on the owning verticle's context: consumers and the keep-alive timer bind to it. */
  public void start() {
    stateConsumer = vertx.eventBus().consumer(Addresses.STATE_CHANGED, message -> broadcastChange(message.body()));
    pipelineConsumer = vertx.eventBus().consumer(Addresses.PIPELINE_PROGRESS,
        message -> broadcastMessage(message.body()));
    storeConsumer = vertx.eventBus().consumer(Addresses.STORE_STATUS, message -> {
      byte[] body = message.body().getBytes();
      storeUnavailable = "UNAVAILABLE".equals(new JsonObject(message.body()).getString("status")) ? body : null;
      broadcastMessage(message.body());
    });
    signedOutConsumer = vertx.eventBus().consumer(LoginRoutes.SIGNED_OUT, message -> signedOut(message.body()));
    timer = vertx.setPeriodic(settings.keepAliveMillis(), id -> keepAlive());
  }

  private void signedOut(String session) {
    List.copyOf(connections).stream().filter(c -> session.equals(c.session()))
        .forEach(c -> c.socket().close((short) 1008, "signed out"));
  }

  public void stop() {
    if (stateConsumer != null) {
      stateConsumer.unregister();
      pipelineConsumer.unregister();
      storeConsumer.unregister();
      signedOutConsumer.unregister();
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    List.copyOf(connections).forEach(c -> c.socket().close((short) 1001, "server stopping"));
  }

  /** Greets a new subscriber: hello, the audit events after {@code since} (if given), then the evaluation. */
  void add(ServerWebSocket socket, ChannelHandlerContext channel, Lang lang, Long since, String asker, boolean patches) {
    add(socket, channel, lang, since, asker, patches, null);
  }

  /**
   * As above, for a subscriber who proved who they are ({@code identity}, null when anonymous): a feed must not
   * outlive the right to read it, so it is closed with 1008 when the credentials expire and when their session is
   * signed out.
   */
  void add(ServerWebSocket socket, ChannelHandlerContext channel, Lang lang, Long since, String asker, boolean patches,
           Identity identity) {
    String session = identity == null ? null : identity.session();
    FeedConnection connection = new FeedConnection(socket, channel, lang, asker, session, patches, now());
    connections.add(connection);
    socket.setWriteQueueMaxSize(settings.writeQueueBytes());
    Instant expiresAt = identity == null ? null : identity.expiresAt();
    String expiryReason = identity != null && identity.via() == Identity.Via.SESSION ? "session expired"
        : "token expired";
    long expiry = expiresAt == null ? -1 : vertx.setTimer(
        Math.max(1, expiresAt.toEpochMilli() - System.currentTimeMillis()),
        id -> socket.close((short) 1008, expiryReason));
    socket.closeHandler(ignored -> {
      connections.remove(connection);
      if (expiry >= 0) {
        vertx.cancelTimer(expiry);
      }
    });
    socket.exceptionHandler(failure -> {
      connections.remove(connection);
      connection.socket().close((short) 1011, "connection failed");
    });
    socket.pongHandler(ignored -> connection.seen(now()));
    // the channel turning writable again is the drain: the hub's writes do not pass Vert.x's queue,
    // so Vert.x's drain handler would not fire for them
    channel.pipeline().addBefore(channel.name(), "feed-drain", new ChannelInboundHandlerAdapter() {
      @Override
      public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (context.channel().isWritable()) {
          drained(connection);
        }
        context.fireChannelWritabilityChanged();
      }
    });
    socket.frameHandler(frame -> onFrame(connection, frame));
    long seq = service.state().seq();
    send(connection, ascii("{\"type\":\"hello\",\"protocol\":\"" + PROTOCOL + "\",\"seq\":" + seq + "}"));
    if (storeUnavailable != null) {
      send(connection, storeUnavailable);
    }
    if (since != null && since < seq) {
      List<AuditEvent> missed = service.auditEvents().stream().filter(e -> e.seq() > since).toList();
      if (missed.size() <= settings.maxReplayEvents()) {
        missed.forEach(event -> send(connection, auditMessage(ReadinessService.bytes(event))));
      } else {
        // too many to replay over the socket: say so, so the client knows it has a gap to fetch
        send(connection, ascii("{\"type\":\"resync\",\"missed\":" + missed.size() + ",\"audit\":\"/api/audit?since="
            + since + "\"}"));
      }
    }
    sendEvaluation(connection);
  }

  /**
   * One change: its audit line, then the evaluation it led to (whole, or as a patch), in one write
   * per subscriber. A subscriber whose queue is full gets neither: it is marked behind, gets the
   * latest evaluation when it drains, and can fetch the audit lines with GET /api/audit?since=N.
   */
  private void broadcastChange(Buffer auditEvent) {
    byte[] audit = TextFrames.frame(auditMessage(auditEvent.getBytes()));
    service.changesInFlight().during(() -> {
      for (FeedConnection connection : List.copyOf(connections)) {
        if (connection.full()) {
          markBehind(connection);
        } else {
          byte[] evaluation = nextEvaluation(connection);
          write(connection, evaluation == null ? Unpooled.wrappedBuffer(audit)
              : Unpooled.wrappedBuffer(audit, evaluation));
        }
      }
    });
  }

  /**
   * A whole feed message: pipeline progress or the store's status. Like audit lines, a subscriber
   * that is behind misses some; the evaluation it gets when it drains carries a run's outcome,
   * GET /api/pipelines/{runId} the whole transcript, and /health the store's status.
   */
  private void broadcastMessage(Buffer message) {
    byte[] frame = TextFrames.frame(message.getBytes());
    service.changesInFlight().during(() -> {
      for (FeedConnection connection : List.copyOf(connections)) {
        if (!connection.full()) {
          write(connection, Unpooled.wrappedBuffer(frame));
        }
      }
    });
  }

  private void sendEvaluation(FeedConnection connection) {
    if (connection.full()) {
      markBehind(connection);
      return;
    }
    byte[] evaluation = nextEvaluation(connection);
    if (evaluation != null) {
      write(connection, Unpooled.wrappedBuffer(evaluation));
    }
  }

  private void markBehind(FeedConnection connection) {
    if (!connection.behind()) {
      connection.behindSince(now());
    }
  }

  /**
   * The framed evaluation message to send next, recorded as sent, or null when the subscriber has
   * this state already. A patch goes only to a subscriber that holds exactly the evaluation it
   * applies to; one that was skipped while behind, or is new, gets the whole evaluation.
   */
  private byte[] nextEvaluation(FeedConnection connection) {
    EvaluationMessages messages = evaluationMessages(connection.lang());
    if (messages.seq() <= connection.lastSeq() && connection.lastSeq() >= 0) {
      return null;
    }
    boolean patch = connection.wantsPatches() && messages.patch() != null
        && connection.lastSeq() == messages.patchBase();
    connection.sent(messages.seq());
    return patch ? messages.patch() : messages.whole();
  }

  private void drained(FeedConnection connection) {
    if (connection.behind()) {
      connection.caughtUp();
      sendEvaluation(connection);
    }
  }

  /** One state's framed messages in one language: the whole evaluation, and the patch from the state before. */
  private record EvaluationMessages(long seq, byte[] whole, long patchBase, byte[] patch) {
  }

  /** Built once per state and language; the bytes are shared by every subscriber of that language. */
  private EvaluationMessages evaluationMessages(Lang lang) {
    long seq = service.state().seq();
    if (seq != messagesSeq) {
      evaluationMessages.clear();
      messagesSeq = seq;
    }
    return evaluationMessages.computeIfAbsent(lang, l -> {
      ReadinessService.Published published = service.published(l);
      byte[] whole = wrap("{\"type\":\"evaluation\",\"seq\":" + published.seq() + ",\"evaluation\":",
          published.evaluationJson().getBytes());
      byte[] patch = published.patchJson() == null ? null
          : wrap("{\"type\":\"evaluation.patch\",\"seq\":" + published.seq() + ",\"base\":" + published.patchBase()
              + ",\"patch\":", published.patchJson().getBytes());
      return new EvaluationMessages(published.seq(), TextFrames.frame(whole), published.patchBase(),
          patch == null ? null : TextFrames.frame(patch));
    });
  }

  private static byte[] auditMessage(byte[] event) {
    return wrap("{\"type\":\"audit\",\"event\":", event);
  }

  /** {@code head} + {@code json} + "}": a feed message around JSON that is already serialised. */
  private static byte[] wrap(String head, byte[] json) {
    byte[] start = ascii(head);
    byte[] out = new byte[start.length + json.length + 1];
    System.arraycopy(start, 0, out, 0, start.length);
    System.arraycopy(json, 0, out, start.length, json.length);
    out[out.length - 1] = '}';
    return out;
  }

  /**
   * Reassembles client messages frame by frame so the size limit is ours: a message over
   * {@link FeedSettings#maxMessageBytes} closes the socket with 1009, however it was fragmented.
   */
  private void onFrame(FeedConnection connection, WebSocketFrame frame) {
    if (frame.isText() || frame.isBinary()) {
      connection.startMessage(frame.isBinary());
    } else if (!frame.isContinuation()) {
      return;
    }
    connection.seen(now());
    if (!connection.appendToMessage(frame.binaryData(), settings.maxMessageBytes())) {
      connections.remove(connection);
      connection.socket().close((short) 1009, "message larger than " + settings.maxMessageBytes() + " bytes");
      return;
    }
    if (frame.isFinal()) {
      boolean binary = connection.messageIsBinary();
      Buffer message = connection.finishMessage();
      onMessage(connection, binary ? null : message.toString(StandardCharsets.UTF_8));
    }
  }

  /** {@code text} is null for a binary message: counted like any other, then refused. */
  private void onMessage(FeedConnection connection, String text) {
    long now = now();
    int inWindow = connection.countMessage(now, settings.rateWindowMillis());
    if (inWindow > settings.maxMessagesPerWindow() * 4) {
      connection.socket().close((short) 1008, "message rate limit exceeded");
      return;
    }
    if (inWindow > settings.maxMessagesPerWindow()) {
      error(connection, "RATE_LIMITED", "at most " + settings.maxMessagesPerWindow() + " messages per "
          + settings.rateWindowMillis() / 1000 + " s");
      return;
    }
    if (text == null) {
      error(connection, "BINARY_NOT_SUPPORTED", "send JSON text messages");
      return;
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      error(connection, "MALFORMED_MESSAGE", "messages are JSON objects such as {\"type\":\"ping\"}");
      return;
    }
    Object type = message.getValue("type");
    if ("ping".equals(type)) {
      if (connection.full()) {
        return;
      }
      send(connection, ascii("{\"type\":\"pong\",\"seq\":" + service.state().seq() + "}"));
    } else if ("ask".equals(type)) {
      ask(connection, message);
    } else {
      error(connection, "UNKNOWN_TYPE", "known message types: ping, ask");
    }
  }

  /**
   * {@code {"type":"ask","question","lang","askId"}}: the copilot's answer as {@code copilot.delta}
   * messages, then one {@code copilot.answer} (or an {@code error}), each carrying the askId. Deltas
   * are skipped for a subscriber that is not reading; the answer, which holds the whole text, is not.
   */
  private void ask(FeedConnection connection, JsonObject message) {
    Object question = message.getValue("question");
    Object askId = message.getValue("askId");
    String id = askId == null ? null : String.valueOf(askId);
    if (!(question instanceof String text)) {
      error(connection, "INVALID_QUESTION", "ask with {\"type\":\"ask\",\"question\":\"...\",\"lang\":\"en\"}", id);
      return;
    }
    Lang lang = Lang.parse(String.valueOf(message.getValue("lang", connection.lang().code()))).orElse(connection.lang());
    try {
      copilot.ask(text, lang, connection.asker(), new CopilotService.Listener() {
        @Override
        public void delta(String piece) {
          if (!connection.socket().isClosed() && !connection.full()) {
            send(connection, copilotMessage("copilot.delta", id).put("text", piece).toBuffer().getBytes());
          }
        }

        @Override
        public void answer(CopilotService.Answer answer) {
          if (!connection.socket().isClosed()) {
            JsonObject out = copilotMessage("copilot.answer", id);
            JsonObject.mapFrom(answer).forEach(field -> out.put(field.getKey(), field.getValue()));
            send(connection, out.toBuffer().getBytes());
          }
        }

        @Override
        public void error(String code, String text) {
          if (!connection.socket().isClosed()) {
            FeedHub.this.error(connection, code, text, id);
          }
        }
      });
    } catch (CopilotService.Refused refused) {
      error(connection, refused.code(), refused.getMessage(), id);
    }
  }

  private static JsonObject copilotMessage(String type, String askId) {
    JsonObject out = new JsonObject().put("type", type);
    if (askId != null) {
      out.put("askId", askId);
    }
    return out;
  }

  private void error(FeedConnection connection, String code, String message, String askId) {
    if (connection.full()) {
      return;
    }
    JsonObject out = new JsonObject().put("type", "error").put("code", code).put("message", message);
    if (askId != null) {
      out.put("askId", askId);
    }
    send(connection, out.toBuffer().getBytes());
  }

  /** Skipped for a subscriber that is not reading: refusals must not queue up either. */
  private void error(FeedConnection connection, String code, String message) {
    if (connection.full()) {
      return;
    }
    send(connection, new JsonObject().put("type", "error").put("code", code).put("message", message).toBuffer().getBytes());
  }

  /** Pings quiet subscribers, closes silent ones and ones stalled behind a full write queue. */
  private void keepAlive() {
    long now = now();
    for (FeedConnection connection : List.copyOf(connections)) {
      if (connection.behind() && now - connection.behindSince() > settings.stalledCloseMillis()) {
        connection.socket().close((short) 1008, "subscriber stopped reading");
      } else if (now - connection.lastSeen() > settings.idleCloseMillis()) {
        connection.socket().close((short) 1001, "idle timeout");
      } else if (now - connection.lastSeen() >= settings.keepAliveMillis() && !connection.full()) {
        connection.socket().writePing(Buffer.buffer("keep-alive"));
      }
    }
  }

  private static void send(FeedConnection connection, byte[] utf8) {
    write(connection, Unpooled.wrappedBuffer(TextFrames.frame(utf8)));
  }

  /**
   * Writes frames that are already encoded, and flushes them, in one pipeline write: a change's
   * audit line and evaluation leave in one system call, and the frame bytes of a broadcast are
   * shared by every subscriber instead of being framed per socket (Vert.x's public API frames each
   * write and flushes it alone). The bytes still pass the channel's TLS handler and count against
   * its write-buffer limit ({@link FeedConnection#full()}).
   */
  private static void write(FeedConnection connection, ByteBuf frames) {
    if (connection.socket().isClosed()) {
      return;
    }
    ChannelHandlerContext channel = connection.channel();
    channel.writeAndFlush(frames, channel.voidPromise());
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private long now() {
    return System.currentTimeMillis();
  }
}
