package io.bfg.console.http;

import io.bfg.console.model.Actor;
import io.bfg.console.service.ReadinessService;
import io.bfg.console.service.ReadinessService.CommandResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Sign-offs, revocations and decisions: authenticated ({@link Authenticated}), ruled by the service. */
final class CommandHandlers {

  private final ReadinessService service;

  CommandHandlers(ReadinessService service) {
    this.service = service;
  }

  void accept(RoutingContext rc) {
    optionalObject(rc);
    respond(rc, service.accept(Authenticated.identity(rc), rc.pathParam("checkId")));
  }

  void revoke(RoutingContext rc) {
    optionalObject(rc);
    respond(rc, service.revoke(Authenticated.identity(rc), rc.pathParam("checkId")));
  }

  void decide(RoutingContext rc) {
    JsonObject body = requiredObject(rc);
    Object value = body.getValue("value");
    if (!(value instanceof String text) || text.isBlank()) {
      throw new ApiError(400, "INVALID_BODY", "the body must be {\"value\": \"<one of the decision's options>\"}");
    }
    respond(rc, service.decide(Authenticated.identity(rc), rc.pathParam("checkId"), text));
  }

  private static void respond(RoutingContext rc, Future<CommandResult> result) {
    result.onSuccess(done -> {
      JsonObject body = new JsonObject().put("changed", done.changed()).put("seq", done.state().seq());
      if (done.changed()) {
        body.put("event", new JsonObject(Buffer.buffer(ReadinessService.bytes(done.event()))));
      }
      rc.response().setStatusCode(200).putHeader("content-type", "application/json; charset=utf-8")
          .end(body.encode());
    }).onFailure(rc::fail);
  }

  static Actor actor(RoutingContext rc) {
    return Authenticated.actor(rc);
  }

  /** Sign-offs take no body; if one is sent it must still be a JSON object, so a garbled call is never half-read. */
  static void optionalObject(RoutingContext rc) {
    Buffer raw = rc.body().buffer();
    if (raw != null && raw.length() > 0) {
      requiredObject(rc);
    }
  }

  static JsonObject requiredObject(RoutingContext rc) {
    Buffer raw = rc.body().buffer();
    if (raw == null || raw.length() == 0) {
      throw new ApiError(400, "MALFORMED_JSON", "the request needs a JSON object body");
    }
    try {
      Object parsed = Json.decodeValue(raw);
      if (parsed instanceof JsonObject object) {
        return object;
      }
      throw new ApiError(400, "MALFORMED_JSON", "the body must be a JSON object");
    } catch (DecodeException e) {
      throw new ApiError(400, "MALFORMED_JSON", "the body is not valid JSON");
    }
  }
}
