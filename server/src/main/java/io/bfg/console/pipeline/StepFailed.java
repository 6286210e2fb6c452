package io.bfg.console.pipeline;

/** A step's own verdict that the target falls short; the message is the step's detail, said plainly. */
class StepFailed extends RuntimeException {

  StepFailed(String message) {
    super(message, null, false, false);
  }

  /** Not a failure: the step had nothing to do (its message says why) and is shown SKIPPED. */
  static final class NothingToDo extends StepFailed {
    NothingToDo(String message) {
      super(message);
    }
  }
}
