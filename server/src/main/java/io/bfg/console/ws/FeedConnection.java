package io.bfg.console.ws;

import io.bfg.console.model.Lang;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/** One subscriber's bookkeeping; touched only on its hub's event loop. */
final class FeedConnection {

  private final ServerWebSocket socket;
  private final ChannelHandlerContext channel;
  private final Lang lang;
  private long lastSeq = -1;
  private long lastSeen;
  private long behindSince = -1;
  private long windowStart;
  private int windowCount;
  private Buffer message;
  private boolean messageBinary;
  private final String asker;
  private final String session;
  private final boolean wantsPatches;

  FeedConnection(ServerWebSocket socket, ChannelHandlerContext channel, Lang lang, String asker, String session,
                 boolean wantsPatches, long now) {
    this.socket = socket;
    this.channel = channel;
    this.lang = lang;
    this.asker = asker;
    this.session = session;
    this.wantsPatches = wantsPatches;
    this.lastSeen = now;
    this.windowStart = now;
  }

  ServerWebSocket socket() {
    return socket;
  }

  /** Where the hub writes frames it encoded itself (see FeedHub#write). */
  ChannelHandlerContext channel() {
    return channel;
  }

  /**
   * More than the write-queue limit is waiting to reach the socket: the channel's own count,
   * which the hub's writes bypass Vert.x's queue to go into, so Vert.x's writeQueueFull() would not see them.
   */
  boolean full() {
    return !channel.channel().isWritable();
  }

  Lang lang() {
    return lang;
  }

  /** The browser session the socket was opened with (its sign-out closes the socket), else null. */
  String session() {
    return session;
  }

  /** Who asks the copilot on this socket (for its rate limit): the actor of the upgrade, else the address. */
  String asker() {
    return asker;
  }

  /** Upgraded with {@code evaluation=patch}: after a change it gets an evaluation.patch when it can apply one. */
  boolean wantsPatches() {
    return wantsPatches;
  }

  /** The seq of the last evaluation sent, whole or as a patch; -1 before the first. */
  long lastSeq() {
    return lastSeq;
  }

  void sent(long seq) {
    lastSeq = seq;
  }

  long lastSeen() {
    return lastSeen;
  }

  void seen(long now) {
    lastSeen = now;
  }

  boolean behind() {
    return behindSince >= 0;
  }

  long behindSince() {
    return behindSince;
  }

  void behindSince(long now) {
    behindSince = now;
  }

  void caughtUp() {
    behindSince = -1;
  }

  void startMessage(boolean binary) {
    message = Buffer.buffer();
    messageBinary = binary;
  }

  /** False when the message would exceed {@code maxBytes}; the partial message is dropped. */
  boolean appendToMessage(Buffer data, int maxBytes) {
    if (message == null || message.length() + data.length() > maxBytes) {
      message = null;
      return false;
    }
    message.appendBuffer(data);
    return true;
  }

  boolean messageIsBinary() {
    return messageBinary;
  }

  Buffer finishMessage() {
    Buffer done = message;
    message = null;
    return done;
  }

  /** Counts a client message in a fixed window; returns the count so far in the current window. */
  int countMessage(long now, long windowMillis) {
    if (now - windowStart >= windowMillis) {
      windowStart = now;
      windowCount = 0;
    }
    return ++windowCount;
  }
}
