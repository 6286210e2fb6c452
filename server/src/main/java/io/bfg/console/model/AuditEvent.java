package io.bfg.console.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One appended, hash-chained event of the audit trail. {@code hash} is the SHA-256 of the
 * canonical JSON of every other field ({@code seq, type, actor, at, payload, prevHash});
 * {@code prevHash} is the previous event's hash, or 64 zeros for the first event.
 */
public record AuditEvent(long seq, String type, String actor, String at, ObjectNode payload,
                         String prevHash, String hash) {

  public static final String GENESIS_HASH = "0".repeat(64);
}
