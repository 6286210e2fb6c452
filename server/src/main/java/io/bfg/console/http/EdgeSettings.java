package io.bfg.console.http;

import java.util.Set;

/**
 * What the HTTP edge accepts before any route runs.
 *
 * @param allowedHosts        CONSOLE_ALLOWED_HOSTS: names (any port) or {@code name:port} pairs a request's
 *                            Host may carry besides the console's own loopback names and bind address
 * @param headerTimeoutMillis how long a new connection may take to send a complete request head
 * @param idleTimeoutMillis   how long a kept-alive connection may wait for its next request, and a
 *                            request body may pause
 * @param maxConnections      open connections (HTTP and feed) across the console; more are closed at once
 */
public record EdgeSettings(Set<String> allowedHosts, int headerTimeoutMillis, int idleTimeoutMillis,
                           int maxConnections) {
}
