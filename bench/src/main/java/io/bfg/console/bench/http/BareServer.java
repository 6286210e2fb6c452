package io.bfg.console.bench.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline for the GET /api/evaluation throughput benchmark: a Vert.x HTTP server with no
 * router that answers every request with the same bytes and content type as the console. It is
 * deployed the way {@code Main} deploys {@code HttpVerticle} (default {@code Vertx.vertx()}, one
 * verticle instance, so one event loop serves HTTP), so the two differ only in what the console
 * does per request.
 *
 * <p>Usage: {@code BareServer PORT BODY_FILE} (port 0 picks a free one); prints
 * {@code bare server listening on PORT} once it accepts connections.
 */
public final class BareServer extends VerticleBase {

  /** The content type the console's ReadHandlers send with every JSON body. */
  static final String JSON = "application/json; charset=utf-8";

  private final int port;
  private final Buffer body;
  private HttpServer server;

  public BareServer(int port, Buffer body) {
    this.port = port;
    this.body = body;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
        .setCompressionSupported(false));
    return server.requestHandler(request -> request.response().putHeader("content-type", JSON).end(body))
        .listen();
  }

  public int actualPort() {
    return server.actualPort();
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: BareServer PORT BODY_FILE");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[1])));
    Vertx vertx = Vertx.vertx();
    BareServer bare = new BareServer(port, body);
    vertx.deployVerticle(bare)
        .onSuccess(id -> System.out.println("bare server listening on " + bare.actualPort()))
        .onFailure(failure -> {
          System.err.println("bare server failed to start: " + failure.getMessage());
          vertx.close().onComplete(ignored -> System.exit(3));
        });
  }
}
