package io.bfg.console.model;

/**
 * READY: proven. REVIEW: nothing upstream is missing, it waits for its own evidence or sign-off.
 * BLOCKED: something it depends on is not READY yet.
 */
public enum Status {
  READY, REVIEW, BLOCKED
}
