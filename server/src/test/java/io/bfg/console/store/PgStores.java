package io.bfg.console.store;

import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TestTarget;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for the PostgreSQL store's tests, on the same real PostgreSQL the pipeline tests use
 * ({@link TestTarget}: the embedded one, or {@code CONSOLE_TEST_PG_URL}). Each test gets a fresh
 * database; the store's two roles (owner for migrations, a plain runtime role) are created once.
 * The superuser (which bypasses row-level security) plays the tamperer and the inspector.
 */
final class PgStores {

  static final String OWNER = "console_store_owner";
  static final String RUNTIME = "console_store_app";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static String ownerPassword;
  private static String runtimePassword;

  private PgStores() {
  }

  /** A new, empty database and the settings of a store on it. */
  static synchronized PgStoreSettings freshDatabase() {
    TestTarget target = TestTarget.get();
    if (ownerPassword == null) {
      ownerPassword = UUID.randomUUID().toString().replace("-", "");
      runtimePassword = UUID.randomUUID().toString().replace("-", "");
      target.sql(target.admin().database(), "do $$ begin "
              + "if not exists (select 1 from pg_roles where rolname = '" + OWNER + "') then "
              + "create role " + OWNER + " login nosuperuser nobypassrls; end if; "
              + "if not exists (select 1 from pg_roles where rolname = '" + RUNTIME + "') then "
              + "create role " + RUNTIME + " login nosuperuser nobypassrls; end if; end $$",
          "alter role " + OWNER + " password '" + ownerPassword + "'",
          "alter role " + RUNTIME + " password '" + runtimePassword + "'");
    }
    String database = "store_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    target.sql(target.admin().database(), "create database " + database,
        "grant connect, create on database " + database + " to " + OWNER,
        "grant connect on database " + database + " to " + RUNTIME);
    TargetEndpoint admin = target.admin().withDatabase(database);
    return new PgStoreSettings(admin.as(OWNER, ownerPassword), admin.as(RUNTIME, runtimePassword), 5_000, 5_000);
  }

  /** Runs statements as the superuser in the store's database. */
  static void sql(PgStoreSettings settings, String... statements) {
    TestTarget.get().sql(settings.owner().database(), statements);
  }

  static long scalar(PgStoreSettings settings, String query) {
    return TestTarget.get().scalar(settings.owner().database(), query);
  }

  /** A JDBC session as the store's runtime role, independent of the reactive client under test. */
  static Connection asRuntime(PgStoreSettings settings) throws SQLException {
    return TestTarget.connect(settings.runtime());
  }

  static long count(Statement statement, String query) throws SQLException {
    try (ResultSet rs = statement.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
