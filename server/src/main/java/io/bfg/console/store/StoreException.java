package io.bfg.console.store;

/**
 * A store failure the console can name: {@link #code()} is the stable, machine-readable
 * reason the HTTP layer puts in its {@code {"error":{"code","message"}}} body.
 */
public class StoreException extends RuntimeException {

  /** The journal's hash chain is broken; the console refuses to extend a tampered chain. */
  public static final String AUDIT_CHAIN_BROKEN = "AUDIT_CHAIN_BROKEN";
  /** Reading, writing or syncing the journal failed. */
  public static final String STORE_IO = "STORE_IO";
  /** Another store (in this process or another one) holds the journal. */
  public static final String STORE_LOCKED = "STORE_LOCKED";
  /** {@code append} was called before {@code load}, or after {@code close}. */
  public static final String STORE_NOT_LOADED = "STORE_NOT_LOADED";
  /**
   * The store's database did not answer (down, unreachable, refusing logins, or silent past the
   * time limits). An append that failed this way may still have been committed: the journal, read
   * again, tells.
   */
  public static final String STORE_UNAVAILABLE = "STORE_UNAVAILABLE";
  /** Another writer appended first; see {@link StoreConflict}. */
  public static final String STORE_CONFLICT = "STORE_CONFLICT";
  /** The store's schema is newer than this console knows (a rolled-back console on a migrated store). */
  public static final String STORE_SCHEMA = "STORE_SCHEMA";

  private final String code;

  public StoreException(String code, String message) {
    this(code, message, null);
  }

  public StoreException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The refusal to extend a chain that {@code verdict} found broken; the same words wherever it is refused. */
  public static StoreException chainBroken(ChainVerification verdict) {
    return new StoreException(AUDIT_CHAIN_BROKEN, "the audit chain is broken (" + verdict.problem()
        + "); the console refuses to extend it: see GET /api/audit/verify");
  }

  public String code() {
    return code;
  }
}
