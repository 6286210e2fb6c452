package io.bfg.console.model;

import java.util.List;
import java.util.Set;

/**
 * Facts a derived check may rest on. Parameterised facts are written {@code name:argument}
 * (e.g. {@code provider-contract:payments}, {@code batch-rows:finance}).
 */
public final class Facts {

  /** Scenario actors exist and carry permissions. */
  public static final String ACTORS = "actors";
  /** Every provider names a current mode, a target mode and a contract. */
  public static final String PROVIDERS = "providers";
  public static final String PROVIDER_CONTRACT = "provider-contract";
  /** The scenario selects a target adapter. */
  public static final String TARGET_SELECTED = "target-selected";
  /** The store contract the application speaks is served by the running store. */
  public static final String STORE_CONTRACT = "store-contract";
  /** The running console authenticates actors (mock header or OIDC). */
  public static final String AUTH_CONTRACT = "auth-contract";
  /** The sample snapshot has rows in the named batch group. */
  public static final String BATCH_ROWS = "batch-rows";
  public static final String SNAPSHOT_ROWS = "snapshot-rows";
  /** Every release variable of the handoff block has a value. */
  public static final String RELEASE_ENV = "release-env";
  public static final String ROLLBACK_ADAPTER = "rollback-adapter";
  /** Reviewed production credentials were supplied to the console from outside the demo workspace. */
  public static final String LIVE_CREDENTIALS = "live-credentials";

  private static final Set<String> PLAIN = Set.of(ACTORS, PROVIDERS, TARGET_SELECTED, STORE_CONTRACT,
      AUTH_CONTRACT, SNAPSHOT_ROWS, RELEASE_ENV, ROLLBACK_ADAPTER, LIVE_CREDENTIALS);

  /** Every fact a scenario may name, as an author would write it (for error messages and the format's docs). */
  public static final List<String> KNOWN = List.of(ACTORS, PROVIDERS, PROVIDER_CONTRACT + ":<provider id>",
      TARGET_SELECTED, STORE_CONTRACT, AUTH_CONTRACT, BATCH_ROWS + ":<batch group id>", SNAPSHOT_ROWS, RELEASE_ENV,
      ROLLBACK_ADAPTER, LIVE_CREDENTIALS);

  private Facts() {
  }

  public static String name(String fact) {
    int colon = fact.indexOf(':');
    return colon < 0 ? fact : fact.substring(0, colon);
  }

  public static String argument(String fact) {
    int colon = fact.indexOf(':');
    return colon < 0 ? null : fact.substring(colon + 1);
  }

  /** Whether {@code fact} is known and carries an argument exactly when it needs one. */
  public static boolean isWellFormed(String fact) {
    String name = name(fact);
    boolean parameterised = name.equals(PROVIDER_CONTRACT) || name.equals(BATCH_ROWS);
    return parameterised ? argument(fact) != null && !argument(fact).isBlank() : PLAIN.contains(fact);
  }
}
