package io.bfg.console.service;

/** Event bus addresses: every change is published once, here named, and relayed by the edges. */
public final class Addresses {

  /**
   * Body: the appended audit event as JSON bytes. Published after the event is durable, when the
   * state it led to is the service's current one: one message per change, so the feed can send a
   * subscriber the audit line and the evaluation it led to in one write.
   */
  public static final String STATE_CHANGED = "console.state.changed";

  /** Body: one IntegrationFeed.v1 {@code pipeline} message as JSON bytes, while a run progresses. */
  public static final String PIPELINE_PROGRESS = "console.pipeline.progress";

  /**
   * Body: one IntegrationFeed.v1 {@code store} message as JSON bytes, on each change of whether the
   * shared store answers: {@code {"type":"store","status":"UNAVAILABLE","problem":"..."}} and
   * {@code {"type":"store","status":"UP"}}.
   */
  public static final String STORE_STATUS = "console.store.status";

  private Addresses() {
  }
}
