package io.bfg.console.pipeline;

/** A step's own verdict that the target falls short; the message is the step's detail, said plainly. */
class StepFailed extends RuntimeException {

  /** The verdict in Polish, where the step words it in both languages; else null (the English is shown). */
  final String messagePl;

  StepFailed(String message) {
    this(message, null);
  }

  StepFailed(String message, String messagePl) {
    super(message, null, false, false);
    this.messagePl = messagePl;
  }

  /** Not a failure: the step had nothing to do (its message says why) and is shown SKIPPED. */
  static final class NothingToDo extends StepFailed {
    NothingToDo(String message) {
      super(message);
    }
  }
}
