package io.bfg.console.http;

import io.bfg.console.copilot.CopilotService;
import io.bfg.console.model.Lang;
import io.bfg.console.service.ReadinessService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * {@code POST /api/copilot/ask} as Server-Sent Events: {@code delta} events as the answer streams,
 * then one {@code answer} (or one {@code error}) event, then the end of the stream. Refusals that
 * come before any model call (bad body, too long, rate limit) are ordinary JSON errors.
 */
final class CopilotHandlers {

  private final CopilotService copilot;

  CopilotHandlers(CopilotService copilot) {
    this.copilot = copilot;
  }

  void ask(RoutingContext rc) {
    JsonObject body = CommandHandlers.requiredObject(rc);
    Object question = body.getValue("question");
    if (!(question instanceof String text)) {
      throw new ApiError(400, "INVALID_BODY", "the body must be {\"question\": \"...\", \"lang\": \"en|pl\"}");
    }
    Lang lang = Lang.parse(String.valueOf(body.getValue("lang", "en")))
        .orElseThrow(() -> new ApiError(400, "INVALID_LANG", "lang must be en or pl"));
    // the authenticated actor when there is one (always in oidc mode): one person, one allowance
    String asker = Authenticated.asker(rc);
    HttpServerResponse response = rc.response();
    try {
      copilot.ask(text, lang, asker, new SseListener(response));
    } catch (CopilotService.Refused refused) {
      if (refused.retryAfterSeconds() > 0) {
        response.putHeader("retry-after", String.valueOf(refused.retryAfterSeconds()));
      }
      throw new ApiError(refused.status(), refused.code(), refused.getMessage());
    }
    response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache").putHeader("x-accel-buffering", "no");
  }

  /**
   * Writes the answer as events; stops writing if the asker went away. A batch of events goes out as
   * one write (a local answer is one batch): a write per event cost a flush each.
   */
  private static final class SseListener implements CopilotService.Listener {
    private final HttpServerResponse response;
    private Buffer pending;
    private boolean last;

    SseListener(HttpServerResponse response) {
      this.response = response;
    }

    @Override
    public void delta(String text) {
      event("delta", Map.of("text", text), false);
    }

    @Override
    public void answer(CopilotService.Answer answer) {
      event("answer", answer, true);
    }

    @Override
    public void error(String code, String message) {
      event("error", Map.of("code", code, "message", message), true);
    }

    @Override
    public void flush() {
      if (pending == null || response.closed() || response.ended()) {
        return;
      }
      Buffer events = pending;
      pending = null;
      if (last) {
        response.end(events);
      } else {
        response.write(events);
      }
    }

    private void event(String name, Object data, boolean end) {
      if (pending == null) {
        pending = Buffer.buffer();
      }
      pending.appendString("event: " + name + "\ndata: ").appendBytes(ReadinessService.bytes(data)).appendString("\n\n");
      last |= end;
    }
  }
}
