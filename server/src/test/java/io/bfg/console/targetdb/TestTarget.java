package io.bfg.console.targetdb;

import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.DatabaseNames;
import io.bfg.console.scenario.ScenarioLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the pipeline tests. By default the product's own {@link EmbeddedTarget}
 * (TLS on, password logins, the roles BFG's scenario declares), started once per test JVM in a
 * temporary directory; with {@code CONSOLE_TEST_PG_URL} (a superuser URL) another server, on which
 * the same roles are created. Every test gets a fresh database, so no test sees another's residue.
 * Assertions about the target's state use plain JDBC as the superuser: independent of the
 * reactive client under test.
 */
public final class TestTarget {

  /** The database names BFG's scenario declares (its {@code database:} section). */
  public static final DatabaseNames BFG_NAMES = ScenarioLoader.load(RunningConsole.BFG).scenario().database();
  public static final String APP_ROLE = BFG_NAMES.appRole();
  public static final String RUNTIME_ROLE = BFG_NAMES.runtimeRole();
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static TestTarget shared;
  private static TestTarget plain;

  private final TargetEndpoint admin;
  private final String appPassword;
  private final Path certificate;

  private TestTarget(TargetEndpoint admin, String appPassword, Path certificate) {
    this.admin = admin;
    this.appPassword = appPassword;
    this.certificate = certificate;
  }

  /** The shared TLS target. */
  public static synchronized TestTarget get() {
    if (shared == null) {
      String url = System.getenv("CONSOLE_TEST_PG_URL");
      shared = url == null || url.isBlank() ? embedded() : external(TargetEndpoint.parse(url));
    }
    return shared;
  }

  /** A second cluster with TLS off (ssl = off), for the "TLS absent" fault; embedded only. */
  public static synchronized TestTarget withoutTls() {
    if (plain == null) {
      try {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
            .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
            .start();
        TargetEndpoint admin = new TargetEndpoint("127.0.0.1", postgres.getPort(), "postgres", "postgres", null,
            "prefer", null);
        plain = external(admin);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return plain;
  }

  private static TestTarget embedded() {
    try {
      Path dir = Files.createTempDirectory("test-target-");
      EmbeddedTarget target = new EmbeddedTarget(dir, BFG_NAMES, RUNTIME_ROLE);
      TargetEndpoint app = target.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          target.close();
        } catch (IOException ignored) {
          // the JVM is ending
        }
      }));
      return new TestTarget(target.adminEndpoint(), app.password(), target.certificate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates (or resets the password of) the app and runtime roles on a server we were given. */
  private static TestTarget external(TargetEndpoint admin) {
    String password = UUID.randomUUID().toString().replace("-", "");
    TestTarget target = new TestTarget(admin, password, null);
    target.sql(admin.database(), "do $$ begin "
        + "if not exists (select 1 from pg_roles where rolname = '" + APP_ROLE + "') then "
        + "create role " + APP_ROLE + " login nosuperuser nobypassrls; end if; "
        + "if not exists (select 1 from pg_roles where rolname = '" + RUNTIME_ROLE + "') then "
        + "create role " + RUNTIME_ROLE + " nologin nosuperuser nobypassrls; end if; end $$",
        "alter role " + APP_ROLE + " password '" + password + "'",
        "grant " + RUNTIME_ROLE + " to " + APP_ROLE);
    return target;
  }

  /** A new, empty database the application role may create schemas in; returns how it logs in there. */
  public TargetEndpoint freshDatabase() {
    String name = "rehearsal_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    sql(admin.database(), "create database " + name,
        "grant connect, create, temporary on database " + name + " to " + APP_ROLE);
    String sslMode = certificate != null ? "verify-ca" : admin.sslMode();
    return new TargetEndpoint(admin.host(), admin.port(), name, APP_ROLE, appPassword, sslMode,
        certificate == null ? null : certificate.toString());
  }

  public TargetEndpoint admin() {
    return admin;
  }

  /** The certificate the shared target presents; null for an external server. */
  public Path certificate() {
    return certificate;
  }

  /** A URL for CONSOLE_TARGET_PG_URL, password included. */
  public static String url(TargetEndpoint endpoint) {
    return "postgresql://" + endpoint.user() + (endpoint.password() == null ? "" : ":" + endpoint.password()) + "@"
        + endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database() + "?sslmode=" + endpoint.sslMode()
        + (endpoint.rootCert() == null ? "" : "&sslrootcert=" + endpoint.rootCert());
  }

  /** Runs statements as the superuser in {@code database}, each committed. */
  public void sql(String database, String... statements) {
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
    }
  }

  /** The first column of the first row, as the superuser. */
  public long scalar(String database, String query) {
    try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("test query failed: " + e.getMessage(), e);
    }
  }

  public Connection connect(String database) throws SQLException {
    return connect(admin.withDatabase(database));
  }

  /** A JDBC connection as {@code endpoint}'s role, e.g. to set up what a previous migration committed. */
  public static Connection connect(TargetEndpoint endpoint) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", endpoint.user());
    if (endpoint.password() != null) {
      properties.setProperty("password", endpoint.password());
    }
    properties.setProperty("sslmode", endpoint.sslMode().startsWith("verify") ? "require" : endpoint.sslMode());
    return DriverManager.getConnection("jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/"
        + endpoint.database(), properties);
  }
}
