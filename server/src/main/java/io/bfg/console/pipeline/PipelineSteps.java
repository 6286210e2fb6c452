package io.bfg.console.pipeline;

import io.vertx.core.Future;

import java.util.List;

/** One run's steps, sharing the run's state (its connection); {@link #close()} runs after the last step. */
interface PipelineSteps {

  List<StepDef> steps();

  /** Releases what the run holds; must not fail. */
  Future<Void> close();
}
