package io.bfg.console.bench.copilot;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A share of the askers on one event loop of the generator. Each asker is a closed loop: it sends
 * {@code POST /api/copilot/ask}, reads the event stream as it arrives and asks its next question
 * as soon as the {@code answer} (or anything that ends the ask) is in. No think time: 20 askers
 * keep 20 questions in flight all the time.
 */
final class AskerVerticle extends VerticleBase {

  private final String host;
  private final int port;
  private final int askers;
  private final AtomicInteger numbering;
  private final AskLog log;
  private final Control control;
  private HttpClient client;

  /** Shared by all instances: stop sending new questions once set. */
  static final class Control {
    volatile boolean stopping;
  }

  AskerVerticle(String host, int port, int askers, AtomicInteger numbering, AskLog log, Control control) {
    this.host = host;
    this.port = port;
    this.askers = askers;
    this.numbering = numbering;
    this.log = log;
    this.control = control;
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
        .setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(10_000), new PoolOptions().setHttp1MaxSize(askers));
    for (int i = 0; i < askers; i++) {
      int asker = numbering.getAndIncrement();
      ask(asker, 0);
    }
    return Future.succeededFuture();
  }

  private void ask(int asker, int n) {
    if (control.stopping) {
      return;
    }
    // askers start at different questions, so the mix in flight is the whole set, not one question at a time
    int index = (asker + n) % Questions.ALL.size();
    Questions.Question question = Questions.ALL.get(index);
    Ask ask = new Ask(asker, n, index);
    log.started();
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/copilot/ask")
        .putHeader("content-type", "application/json")
        .putHeader("X-Actor-Id", Questions.ACTORS.get(asker % Questions.ACTORS.size()));
    ask.sent = System.nanoTime();
    client.request(request)
        .compose(req -> req.send(question.body()))
        .onSuccess(ask::response)
        .onFailure(failure -> ask.end(AskLog.FAILED, "request failed: " + failure));
  }

  /** One question in flight; touched only on this verticle's event loop. */
  private final class Ask {
    private final int asker;
    private final int n;
    private final int question;
    private long sent;
    private long firstEvent = -1;
    private long answer = -1;
    private int deltas;
    private boolean grounded;
    private boolean ended;
    private SseStream stream;

    Ask(int asker, int n, int question) {
      this.asker = asker;
      this.n = n;
      this.question = question;
    }

    void response(HttpClientResponse response) {
      if (response.statusCode() != 200) {
        response.body().onComplete(body -> end(AskLog.HTTP_STATUS, "HTTP " + response.statusCode() + ": "
            + (body.succeeded() ? body.result().toString() : String.valueOf(body.cause()))));
        return;
      }
      stream = new SseStream(this::event);
      response.handler(stream::chunk);
      response.exceptionHandler(failure -> end(AskLog.FAILED, "stream failed: " + failure));
      response.endHandler(ignored -> {
        if (!ended) {
          end(AskLog.NO_ANSWER, "the stream ended without an answer event; left over: '" + stream.rest() + "'");
        }
      });
    }

    private void event(String name, String data, long arrived) {
      if (firstEvent < 0) {
        firstEvent = arrived;
      }
      switch (name) {
        case "delta" -> deltas++;
        case "answer" -> {
          answer = arrived;
          JsonObject body = new JsonObject(data);
          grounded = body.getBoolean("grounded", false);
          String text = body.getString("text");
          if (text == null || text.isBlank()) {
            end(AskLog.NO_ANSWER, "an answer event without text: " + data);
          } else {
            end(AskLog.ANSWERED, null);
          }
        }
        case "error" -> end(AskLog.ERROR_EVENT, "error event: " + data);
        default -> end(AskLog.NO_ANSWER, "unexpected event '" + name + "': " + data);
      }
    }

    void end(int outcome, String problem) {
      if (ended) {
        return;
      }
      ended = true;
      if (problem != null) {
        log.problem("asker " + asker + ", question '" + Questions.ALL.get(question).text() + "': " + problem);
      }
      log.add(new AskLog.Ask(question, sent, firstEvent, answer, outcome, stream == null ? 0 : stream.bytes(),
          deltas, grounded));
      if (outcome == AskLog.ANSWERED) {
        ask(asker, n + 1);
      } else {
        // do not spin on a server that refuses everything
        vertx.setTimer(20, id -> ask(asker, n + 1));
      }
    }
  }
}
