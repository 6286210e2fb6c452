package io.bfg.console.store;

import io.bfg.console.targetdb.TargetEndpoint;

/**
 * Which store keeps the journal, as configured: {@code CONSOLE_STORE} ({@link #FILE} or
 * {@link #POSTGRES}), {@code CONSOLE_STORE_PG_URL} (the shared store's owner; null with
 * {@code postgres}: the embedded store-pg) and {@code CONSOLE_INSTANCE_ID} (null: the default,
 * {@code <hostname>:<port>}, known once the port is bound; {@code hostname} is this machine's).
 */
public record StoreConfig(String kind, TargetEndpoint url, String instanceId, String hostname) {

  public static final String FILE = "file";
  public static final String POSTGRES = "postgres";

  public boolean postgres() {
    return POSTGRES.equals(kind);
  }

  /** CONSOLE_INSTANCE_ID, else {@code <hostname>:<port>} with the port the console is bound to. */
  public String instance(int boundPort) {
    return instanceId != null ? instanceId : hostname + ":" + boundPort;
  }

  /** Never the password. */
  @Override
  public String toString() {
    return "StoreConfig[" + kind + (postgres() ? ", " + (url == null ? "embedded store-pg" : url.redacted()) : "")
        + ", instance=" + instanceId + "]";
  }
}
