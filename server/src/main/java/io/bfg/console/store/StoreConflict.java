package io.bfg.console.store;

/**
 * An append lost the race for its seq: another writer (another console on the same shared store)
 * appended that seq first, so this event was not stored. The store does not retry by itself,
 * because the command behind the event was validated against a state that is no longer the
 * newest. The contract for the caller:
 * <ol>
 *   <li>catch up: read the events after the head it extended ({@code readAfter(head)}), which
 *       also moves the store's head to the journal's;</li>
 *   <li>apply them to its state, then validate the command again against the new state (it may
 *       now be refused, or be a no-op answered {@code changed: false});</li>
 *   <li>append again if it still changes something.</li>
 * </ol>
 */
public final class StoreConflict extends StoreException {

  private final long seq;

  public StoreConflict(long seq, String message, Throwable cause) {
    super(STORE_CONFLICT, message, cause);
    this.seq = seq;
  }

  /** The seq this append tried to take and another writer holds. */
  public long seq() {
    return seq;
  }
}
