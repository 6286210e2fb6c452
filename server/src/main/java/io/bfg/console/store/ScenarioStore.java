package io.bfg.console.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.AuditEvent;
import io.vertx.core.Future;

import java.util.List;

/**
 * {@code ScenarioStore.v1}: the append-only, hash-chained audit journal every state change goes
 * through. Adapters (file-local, Postgres) differ in where the events live, never in the
 * chain rule, which is {@link AuditChain}'s alone.
 */
public interface ScenarioStore {

  String CONTRACT = "ScenarioStore.v1";

  /**
   * Opens (or creates) the journal, repairs an interrupted append and returns every trustworthy
   * event in order. If the chain is broken, the events before the break are returned so the
   * console can start and show the problem; {@link #verify()} names it and {@link #append}
   * refuses to extend it. Call once before {@link #append}.
   */
  Future<List<AuditEvent>> load();

  /**
   * Appends one event after the current head. Completes only once the event is durable.
   * Concurrent calls are serialized: seqs stay contiguous and the head never forks.
   * Fails with {@link StoreException#AUDIT_CHAIN_BROKEN} if {@link #load()} found tampering.
   */
  Future<AuditEvent> append(String type, String actor, ObjectNode payload);

  /**
   * The events other writers appended after {@code after} (this store's head at most), checked to
   * extend the chain this store holds, and taken as its new head. A store no other process writes
   * to has none to give. See {@link StoreConflict} for when a caller needs it.
   */
  default Future<List<AuditEvent>> readAfter(long after) {
    return Future.succeededFuture(List.of());
  }

  /** Re-reads the journal from its durable medium (not memory) and recomputes the chain. */
  Future<ChainVerification> verify();

  /**
   * Cheaply checks that the journal still ends with the event this store last read or wrote, and
   * gives the verdict: broken when tampering is known (from the load, a verify, an append or this
   * check), else intact at the store's head. Fails with a {@link StoreException} when the store
   * cannot answer. Health checks and commands call it before trusting the chain; only
   * {@link #verify()} re-reads everything.
   */
  Future<ChainVerification> checkHead();

  /** The adapter's name as shown in the console, e.g. {@code file-local}. */
  String adapter();

  /** Releases the journal (file lock, handles, threads). The store cannot be used afterwards. */
  Future<Void> close();
}
