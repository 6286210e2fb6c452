package io.bfg.console.command;

/** A command refused for a reason the caller can act on; the HTTP layer maps {@link Reason} to a status. */
public final class CommandRejected extends RuntimeException {

  public enum Reason {
    UNKNOWN_CHECK, UNKNOWN_PIPELINE, FORBIDDEN, NOT_OWNER, WRONG_KIND, DEPENDENCY_UNMET, NOT_SIGNED_OFF, INVALID_VALUE,
    PIPELINE_RUNNING
  }

  private final Reason reason;

  public CommandRejected(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
