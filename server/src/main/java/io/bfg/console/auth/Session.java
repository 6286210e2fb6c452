package io.bfg.console.auth;

import java.time.Instant;

/**
 * A signed-in browser, as its sealed cookie carries it: no server keeps sessions, so any instance holding
 * the key can read it. {@code claim} is the actor-claim value the actor is looked up by on every request.
 */
public record Session(String id, String subject, String issuer, String claim, Instant expiresAt, Instant issuedAt) {
}
