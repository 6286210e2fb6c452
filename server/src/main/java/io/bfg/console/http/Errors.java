package io.bfg.console.http;

import io.bfg.console.auth.AuthRefusal;
import io.bfg.console.command.CommandRejected;
import io.bfg.console.store.StoreException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.util.UUID;

/**
 * The one failure handler: maps every refusal to its status and the {@code {"error":{"code","message"}}}
 * body, and logs the cause of every 5xx with a reference the caller also sees. Never a stack trace
 * in a response.
 */
final class Errors implements Handler<RoutingContext> {

  private static final System.Logger LOG = System.getLogger(Errors.class.getName());

  @Override
  public void handle(RoutingContext rc) {
    if (rc.response().headWritten()) {
      // the response is already on its way; nothing sensible can be appended
      rc.response().reset();
      return;
    }
    Throwable failure = rc.failure();
    if (failure instanceof HttpClosedException) {
      // the client hung up, or its connection timed out mid-request: no one to answer, nothing broken
      return;
    }
    if (failure instanceof ApiError error) {
      send(rc, error.status(), error.code(), error.getMessage());
    } else if (failure instanceof AuthRefusal refusal) {
      if (refusal.status() == 401) {
        // RFC 6750: the scheme to use, and for a refused token why
        rc.response().putHeader("WWW-Authenticate", refusal.code().equals("INVALID_TOKEN")
            ? "Bearer error=\"invalid_token\"" : "Bearer");
      }
      send(rc, refusal.status(), refusal.code(), refusal.getMessage());
    } else if (failure instanceof CommandRejected rejected) {
      send(rc, status(rejected.reason()), rejected.reason().name(), rejected.getMessage());
    } else if (failure instanceof StoreException store) {
      // an outage is expected and already reported by /health: one line each, not a stack trace each
      String ref = UUID.randomUUID().toString().substring(0, 8);
      LOG.log(System.Logger.Level.WARNING, "request refused, ref " + ref + ": " + store.code() + ": "
          + store.getMessage());
      send(rc, 503, store.code(), store.getMessage() + " (ref " + ref + ")");
    } else if (failure instanceof HttpException http) {
      byStatus(rc, http.getStatusCode());
    } else if (failure == null) {
      byStatus(rc, rc.statusCode());
    } else {
      String ref = reference(failure);
      send(rc, 500, "INTERNAL", "the console failed to answer; see its log for ref " + ref);
    }
  }

  /** Failures raised by Vert.x Web itself (no route, body too large, ...) carry only a status. */
  static void byStatus(RoutingContext rc, int status) {
    switch (status) {
      case 404 -> send(rc, 404, "NOT_FOUND", "no such resource: " + rc.request().path());
      case 405 -> send(rc, 405, "METHOD_NOT_ALLOWED", rc.request().method() + " is not allowed on " + rc.request().path());
      case 413 -> send(rc, 413, "PAYLOAD_TOO_LARGE", "the request body is larger than this console accepts");
      case 400 -> send(rc, 400, "BAD_REQUEST", "the request could not be read");
      default -> {
        if (status >= 500 || status < 400) {
          String ref = reference(rc.failure());
          send(rc, 500, "INTERNAL", "the console failed to answer; see its log for ref " + ref);
        } else {
          send(rc, status, "HTTP_" + status, "request refused");
        }
      }
    }
  }

  private static int status(CommandRejected.Reason reason) {
    return switch (reason) {
      case UNKNOWN_CHECK, UNKNOWN_PIPELINE -> 404;
      case FORBIDDEN, NOT_OWNER -> 403;
      case WRONG_KIND, DEPENDENCY_UNMET, NOT_SIGNED_OFF, PIPELINE_RUNNING -> 409;
      case INVALID_VALUE -> 400;
    };
  }

  private static String reference(Throwable failure) {
    String ref = UUID.randomUUID().toString().substring(0, 8);
    LOG.log(System.Logger.Level.ERROR, "request failed, ref " + ref, failure);
    return ref;
  }

  /**
   * A request Netty could not decode (a bad request line, a URI or headers past their limits) never
   * reaches the router; it gets the same error shape, and the connection is closed since what follows
   * on it cannot be parsed.
   */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Future<Void> sent;
    if (cause instanceof TooLongHttpLineException) {
      sent = send(request.response(), 414, "URI_TOO_LONG", "the request line is longer than this console reads");
    } else if (cause instanceof TooLongHttpHeaderException) {
      sent = send(request.response(), 431, "HEADERS_TOO_LARGE", "the request headers are larger than this console reads");
    } else {
      sent = send(request.response(), 400, "BAD_REQUEST", "the request is not well-formed HTTP/1.1");
    }
    sent.onComplete(ignored -> request.connection().close());
  }

  static void send(RoutingContext rc, int status, String code, String message) {
    send(rc.response(), status, code, message);
  }

  static Future<Void> send(HttpServerResponse response, int status, String code, String message) {
    Buffer body = new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)).toBuffer();
    // the length is set here, not left to Vert.x, which leaves it off an answer to HEAD
    return response.setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("content-length", String.valueOf(body.length())).end(body);
  }
}
