package io.bfg.console.pipeline;

/** A step's own verdict that the target falls short; the message is the step's detail, said plainly. */
final class StepFailed extends RuntimeException {

  StepFailed(String message) {
    super(message, null, false, false);
  }
}
