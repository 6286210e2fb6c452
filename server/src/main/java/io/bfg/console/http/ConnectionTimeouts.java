package io.bfg.console.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * How long an HTTP connection may keep the console waiting for its client. A new connection has
 * {@code headerTimeout} to send a complete request head; after an answer, a kept-alive connection
 * has {@code idleTimeout} to send the next one; a request body may pause for {@code idleTimeout}.
 * While the console owes an answer nothing runs out: the timeouts bound the client, not the console.
 * Past a deadline the connection is closed without a word. Once a connection is upgraded to the
 * WebSocket feed this handler leaves the pipeline: the feed pings its subscribers and closes silent
 * ones by its own rules ({@code FeedSettings}), and a subscriber that only listens is not idle.
 *
 * <p>It sits between Netty's HTTP codec and Vert.x's handler, so it sees whole request heads coming
 * in and response parts going out. One timer per connection at most, rescheduled only when a
 * deadline comes earlier than the pending one: a request costs no timer work.
 */
final class ConnectionTimeouts extends ChannelDuplexHandler {

  private static final long NONE = Long.MAX_VALUE;

  private final long headerTimeoutNanos;
  private final long idleTimeoutNanos;
  private final long openedAt = System.nanoTime();
  private boolean sawRequest;
  /** Request heads received minus answers completed. */
  private int unanswered;
  private boolean readingBody;
  private long lastActivity;
  private ScheduledFuture<?> timer;
  private long timerAt;

  ConnectionTimeouts(long headerTimeoutMillis, long idleTimeoutMillis) {
    this.headerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(headerTimeoutMillis);
    this.idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    arm(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      sawRequest = true;
      unanswered++;
      readingBody = true;
      lastActivity = System.nanoTime();
      arm(ctx);
    }
    if (msg instanceof HttpContent) {
      lastActivity = System.nanoTime();
      if (msg instanceof LastHttpContent) {
        readingBody = false;
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
      ctx.write(msg, promise);
      if (response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
        ctx.pipeline().remove(this);
      }
      // 100 Continue and 103 Early Hints come before the answer, not instead of it
      return;
    }
    if (msg instanceof LastHttpContent && unanswered > 0) {
      unanswered--;
      lastActivity = System.nanoTime();
      arm(ctx);
    }
    ctx.write(msg, promise);
  }

  /** When the connection must have shown progress, or {@link #NONE} while the console owes an answer. */
  private long deadline() {
    if (unanswered > (readingBody ? 1 : 0)) {
      return NONE;
    }
    if (readingBody) {
      return lastActivity + idleTimeoutNanos;
    }
    return sawRequest ? lastActivity + idleTimeoutNanos : openedAt + headerTimeoutNanos;
  }

  private void arm(ChannelHandlerContext ctx) {
    long deadline = deadline();
    if (deadline == NONE || timer != null && timerAt - deadline <= 0) {
      // a pending timer that fires first checks again then
      return;
    }
    if (timer != null) {
      timer.cancel(false);
    }
    timerAt = deadline;
    timer = ctx.executor().schedule(() -> expire(ctx), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void expire(ChannelHandlerContext ctx) {
    timer = null;
    long deadline = deadline();
    if (deadline != NONE && System.nanoTime() - deadline >= 0) {
      ctx.close();
    } else {
      arm(ctx);
    }
  }
}
