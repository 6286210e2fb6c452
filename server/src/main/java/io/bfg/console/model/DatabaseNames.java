package io.bfg.console.model;

/**
 * The names the application's database uses, as the local-demo target creates them: the database,
 * the role the console logs in as (no superuser, no BYPASSRLS) and the login-less role the
 * application runs as, which row-level security is proven under.
 */
public record DatabaseNames(String database, String appRole, String runtimeRole) {

  public static final DatabaseNames DEFAULT = new DatabaseNames("adapter", "console_app", "app_runtime");
}
