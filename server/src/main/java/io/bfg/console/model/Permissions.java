package io.bfg.console.model;

/** The permissions the console itself checks; the other permissions of an actor are the tenant's own. */
public final class Permissions {

  /** Sign off (and revoke) owner-acceptance checks the actor owns. */
  public static final String ACCEPT_CHECKS = "checks.accept";
  /** Record (and revoke) decisions the actor owns. */
  public static final String RECORD_DECISIONS = "decisions.record";
  /** Start connection checks and dry-runs against the target. */
  public static final String RUN_PIPELINES = "pipelines.run";

  private Permissions() {
  }
}
