package io.bfg.console.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;

/**
 * The one place that reaches from a Vert.x connection into Netty. Vert.x has no public way to do it;
 * this relies on its connections extending {@code ConnectionBase} and on its pipeline ending in a
 * {@code VertxHandler} (checked on Vert.x 5.0.10). The connection timeouts and limit and the feed's
 * write-queue accounting need it; an upgrade of Vert.x that breaks this fails their tests.
 */
public final class NettyChannels {

  private NettyChannels() {
  }

  public static Channel of(HttpConnection connection) {
    return ((ConnectionBase) connection).channel();
  }

  /** Where Vert.x's own handler sits in the channel's pipeline (after an upgrade, the WebSocket's). */
  public static ChannelHandlerContext vertxContext(Channel channel) {
    return channel.pipeline().context(VertxHandler.class);
  }

  /** Adds {@code handler} just before Vert.x's own, where HTTP messages are already decoded. */
  static void addBeforeVertx(Channel channel, String name, ChannelHandler handler) {
    channel.pipeline().addBefore(vertxContext(channel).name(), name, handler);
  }
}
