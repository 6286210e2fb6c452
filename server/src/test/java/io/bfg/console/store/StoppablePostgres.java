package io.bfg.console.store;

import io.bfg.console.targetdb.TargetEndpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL set up as a DBA's usual one is, and stopped as a DBA stops it: Debian's server binaries
 * (/usr/lib/postgresql/&lt;newest&gt;/bin), a fresh cluster with initdb's defaults (TLS off, so clients'
 * sslmode=prefer falls back to plain sessions; authentication_timeout 60 s), SCRAM passwords, loopback
 * only, driven by {@code pg_ctl}. initdb and pg_ctl refuse root, so as root they run as the OS user
 * {@code postgres} through {@code runuser}, as the store probe does; the cluster then lives in a
 * directory of its own that user can reach, not in a test's (root-only) temp dir.
 */
final class StoppablePostgres implements AutoCloseable {

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Path bin;
  private final Path root;
  private final int port;
  private final String password = UUID.randomUUID().toString();

  private StoppablePostgres(Path bin, Path root, int port) {
    this.bin = bin;
    this.root = root;
    this.port = port;
  }

  static StoppablePostgres create() throws IOException, InterruptedException {
    Path bin = newestDebianBinaries();
    Path root = Files.createTempDirectory("stoppable-pg-");
    StoppablePostgres server;
    try (ServerSocket socket = new ServerSocket(0)) {
      server = new StoppablePostgres(bin, root, socket.getLocalPort());
    }
    try {
      server.initdb();
      server.start();
      return server;
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private static Path newestDebianBinaries() throws IOException {
    Path versions = Path.of("/usr/lib/postgresql");
    try (Stream<Path> found = Files.exists(versions) ? Files.list(versions) : Stream.empty()) {
      return found.filter(version -> version.getFileName().toString().matches("\\d+"))
          .max(Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString())))
          .map(version -> version.resolve("bin"))
          .filter(candidate -> Files.isExecutable(candidate.resolve("pg_ctl")))
          .orElseThrow(() -> new IOException("this test needs PostgreSQL's server binaries under "
              + "/usr/lib/postgresql/<version>/bin (Debian's postgresql package), as the store probe does"));
    }
  }

  private void initdb() throws IOException, InterruptedException {
    Path passwordFile = root.resolve("pw");
    Files.writeString(passwordFile, password + "\n");
    if (ROOT) {
      run(List.of("chown", "-R", "postgres:", root.toString()), 30);
    }
    require(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data(), "-U", "postgres",
        "-A", "scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8")), 120, "initdb");
  }

  /** Starts the cluster (again) on the same port and data. */
  void start() throws IOException, InterruptedException {
    require(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-l", root.resolve("pg.log").toString(),
        "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1", "-w", "-t", "60", "start")), 90,
        "pg_ctl start");
  }

  /**
   * {@code pg_ctl stop -m fast} waiting up to {@code waitSeconds} (a third of authentication_timeout,
   * the time a session that never logs in holds the shutdown): its exit code, 0 when the server stopped.
   */
  int stopFast(int waitSeconds) throws IOException, InterruptedException {
    return run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w",
        "-t", String.valueOf(waitSeconds), "stop")), waitSeconds + 30L);
  }

  /** The superuser on database {@code database}, with libpq's default sslmode. */
  TargetEndpoint endpoint(String database) {
    return new TargetEndpoint("127.0.0.1", port, database, "postgres", password, "prefer", null);
  }

  /** Stops a server still running (immediately: the test is over) and removes the cluster. */
  @Override
  public void close() {
    try {
      if (Files.exists(root.resolve("data").resolve("postmaster.pid"))) {
        run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w",
            "-t", "30", "stop")), 60);
      }
    } catch (IOException | InterruptedException ignored) {
      // removed below all the same
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String data() {
    return root.resolve("data").toString();
  }

  private static List<String> asServerUser(List<String> command) {
    if (!ROOT) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private void require(List<String> command, long limitSeconds, String what) throws IOException, InterruptedException {
    int exit = run(command, limitSeconds);
    if (exit != 0) {
      Path log = root.resolve("pg.log");
      throw new IOException(what + " exited " + exit + (Files.exists(log) ? ": " + Files.readString(log) : ""));
    }
  }

  private static int run(List<String> command, long limitSeconds) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }
}
