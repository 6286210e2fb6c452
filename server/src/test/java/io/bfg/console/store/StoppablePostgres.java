package io.bfg.console.store;

import io.bfg.console.targetdb.TargetEndpoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL of the test's own, set up as a DBA's usual one is (TLS off, so clients' sslmode=prefer
 * falls back to plain sessions), that the test stops the way a DBA does, {@code pg_ctl stop -m fast},
 * and starts again on the same port and data.
 */
final class StoppablePostgres implements AutoCloseable {

  private final Path data;
  private final int port;
  private EmbeddedPostgres postgres;

  private StoppablePostgres(Path data, int port) {
    this.data = data;
    this.port = port;
  }

  static StoppablePostgres start(Path dir) {
    try (ServerSocket socket = new ServerSocket(0)) {
      StoppablePostgres server = new StoppablePostgres(dir.resolve("pgdata"), socket.getLocalPort());
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void start() {
    try {
      postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
          .setOutputRedirector(ProcessBuilder.Redirect.DISCARD).setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
          .setServerConfig("ssl", "off")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The superuser on database {@code database}, with libpq's default sslmode. */
  TargetEndpoint endpoint(String database) {
    return new TargetEndpoint("127.0.0.1", port, database, "postgres", null, "prefer", null);
  }

  /**
   * {@code pg_ctl stop -m fast} waiting up to {@code waitSeconds} (a third of authentication_timeout,
   * the time a session that never logs in holds the shutdown): its exit code, 0 when the server stopped.
   */
  synchronized int stopFast(int waitSeconds) throws IOException, InterruptedException {
    Process stop = new ProcessBuilder(pgCtl().toString(), "-D", data.toString(), "-m", "fast", "-w",
        "-t", String.valueOf(waitSeconds), "stop").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!stop.waitFor(waitSeconds + 10L, TimeUnit.SECONDS)) {
      stop.destroyForcibly();
      return -1;
    }
    return stop.exitValue();
  }

  private Path pgCtl() throws IOException {
    long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    String postgresBinary = ProcessHandle.of(pid).flatMap(p -> p.info().command())
        .orElseThrow(() -> new IOException("no running postmaster " + pid));
    return Path.of(postgresBinary).resolveSibling("pg_ctl");
  }

  /** Releases zonky's hold on the data directory and kills a server that would not stop. */
  @Override
  public synchronized void close() {
    if (postgres == null) {
      return;
    }
    try {
      Path pidFile = data.resolve("postmaster.pid");
      if (Files.exists(pidFile)) {
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      postgres.close();
    } catch (IOException | RuntimeException ignored) {
      // the test is over
    } finally {
      postgres = null;
    }
  }

  /** After {@link #stopFast}: lets zonky start the same cluster again. */
  synchronized void restart() throws IOException {
    postgres.close();
    start();
  }
}
