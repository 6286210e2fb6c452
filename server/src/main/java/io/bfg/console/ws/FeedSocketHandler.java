package io.bfg.console.ws;

import io.bfg.console.http.ApiError;
import io.bfg.console.http.Authenticated;
import io.bfg.console.http.NettyChannels;
import io.bfg.console.auth.Identity;
import io.bfg.console.model.Lang;
import io.netty.channel.Channel;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Predicate;

/**
 * The {@code GET /ws} upgrade, in two route steps around the actor check: {@link #validate} checks
 * the language, {@code since}, the {@code evaluation} mode (whole | patch) and the browser Origin
 * (one of the console's own names or CONSOLE_WS_ORIGINS, never whatever Host the request names, so
 * another site cannot ride a user's browser into the feed, even through DNS rebinding);
 * {@link #upgrade} hands the socket to the hub.
 */
public final class FeedSocketHandler {

  private static final String LANG = "feed.lang";
  private static final String SINCE = "feed.since";
  private static final String PATCHES = "feed.patches";

  private final FeedHub hub;
  private final Predicate<String> allowedOrigin;

  public FeedSocketHandler(FeedHub hub, Predicate<String> allowedOrigin) {
    this.hub = hub;
    this.allowedOrigin = allowedOrigin;
  }

  public void validate(RoutingContext rc) {
    String upgrade = rc.request().getHeader("Upgrade");
    if (rc.request().version() != HttpVersion.HTTP_1_1 || upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      throw new ApiError(426, "UPGRADE_REQUIRED", "/ws is the IntegrationFeed.v1 WebSocket: connect with an HTTP/1.1 "
          + "WebSocket upgrade (e.g. ws://host:port/ws?lang=en)");
    }
    String langCode = rc.queryParams().get("lang");
    Lang lang = langCode == null ? Lang.EN
        : Lang.parse(langCode).orElseThrow(() -> new ApiError(400, "INVALID_LANG", "lang must be en or pl"));
    String sinceText = rc.queryParams().get("since");
    if (sinceText != null) {
      try {
        rc.put(SINCE, Long.parseLong(sinceText));
      } catch (NumberFormatException e) {
        throw new ApiError(400, "INVALID_PARAMETER", "since must be a whole number");
      }
    }
    String evaluation = rc.queryParams().get("evaluation");
    if (evaluation != null && !evaluation.equals("whole") && !evaluation.equals("patch")) {
      throw new ApiError(400, "INVALID_PARAMETER", "evaluation must be whole (the default) or patch");
    }
    rc.put(PATCHES, "patch".equals(evaluation));
    String origin = rc.request().getHeader("Origin");
    if (origin != null && !allowedOrigin.test(origin)) {
      throw new ApiError(403, "ORIGIN_NOT_ALLOWED", "WebSocket connections from " + origin + " are not allowed");
    }
    rc.put(LANG, lang);
    rc.next();
  }

  /** Runs after the actor check: a named actor was valid, or the reader is anonymous. */
  public void upgrade(RoutingContext rc) {
    Lang lang = rc.get(LANG);
    Long since = rc.get(SINCE);
    boolean patches = rc.get(PATCHES);
    String asker = Authenticated.asker(rc);
    Identity identity = Authenticated.identity(rc);
    // vertx-web wraps the socket, so its channel is taken from the connection it upgrades
    Channel channel = NettyChannels.of(rc.request().connection());
    rc.request().toWebSocket()
        .onSuccess(socket -> hub.add(socket, NettyChannels.vertxContext(channel), lang, since, asker, patches,
            identity))
        .onFailure(rc::fail);
  }
}
