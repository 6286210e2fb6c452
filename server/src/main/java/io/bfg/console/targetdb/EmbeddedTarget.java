package io.bfg.console.targetdb;

import io.bfg.console.model.DatabaseNames;
import io.vertx.core.net.SelfSignedCertificate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A local PostgreSQL the console starts itself: the pipelines' local-demo target under
 * {@code <data dir>/target-pg} ({@link #EmbeddedTarget(Path, DatabaseNames, String)}), and the
 * shared store's under {@code <data dir>/store-pg} ({@link #storeOf}) when
 * {@code CONSOLE_STORE=postgres} names no server. Each is a real PostgreSQL (zonky's binaries),
 * with TLS on from a self-signed certificate generated on first start, password logins only, and
 * the database and roles a production adapter database would have, as the scenario names them
 * ({@link DatabaseNames}):
 * <ul>
 *   <li>the application role: what the console connects as; neither superuser nor BYPASSRLS,
 *       allowed to create the runbook's schema in the database;</li>
 *   <li>the runtime role: a login-less role the application would run as, which the application
 *       role may {@code SET ROLE} to so the dry-run can prove isolation as a non-owner.</li>
 * </ul>
 * One cluster serves every scenario run with the same data dir: a scenario whose database or roles
 * it lacks gets them added on start, beside the others. Passwords are random, kept in a 0600 file
 * beside the cluster (keyed by role), and never logged. Blocking: call it off the event loop.
 */
public final class EmbeddedTarget implements AutoCloseable {

  private static final String ADMIN_ROLE = "postgres";
  private static final String PORT = "port";
  private static final System.Logger LOG = System.getLogger(EmbeddedTarget.class.getName());
  /** Held so the level set on it is not lost to garbage collection. */
  private static final java.util.logging.Logger ZONKY_LOGGER = java.util.logging.Logger.getLogger("io.zonky");

  private final Path dir;
  private final Path binaries;
  private final String purpose;
  private final String database;
  private final String appRole;
  private final String runtimeRole;
  private final boolean durable;
  private EmbeddedPostgres postgres;
  // volatile: read without the lock by started(), which must not wait for a start under way
  private volatile TargetEndpoint endpoint;
  private TargetEndpoint admin;

  /** {@code names} gives the database and application role; {@code runtimeRole} the role isolation is proven under. */
  public EmbeddedTarget(Path dataDir, DatabaseNames names, String runtimeRole) {
    this(dataDir, "target-pg", "target", names, runtimeRole, false);
  }

  /**
   * The shared store's own server under {@code <data dir>/store-pg}, apart from the pipelines' target
   * (which a dry-run fills and a reviewer may reset): {@code names.appRole()} is the store's owner,
   * {@code runtimeRole} the login-less role its statements run as. Unlike the target, it flushes every
   * commit to disk: the console answers a command once it is committed.
   */
  public static EmbeddedTarget storeOf(Path dataDir, DatabaseNames names, String runtimeRole) {
    return new EmbeddedTarget(dataDir, "store-pg", "store", names, runtimeRole, true);
  }

  private EmbeddedTarget(Path dataDir, String directory, String purpose, DatabaseNames names, String runtimeRole,
                         boolean durable) {
    if (ADMIN_ROLE.equals(names.appRole()) || ADMIN_ROLE.equals(runtimeRole)) {
      throw new IllegalArgumentException("'" + ADMIN_ROLE + "' is the embedded " + purpose + "'s superuser; its "
          + "database roles need other names");
    }
    this.dir = dataDir.resolve(directory);
    this.purpose = purpose;
    // zonky would unpack them under java.io.tmpdir; the console keeps what it writes in its data dir
    this.binaries = dataDir.resolve("pg-binaries");
    this.database = names.database();
    this.appRole = names.appRole();
    this.runtimeRole = runtimeRole;
    this.durable = durable;
  }

  /** Whether the cluster is up (a run then says nothing of starting it); never blocks. */
  public boolean started() {
    return endpoint != null;
  }

  /** Starts (first time: creates) the cluster and returns how to reach it as the application role. */
  public synchronized TargetEndpoint start() throws IOException {
    if (endpoint != null) {
      return endpoint;
    }
    Files.createDirectories(dir);
    Path pgdata = dir.resolve("pgdata");
    Path credentialsFile = dir.resolve("credentials.properties");
    Path cert = dir.resolve("tls/server.crt");
    Path key = dir.resolve("tls/server.key");
    Properties credentials = readCredentials(credentialsFile);
    // a cluster directory that is gone (or never finished initdb) is provisioned anew, passwords and all
    boolean fresh = credentials == null || !Files.exists(pgdata.resolve("PG_VERSION"));
    if (fresh) {
      // a cluster without its credentials file was never fully provisioned: start it over (on its port)
      deleteTree(pgdata);
      String port = credentials == null ? null : credentials.getProperty(PORT);
      credentials = new Properties();
      credentials.setProperty(ADMIN_ROLE, randomSecret());
      if (port != null) {
        credentials.setProperty(PORT, port);
      }
    }
    boolean newDatabase = credentials.getProperty(appRole) == null;
    if (newDatabase) {
      credentials.setProperty(appRole, randomSecret());
    }
    if (!Files.exists(cert) || !Files.exists(key)) {
      writeCertificate(cert, key);
    }
    long started = System.nanoTime();
    // PostgreSQL's own output goes to a file beside the cluster, not into the console's log
    ProcessBuilder.Redirect serverLog = ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile());
    ZONKY_LOGGER.setLevel(java.util.logging.Level.WARNING);
    // a console killed with SIGKILL leaves its server running on this directory and port
    PostmasterProcess.stopIfRunning(pgdata).ifPresent(pid -> LOG.log(System.Logger.Level.WARNING,
        "stopped a PostgreSQL server (pid " + pid + ") left running on " + pgdata + " by an earlier console"));
    // the same port across restarts keeps the endpoint, and so the connection evidence, unchanged
    int port = freePort(Integer.parseInt(credentials.getProperty(PORT, "0")));
    credentials.setProperty(PORT, String.valueOf(port));
    // zonky creates its working directory before it looks at the override, and only this property
    // moves it; without it an empty embedded-pg/ appears under java.io.tmpdir
    System.setProperty("ot.epg.working-dir", binaries.toString());
    try {
      postgres = EmbeddedPostgres.builder()
          .setOverrideWorkingDirectory(binaries.toFile())
          .setPort(port)
          .setOutputRedirector(serverLog)
          .setErrorRedirector(serverLog)
          .setDataDirectory(pgdata)
          .setCleanDataDirectory(false)
          // the console stops it (Main's shutdown hook, Console.stop): zonky's own hook cannot be added
          // once the JVM is shutting down, and a start interrupted that way left the server running
          .setRegisterShutdownHook(false)
          .setServerConfig("listen_addresses", "127.0.0.1")
          // TCP only: no socket (and its lock file) in /tmp, and no path-length limit on the data dir
          .setServerConfig("unix_socket_directories", "")
          .setServerConfig("ssl", "on")
          .setServerConfig("ssl_cert_file", cert.toAbsolutePath().toString())
          .setServerConfig("ssl_key_file", key.toAbsolutePath().toString())
          .setServerConfig("password_encryption", "scram-sha-256")
          // a failing statement is logged with its text; provisioning statements carry passwords
          .setServerConfig("log_min_error_statement", "panic")
          // zonky turns these off for speed; the rehearsal target can afford that, the store cannot
          .setServerConfig("fsync", durable ? "on" : "off")
          .setServerConfig("synchronous_commit", durable ? "on" : "off")
          .setServerConfig("full_page_writes", durable ? "on" : "off")
          .setConnectConfig("user", ADMIN_ROLE)
          .setConnectConfig("password", credentials.getProperty(ADMIN_ROLE))
          .start();
    } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
      throw failedStart(pgdata, e);
    }
    try {
      if (fresh) {
        provisionCluster(credentials);
      }
      provisionDatabase(credentials, newDatabase);
      writeCredentials(credentialsFile, credentials);
    } catch (IOException | RuntimeException e) {
      // the credentials file names only what was fully provisioned, so the next start does the rest
      close();
      throw e;
    }
    endpoint = new TargetEndpoint("127.0.0.1", postgres.getPort(), database, appRole,
        credentials.getProperty(appRole), "verify-ca", cert.toAbsolutePath().toString());
    admin = endpoint.as(ADMIN_ROLE, credentials.getProperty(ADMIN_ROLE));
    LOG.log(System.Logger.Level.INFO, "embedded " + purpose + " PostgreSQL ready at " + endpoint.redacted() + " in "
        + (System.nanoTime() - started) / 1_000_000 + " ms" + (fresh ? " (created)" : ""));
    return endpoint;
  }

  /** The superuser, for provisioning a rehearsal database (tests, benchmarks); null before {@link #start()}. */
  public synchronized TargetEndpoint adminEndpoint() {
    return admin;
  }

  /** The certificate the embedded server presents, for comparing with the fingerprint a handshake saw. */
  public Path certificate() {
    return dir.resolve("tls/server.crt");
  }

  /** Stops the server and returns once it has exited (pg_ctl stops waiting after 5 s, a checkpoint may take longer). */
  @Override
  public synchronized void close() throws IOException {
    if (postgres != null) {
      try {
        postgres.close();
      } finally {
        postgres = null;
        endpoint = null;
        admin = null;
      }
      PostmasterProcess.stopIfRunning(dir.resolve("pgdata"));
    }
  }

  /**
   * Leaves nothing of a failed start behind that would fail the next one: a server it may have
   * started, and zonky's lock on the data directory, which it keeps when its start fails (the next
   * start in this process would fail on it with an OverlappingFileLockException); deleting the lock
   * file lets the next start lock a new one.
   */
  private IOException failedStart(Path pgdata, Throwable cause) {
    IOException failure = new IOException("the embedded PostgreSQL did not start ("
        + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
        + "); its log is " + dir.resolve("postgres.log"), cause);
    try {
      PostmasterProcess.stopIfRunning(pgdata);
      Files.deleteIfExists(pgdata.resolve("epg-lock"));
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }

  /** A new cluster: the superuser's password, and password (SCRAM) logins only from here on. */
  private void provisionCluster(Properties credentials) throws IOException {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("alter role " + ADMIN_ROLE + " password " + literal(credentials.getProperty(ADMIN_ROLE)));
      // initdb trusted every local login; from here on every role needs its password
      Files.writeString(Path.of(scalar(s, "show hba_file")), """
          # written by Integration Console: password (SCRAM) logins only, loopback only
          local all all scram-sha-256
          host all all 127.0.0.1/32 scram-sha-256
          host all all ::1/128 scram-sha-256
          """);
      s.execute("select pg_reload_conf()");
    } catch (SQLException e) {
      throw new IOException("could not provision the embedded " + purpose + ": " + e.getMessage(), e);
    }
  }

  /**
   * The scenario's database and roles, created when missing and left as they are otherwise; the
   * runtime role is checked on every start because CONSOLE_TARGET_RUNTIME_ROLE may name another one.
   * {@code newRole}: the application role's password was just generated, so it is (re)set.
   */
  private void provisionDatabase(Properties credentials, boolean newRole) throws IOException {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      if (newRole) {
        String password = literal(credentials.getProperty(appRole));
        s.execute("do $console$ begin "
            + "if exists (select 1 from pg_roles where rolname = '" + appRole + "') then "
            + "alter role " + appRole + " login nosuperuser nocreatedb nocreaterole nobypassrls password " + password
            + "; else create role " + appRole + " login nosuperuser nocreatedb nocreaterole nobypassrls password "
            + password + "; end if; end $console$");
      }
      s.execute("do $console$ begin "
          + "if not exists (select 1 from pg_roles where rolname = '" + runtimeRole + "') then "
          + "create role " + runtimeRole + " nologin nosuperuser nobypassrls; end if; end $console$");
      s.execute("grant " + runtimeRole + " to " + appRole);
      if (scalar(s, "select count(*) from pg_database where datname = '" + database + "'").equals("0")) {
        s.execute("create database " + database);
      }
      s.execute("grant connect, create, temporary on database " + database + " to " + appRole);
    } catch (SQLException e) {
      throw new IOException("could not provision " + database + " on the embedded " + purpose + ": " + e.getMessage(), e);
    }
  }

  /** {@code preferred} if nothing listens there (0: none), else any free loopback port. */
  private static int freePort(int preferred) throws IOException {
    if (preferred > 0) {
      try (java.net.ServerSocket probe = new java.net.ServerSocket(preferred, 1,
          java.net.InetAddress.getLoopbackAddress())) {
        return probe.getLocalPort();
      } catch (IOException taken) {
        // another process has it now: take a new one
      }
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private static String scalar(Statement s, String sql) throws SQLException {
    try (var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Hex secrets only, so quoting them as a literal needs no escaping. */
  private static String literal(String secret) {
    if (!secret.matches("[0-9a-f]+")) {
      throw new IllegalStateException("generated secrets are hex");
    }
    return "'" + secret + "'";
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static Properties readCredentials(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    }
    return properties.getProperty(ADMIN_ROLE) != null ? properties : null;
  }

  private static void writeCredentials(Path file, Properties credentials) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(temp)) {
      credentials.store(out, "embedded target passwords: never share, never commit");
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** PostgreSQL refuses a key readable by others, so the key is written 0600 by the JVM's own user. */
  private static void writeCertificate(Path cert, Path key) throws IOException {
    Files.createDirectories(cert.getParent());
    SelfSignedCertificate generated = SelfSignedCertificate.create("localhost");
    try {
      Files.deleteIfExists(key);
      Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(key, Files.readAllBytes(Path.of(generated.privateKeyPath())));
      Files.copy(Path.of(generated.certificatePath()), cert, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      generated.delete();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
