package io.bfg.console.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.PipelineRun;
import io.vertx.core.Future;

import java.util.List;
import java.util.function.Function;

/**
 * Who runs which pipeline, where consoles share it. The pipeline runner keeps its own runs; this is
 * the part that differs by store: with the file store (one console) there is nothing to share
 * ({@link #LOCAL}); with the PostgreSQL store ({@link PgPipelineClaims}) the database decides which
 * console's run of a pipeline goes ahead and carries each run's progress to the other consoles.
 */
public interface PipelineClaims {

  /** A run as the store knows it: its transcript so far, the console running it, and whether that console is gone. */
  record SharedRun(PipelineRun run, String instance, boolean abandoned) {
  }

  /** Another console's run of the pipeline holds it; {@code holder} names that run. */
  final class Taken extends RuntimeException {
    private final transient SharedRun holder;

    public Taken(SharedRun holder) {
      super("a " + holder.run().pipeline() + " run is in progress on instance " + holder.instance() + " ("
          + holder.run().runId() + ")", null, false, false);
      this.holder = holder;
    }

    public SharedRun holder() {
      return holder;
    }
  }

  /**
   * Claims {@code run}'s pipeline for it (its transcript as it starts); fails with {@link Taken} when
   * a run of another console holds it, or as the store fails.
   */
  Future<Void> claim(PipelineRun run);

  /** Shares one progress message of a claimed run, in call order; never fails the run. */
  void progress(ObjectNode message, PipelineRun transcript);

  /** Gives the pipeline up once the run has ended (after its last {@link #progress}). */
  Future<Void> release(PipelineRun concluded);

  /** Another console's run by id, null if the store knows none. */
  Future<SharedRun> find(String runId);

  /** The runs of other consoles in progress now. */
  Future<List<SharedRun>> othersRunning();

  /**
   * Hands other consoles' progress messages to {@code relay}, each run's in order, the next after
   * the future {@code relay} returned completes.
   */
  Future<Void> follow(Function<ObjectNode, Future<Void>> relay);

  Future<Void> close();

  /** One console, nothing to share: the runner's own runs decide. */
  PipelineClaims LOCAL = new PipelineClaims() {
    @Override
    public Future<Void> claim(PipelineRun run) {
      return Future.succeededFuture();
    }

    @Override
    public void progress(ObjectNode message, PipelineRun transcript) {
    }

    @Override
    public Future<Void> release(PipelineRun concluded) {
      return Future.succeededFuture();
    }

    @Override
    public Future<SharedRun> find(String runId) {
      return Future.succeededFuture();
    }

    @Override
    public Future<List<SharedRun>> othersRunning() {
      return Future.succeededFuture(List.of());
    }

    @Override
    public Future<Void> follow(Function<ObjectNode, Future<Void>> relay) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  };
}
