package io.bfg.console.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ids that no longer stand although their sealed cookies still open: sessions signed out, and login
 * transactions already used. Each is kept until the cookie would have expired anyway, in memory and in
 * {@code <data dir>/sessions-revoked} (one {@code <id> <expiry epoch seconds>} line each, appended and
 * synced before the sign-out is answered), so a restart keeps every logout. Loading drops the entries
 * that have expired and rewrites the file without them.
 *
 * <p>One console reads this file; consoles behind a load balancer do not share it yet (the shared store
 * will hold it).
 */
public final class SessionRevocations {

  public static final String FILE = "sessions-revoked";

  private final Vertx vertx;
  private final Clock clock;
  private final FileChannel journal;
  private final Map<String, Instant> revoked;

  private SessionRevocations(Vertx vertx, Clock clock, FileChannel journal, Map<String, Instant> revoked) {
    this.vertx = vertx;
    this.clock = clock;
    this.journal = journal;
    this.revoked = revoked;
  }

  /** Reads the list under {@code dataDir}, pruned of what has expired, and opens it for appending. */
  public static Future<SessionRevocations> load(Vertx vertx, Path dataDir, Clock clock) {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(dataDir);
      Path file = dataDir.resolve(FILE);
      Instant now = clock.instant();
      Map<String, Instant> kept = new ConcurrentHashMap<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] fields = line.trim().split(" ");
          // a line cut short by a crash mid-append is simply not an entry
          if (fields.length == 2 && fields[1].matches("\\d{1,12}")) {
            Instant expiry = Instant.ofEpochSecond(Long.parseLong(fields[1]));
            if (expiry.isAfter(now)) {
              kept.put(fields[0], expiry);
            }
          }
        }
      }
      Path fresh = dataDir.resolve(FILE + ".tmp");
      List<String> lines = new ArrayList<>();
      kept.forEach((id, expiry) -> lines.add(line(id, expiry)));
      Files.write(fresh, lines, StandardCharsets.UTF_8);
      try (FileChannel sync = FileChannel.open(fresh, StandardOpenOption.WRITE)) {
        sync.force(true);
      }
      Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      FileChannel journal = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new SessionRevocations(vertx, clock, journal, kept);
    });
  }

  public boolean isRevoked(String id) {
    return revoked.containsKey(id);
  }

  /**
   * Revokes {@code id} until {@code expiresAt}: at once in this console, and durably once the future
   * succeeds. False when it was revoked already (a login transaction used twice).
   */
  public Future<Boolean> revoke(String id, Instant expiresAt) {
    if (id.isEmpty() || id.contains(" ") || id.contains("\n")) {
      throw new IllegalArgumentException("not an id: " + id);
    }
    if (revoked.putIfAbsent(id, expiresAt) != null) {
      return Future.succeededFuture(false);
    }
    Instant now = clock.instant();
    revoked.values().removeIf(expiry -> !expiry.isAfter(now));
    ByteBuffer entry = ByteBuffer.wrap((line(id, expiresAt) + "\n").getBytes(StandardCharsets.UTF_8));
    return vertx.executeBlocking(() -> {
      append(entry);
      return true;
    });
  }

  private synchronized void append(ByteBuffer entry) throws IOException {
    while (entry.hasRemaining()) {
      journal.write(entry);
    }
    journal.force(false);
  }

  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      synchronized (this) {
        journal.close();
      }
      return null;
    });
  }

  private static String line(String id, Instant expiry) {
    return id + " " + expiry.getEpochSecond();
  }
}
