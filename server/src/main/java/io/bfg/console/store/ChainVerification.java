package io.bfg.console.store;

/**
 * The result of recomputing the audit hash chain.
 *
 * @param valid    every event is intact and linked to the one before it
 * @param length   number of trustworthy events, i.e. those before {@code firstBad}
 * @param head     hash of the last trustworthy event ({@code AuditEvent.GENESIS_HASH} when none)
 * @param firstBad 1-based position (= the seq it should carry) of the first bad event; null when valid
 * @param problem  a short sentence saying what is wrong with {@code firstBad}; null when valid
 */
public record ChainVerification(boolean valid, long length, String head, Long firstBad, String problem) {

  public static ChainVerification intact(long length, String head) {
    return new ChainVerification(true, length, head, null, null);
  }

  public static ChainVerification broken(long length, String head, long firstBad, String problem) {
    return new ChainVerification(false, length, head, firstBad, problem);
  }
}
