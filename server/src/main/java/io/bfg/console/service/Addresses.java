package io.bfg.console.service;

/** Event bus addresses: every change is published once, here named, and relayed by the edges. */
public final class Addresses {

  /** Body: the new state's seq (Long). Published after the event is durable. */
  public static final String STATE_CHANGED = "console.state.changed";
  /** Body: the appended audit event as JSON bytes. */
  public static final String AUDIT_APPENDED = "console.audit.appended";

  /** Body: one IntegrationFeed.v1 {@code pipeline} message as JSON bytes, while a run progresses. */
  public static final String PIPELINE_PROGRESS = "console.pipeline.progress";

  private Addresses() {
  }
}
