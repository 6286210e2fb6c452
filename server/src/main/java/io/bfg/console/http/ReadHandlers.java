package io.bfg.console.http;

import io.bfg.console.auth.Identity;
import io.bfg.console.auth.OidcProvider;
import io.bfg.console.command.ActorActions;
import io.bfg.console.eval.Evaluation;
import io.bfg.console.model.Actor;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.Lang;
import io.bfg.console.model.PacketBinding;
import io.bfg.console.model.PacketIds;
import io.bfg.console.packets.Packets;
import io.bfg.console.service.ReadinessService;
import io.bfg.console.store.ChainVerification;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Everything a reader (dashboard, script, reviewer) can GET; nothing changes. */
final class ReadHandlers {

  /** A body and its ETag. */
  private record Tagged(Buffer body, String etag) {
  }

  /** The evaluation's ETag per language; one ReadHandlers per HTTP verticle, so only its event loop touches it. */
  private final Map<Lang, Tagged> evaluationTags = new EnumMap<>(Lang.class);

  private static final String JSON = "application/json; charset=utf-8";

  private final ReadinessService service;
  private final String authMode;
  private final OidcProvider identityProvider;
  private final Supplier<String> instance;

  /** {@code identityProvider} is null in mock-auth-header mode; {@code instance} names this console among several. */
  ReadHandlers(ReadinessService service, String authMode, OidcProvider identityProvider, Supplier<String> instance) {
    this.service = service;
    this.instance = instance;
    this.authMode = authMode;
    this.identityProvider = identityProvider;
  }

  /** Who the console takes the caller to be, and how it knows; the dashboard shows it. */
  void me(RoutingContext rc) {
    Identity identity = Authenticated.identity(rc);
    Actor actor = identity.actor();
    JsonObject body = new JsonObject()
        .put("actor", new JsonObject().put("id", actor.id()).put("name", actor.name())
            .put("role", actor.role() == null ? actor.roleKey() : actor.role().in(lang(rc)))
            .put("roleKey", actor.roleKey()).put("permissions", new JsonArray(actor.permissions())))
        .put("auth", authMode).put("via", identity.via().name())
        .put("expiresAt", identity.expiresAt() == null ? null : identity.expiresAt().toString());
    if (identity.subject() != null) {
      body.put("subject", identity.subject()).put("issuer", identity.issuer());
    }
    rc.response().putHeader("content-type", JSON).putHeader("cache-control", "no-store").end(body.encode());
  }

  /**
   * What the caller may do now (ActorActions): every command they could be offered, AVAILABLE, DONE or
   * REFUSED with the server's reason and what to satisfy first. The dashboard enables exactly these.
   */
  void actions(RoutingContext rc) {
    Actor actor = Authenticated.identity(rc).actor();
    ReadinessService.Actions now = service.actions(actor);
    JsonArray list = new JsonArray();
    for (ActorActions.Action action : now.actions()) {
      list.add(new JsonObject().put("kind", action.kind().name()).put("target", action.target())
          .put("state", action.state().name())
          .put("reason", action.refusal() == null ? null : action.refusal().name())
          .put("message", action.message()).put("blockedBy", action.blockedBy()));
    }
    rc.response().putHeader("content-type", JSON).putHeader("cache-control", "no-store")
        .end(new JsonObject().put("seq", now.seq()).put("actor", actor.id()).put("actions", list).encode());
  }

  /**
   * UP (200) only while the store answers and the chain is intact at its head; otherwise DEGRADED
   * (503) with the problem, so a monitor sees a tampered trail or a silent store, not a green light.
   */
  void health(RoutingContext rc) {
    service.chainAtHead().onComplete(checked -> {
      JsonObject body = new JsonObject().put("status", "UP").put("scenario", service.scenario().id())
          .put("seq", service.state().seq()).put("store", service.store().adapter())
          .put("instance", instance.get());
      String problem = null;
      if (checked.failed()) {
        problem = "the " + service.store().adapter() + " store does not answer: " + checked.cause().getMessage();
      } else {
        ChainVerification chain = checked.result();
        body.put("chain", new JsonObject().put("valid", chain.valid()).put("length", chain.length())
            .put("head", chain.head()));
        if (!chain.valid()) {
          problem = "the audit chain is broken: " + chain.problem();
        }
      }
      if (identityProvider != null) {
        body.put("identity", identityProvider.health());
        if (problem == null) {
          problem = identityProvider.problem();
        }
      }
      if (problem != null) {
        body.put("status", "DEGRADED").put("problem", problem);
      }
      rc.response().setStatusCode(problem == null ? 200 : 503).putHeader("content-type", JSON)
          .putHeader("cache-control", "no-store").end(body.encode());
    });
  }

  void evaluation(RoutingContext rc) {
    Lang lang = lang(rc);
    Buffer body = service.evaluationJson(lang);
    Tagged tagged = evaluationTags.get(lang);
    // the service hands out the same bytes until the next change: hash them once, not per request
    if (tagged == null || tagged.body() != body) {
      tagged = new Tagged(body, Etags.of(body.getBytes(), null));
      evaluationTags.put(lang, tagged);
    }
    revalidated(rc, JSON, body, tagged.etag());
  }

  /**
   * The large reads a page makes on every load (evaluation, packets) carry an ETag and are revalidated on
   * each use: a reload while nothing changed gets 304s instead of the same bytes again. private: in oidc
   * mode they are read with an identity.
   */
  private static void revalidated(RoutingContext rc, String contentType, Buffer body) {
    revalidated(rc, contentType, body, Etags.of(body.getBytes(), null));
  }

  private static void revalidated(RoutingContext rc, String contentType, Buffer body, String etag) {
    rc.response().putHeader("content-type", contentType).putHeader("cache-control", "private, no-cache")
        .putHeader("etag", etag);
    if (Etags.matches(rc.request().getHeader("if-none-match"), etag)) {
      rc.response().setStatusCode(304).end();
    } else {
      rc.response().end(body);
    }
  }

  void checks(RoutingContext rc) {
    Evaluation evaluation = service.evaluation(lang(rc));
    JsonArray checks = new JsonArray();
    for (Evaluation.GroupView group : evaluation.groups()) {
      for (Evaluation.CheckView check : group.checks()) {
        checks.add(checkJson(group, check));
      }
    }
    rc.response().putHeader("content-type", JSON)
        .end(new JsonObject().put("seq", evaluation.seq()).put("checks", checks).encode());
  }

  void check(RoutingContext rc) {
    String id = rc.pathParam("checkId");
    Evaluation evaluation = service.evaluation(lang(rc));
    for (Evaluation.GroupView group : evaluation.groups()) {
      for (Evaluation.CheckView check : group.checks()) {
        if (check.id().equals(id)) {
          rc.response().putHeader("content-type", JSON)
              .end(checkJson(group, check).put("seq", evaluation.seq()).encode());
          return;
        }
      }
    }
    throw new ApiError(404, "UNKNOWN_CHECK", "no check '" + id + "' in this scenario");
  }

  private static JsonObject checkJson(Evaluation.GroupView group, Evaluation.CheckView check) {
    return new JsonObject(Buffer.buffer(ReadinessService.bytes(check))).put("group", group.id());
  }

  /** The packets the scenario declares, in its order. */
  void packets(RoutingContext rc) {
    JsonArray list = new JsonArray();
    for (PacketBinding binding : service.scenario().packets()) {
      Packets.Packet packet = service.packet(binding.id());
      list.add(new JsonObject().put("id", binding.id()).put("format", packet.format())
          .put("decision", packet.decision()).put("checksum", packet.checksum())
          .put("href", "/api/packets/" + binding.id()));
    }
    revalidated(rc, JSON, new JsonObject().put("packets", list).toBuffer());
  }

  /** JSON envelope by default; {@code ?format=raw} (or Accept: text/plain) gives the bare text to save or pipe. */
  void packet(RoutingContext rc) {
    String id = rc.pathParam("packetId");
    Packets.Packet packet = service.packet(id);
    if (packet == null) {
      List<String> declared = service.scenario().packets().stream().map(PacketBinding::id).toList();
      throw PacketIds.ALL.contains(id)
          ? new ApiError(404, "PACKET_NOT_DECLARED", "this scenario does not declare the packet " + id
              + "; it renders " + declared)
          : new ApiError(404, "UNKNOWN_PACKET", "no packet '" + id + "'; this scenario renders " + declared);
    }
    String accept = rc.request().getHeader("accept");
    boolean raw = "raw".equals(rc.queryParams().get("format"))
        || (accept != null && accept.startsWith("text/plain"));
    if (raw) {
      String type = packet.format().equals("sql") ? "application/sql; charset=utf-8" : "text/plain; charset=utf-8";
      rc.response().putHeader("vary", "accept");
      revalidated(rc, type, Buffer.buffer(packet.content()));
      return;
    }
    rc.response().putHeader("vary", "accept");
    revalidated(rc, JSON, Buffer.buffer(ReadinessService.bytes(packet)));
  }

  void snapshot(RoutingContext rc) {
    rc.response().putHeader("content-type", JSON).end(service.snapshotJson());
  }

  /** {@code ?since=N} returns only events after seq N, for scripts that poll. */
  void audit(RoutingContext rc) {
    long since = longParam(rc, "since", 0);
    List<AuditEvent> events = service.auditEvents().stream().filter(e -> e.seq() > since).toList();
    rc.response().putHeader("content-type", JSON)
        .end(Buffer.buffer(ReadinessService.bytes(java.util.Map.of("events", events))));
  }

  void verify(RoutingContext rc) {
    service.verifyAudit().onSuccess(result -> rc.response().putHeader("content-type", JSON)
        .end(Buffer.buffer(ReadinessService.bytes(result)))).onFailure(rc::fail);
  }

  private static Lang lang(RoutingContext rc) {
    String code = rc.queryParams().get("lang");
    if (code == null) {
      return Lang.EN;
    }
    return Lang.parse(code).orElseThrow(() -> new ApiError(400, "INVALID_LANG", "lang must be en or pl"));
  }

  private static long longParam(RoutingContext rc, String name, long fallback) {
    String value = rc.queryParams().get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ApiError(400, "INVALID_PARAMETER", name + " must be a whole number");
    }
  }
}
