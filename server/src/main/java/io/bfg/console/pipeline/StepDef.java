package io.bfg.console.pipeline;

import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * One step of a pipeline. Steps run in order; after a failure the rest are SKIPPED, except an
 * {@code always} step (the dry-run's rollback checkpoint), which proves the target is left as it was
 * whatever happened before it.
 */
record StepDef(String id, boolean always, Supplier<Future<StepOutcome>> work) {

  static StepDef step(String id, Supplier<Future<StepOutcome>> work) {
    return new StepDef(id, false, work);
  }

  static StepDef always(String id, Supplier<Future<StepOutcome>> work) {
    return new StepDef(id, true, work);
  }
}
