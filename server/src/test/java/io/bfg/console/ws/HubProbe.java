package io.bfg.console.ws;

import io.bfg.console.http.HttpVerticle;
import io.netty.channel.ChannelOutboundBuffer;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;

/**
 * Looks inside a running {@link FeedHub} for what no public API shows: the subscribers it holds
 * and how many bytes the server has queued for each and not yet handed to the kernel. The hub is
 * private to {@link HttpVerticle}, so this takes it by reflection; a package-private accessor in
 * main code would make this unnecessary.
 */
final class HubProbe {

  private final Context context;
  private final FeedHub hub;

  private HubProbe(Context context, FeedHub hub) {
    this.context = context;
    this.hub = hub;
  }

  static HubProbe of(HttpVerticle http) {
    return new HubProbe((Context) field(VerticleBase.class, http, "context"), (FeedHub) field(HttpVerticle.class, http, "hub"));
  }

  /** The hub's subscribers, copied on the hub's own event loop. */
  @SuppressWarnings("unchecked")
  List<FeedConnection> connections() {
    Promise<List<FeedConnection>> copy = Promise.promise();
    context.runOnContext(ignored -> copy.complete(List.copyOf((Set<FeedConnection>) field(FeedHub.class, hub, "connections"))));
    return FeedClient.await(copy.future(), "reading the hub's subscribers");
  }

  /** Whether the hub marks the subscriber as behind (skipped until it drains), read on the hub's event loop. */
  boolean behind(FeedConnection connection) {
    Promise<Boolean> behind = Promise.promise();
    context.runOnContext(ignored -> behind.complete(connection.behind()));
    return FeedClient.await(behind.future(), "reading a subscriber's state");
  }

  /** Bytes written to the subscriber's channel and not yet flushed to its socket. */
  static long queuedBytes(FeedConnection connection) {
    ChannelOutboundBuffer buffer = connection.channel().channel().unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  private static Object field(Class<?> type, Object owner, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(owner);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + name
          + " (the probe follows the hub's private layout; update it with the hub)", e);
    }
  }
}
