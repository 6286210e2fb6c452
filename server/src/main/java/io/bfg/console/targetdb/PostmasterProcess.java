package io.bfg.console.targetdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL server running on a data directory, found by its {@code postmaster.pid} and
 * stopped the way {@code pg_ctl stop -m fast} does, then waited for. It matters twice: a console
 * killed with SIGKILL cannot stop the server it started, which keeps the data directory and the
 * port so that every later start there fails; and {@code pg_ctl stop} gives up waiting after a few
 * seconds while the server may still be writing its shutdown checkpoint. Blocking; called off the
 * event loop.
 */
final class PostmasterProcess {
  private static final long FAST_SHUTDOWN_MS = 20_000;
  private static final long IMMEDIATE_SHUTDOWN_MS = 10_000;

  private PostmasterProcess() {
  }

  /**
   * Stops the server recorded in {@code pgdata/postmaster.pid} if it is alive and serves
   * {@code pgdata}, and returns only once it has exited; removes a lock file whose process is gone or
   * is no PostgreSQL of ours (a reused PID would otherwise make PostgreSQL refuse to start). Returns
   * the PID of the server it stopped, if there was one.
   */
  static OptionalLong stopIfRunning(Path pgdata) throws IOException {
    Path lockFile = pgdata.resolve("postmaster.pid");
    List<String> lines;
    try {
      lines = Files.readAllLines(lockFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
    Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty() : process(lines.get(0).trim());
    Optional<Boolean> ours = server.isEmpty() ? Optional.of(false) : servesDirectory(server.get(), pgdata);
    if (ours.isEmpty()) {
      throw new IOException(lockFile + " names process " + server.get().pid() + ", which this console may not "
          + "inspect; if it is no PostgreSQL on this directory, delete the file");
    }
    if (!ours.get()) {
      // PostgreSQL removes a stale lock itself, unless its PID now belongs to someone else
      Files.deleteIfExists(lockFile);
      return OptionalLong.empty();
    }
    ProcessHandle postmaster = server.get();
    signal(postmaster, "INT");
    if (!exited(postmaster, FAST_SHUTDOWN_MS)) {
      signal(postmaster, "QUIT");
      if (!exited(postmaster, IMMEDIATE_SHUTDOWN_MS)) {
        throw new IOException("the PostgreSQL server (pid " + postmaster.pid() + ") on " + pgdata
            + " did not stop; stop it and try again");
      }
    }
    return OptionalLong.of(postmaster.pid());
  }

  private static Optional<ProcessHandle> process(String pidText) {
    try {
      return ProcessHandle.of(Long.parseLong(pidText)).filter(PostmasterProcess::running);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the process works in the data directory (PostgreSQL chdirs there), or, where /proc cannot
   * say, is a postgres executable; empty when nothing can be learnt about it.
   */
  private static Optional<Boolean> servesDirectory(ProcessHandle process, Path pgdata) {
    try {
      Path cwd = Files.readSymbolicLink(Path.of("/proc", String.valueOf(process.pid()), "cwd"));
      return Optional.of(cwd.equals(pgdata.toRealPath()));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return process.info().command().map(c -> Path.of(c).getFileName().toString())
          .map(name -> name.equals("postgres") || name.equals("postmaster"));
    }
  }

  /** PostgreSQL's shutdown signals (INT: fast, QUIT: immediate) have no Java API; the shell's kill sends them. */
  private static void signal(ProcessHandle process, String signal) throws IOException {
    try {
      Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " \"$1\"", "kill",
          String.valueOf(process.pid())).redirectErrorStream(true).start();
      kill.getInputStream().readAllBytes();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        process.destroy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping a left-over PostgreSQL", e);
    }
  }

  private static boolean exited(ProcessHandle process, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (running(process) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !running(process);
      }
    }
    return !running(process);
  }

  /**
   * Alive and not a zombie: a server whose starter (pg_ctl) has exited belongs to PID 1, and where PID 1
   * does not reap (many containers), an exited server stays a zombie that {@link ProcessHandle#isAlive} counts.
   */
  private static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      int end = stat.lastIndexOf(')');
      return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
    } catch (IOException e) {
      return process.isAlive();
    }
  }
}
