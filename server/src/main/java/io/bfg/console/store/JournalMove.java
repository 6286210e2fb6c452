package io.bfg.console.store;

import io.bfg.console.model.AuditEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Moves one scenario's journal between the file store and PostgreSQL, either way (file to postgres is
 * the cutover, postgres to file its rollback). The events are copied as they are, never appended
 * anew, so every hash, the head included, is the same on both sides.
 *
 * <ol>
 *   <li>The source is loaded and verified as a console would; a broken chain is refused, naming its
 *       first bad event, and nothing is copied.</li>
 *   <li>The destination is loaded and verified too. It may be empty, or hold the start of the same
 *       chain (an interrupted move, or the journal a rollback returns to): then only the missing events
 *       are copied. The whole chain already there changes nothing. Anything else is refused.</li>
 *   <li>The destination is loaded afresh and verified, and its head compared with the source's.</li>
 * </ol>
 *
 * <p>A file destination is written whole beside the journal, then renamed over it, then anchored
 * ({@link HeadAnchor}); its old anchor is removed first, so a crash at any step leaves either journal
 * valid (a journal without an anchor is anchored by the next load). A postgres destination takes the
 * events in transactions of {@link #BATCH}, so a crash leaves a shorter chain the next run resumes.
 *
 * <p>No console may write to either side meanwhile. A file journal is locked while it is open, so a
 * console running on it makes the move fail; a postgres source is read again at the end, and events a
 * console appended during the move fail it ({@link #SOURCE_CHANGED}) with the copied part kept.
 */
public final class JournalMove {

  /** Events per transaction on a postgres destination, and between progress reports at most. */
  static final int BATCH = 500;

  /** The destination holds other events than the start of the source's chain. */
  public static final String DESTINATION_DIFFERS = "DESTINATION_DIFFERS";
  /** The source holds no events (a wrong data dir or scenario, most likely). */
  public static final String SOURCE_EMPTY = "SOURCE_EMPTY";
  /** A console appended to the source while it was being moved. */
  public static final String SOURCE_CHANGED = "SOURCE_CHANGED";
  /** After copying, the destination's chain does not end where the source's does. */
  public static final String DESTINATION_MISMATCH = "DESTINATION_MISMATCH";

  /**
   * Where a journal lives: how to open its store (not loaded) and how messages name it (never with a
   * password). The console's own store configuration opens it, so a move reads and writes exactly
   * what a console on that side would.
   */
  public record Side(String description, Supplier<Future<ScenarioStore>> opener, Runnable release) {

    /** A side that holds nothing beyond its store. */
    public Side(String description, Supplier<Future<ScenarioStore>> opener) {
      this(description, opener, () -> { });
    }

    /** The file store's journal, e.g. {@code <data dir>/<scenario>/audit.ndjson}. */
    public static Side file(Vertx vertx, Path journal) {
      return new Side("file " + journal, () -> Future.succeededFuture(new FileLocalStore(vertx, journal,
          Clock.systemUTC())));
    }

    /** One scenario's journal in a postgres store with these settings. */
    public static Side postgres(Vertx vertx, PgStoreSettings settings, String scenarioId) {
      return new Side("postgres " + settings.owner().redacted() + " (scenario " + scenarioId + ")",
          () -> Future.succeededFuture(new PgScenarioStore(vertx, settings, scenarioId, Clock.systemUTC())));
    }
  }

  /**
   * What a move did.
   *
   * @param held   events the destination held before (the prefix a move resumed after)
   * @param copied events copied now; 0 when the destination held the whole chain already
   * @param seq    the head's seq on both sides
   * @param head   the head's hash on both sides
   */
  public record Outcome(long held, long copied, long seq, String head) {
  }

  /** Told the destination's head every so often while events are copied, and once at the end. */
  @FunctionalInterface
  public interface Progress {
    void copied(long seq, long lastSeq);
  }

  private JournalMove() {
  }

  /**
   * Moves {@code from}'s journal to {@code to}, reporting progress every {@code every} events.
   * Fails with a {@link StoreException} whose code says why (one of this class's codes,
   * {@link StoreException#AUDIT_CHAIN_BROKEN} for a broken chain on either side, STORE_LOCKED for a
   * file journal a console holds, STORE_UNAVAILABLE for a postgres store that does not answer).
   */
  public static Future<Outcome> run(Vertx vertx, Side from, Side to, long every, Progress progress) {
    return from.opener().get().compose(source -> loadVerified(source, from, "source")
        .compose(events -> events.isEmpty()
            ? Future.failedFuture(new StoreException(SOURCE_EMPTY, from.description() + " holds no events: "
                + "nothing to move (check the data dir and the scenario)"))
            : copyInto(vertx, events, to, every, progress).compose(outcome -> unchangedSince(source, outcome, to)))
        .eventually(source::close))
        .compose(outcome -> checked(to, outcome));
  }

  private static Future<List<AuditEvent>> loadVerified(ScenarioStore store, Side side, String role) {
    // a file store creates a missing journal on load; a source that is not there must stay not there
    if ("source".equals(role) && store instanceof FileLocalStore file && !Files.exists(file.journal())) {
      return Future.failedFuture(new StoreException(SOURCE_EMPTY, "there is no journal at " + file.journal()
          + ": nothing to move (check the data dir and the scenario)"));
    }
    return store.load()
        .recover(failure -> Future.failedFuture(failure instanceof StoreException e
            && StoreException.STORE_LOCKED.equals(e.code())
            ? new StoreException(StoreException.STORE_LOCKED, "the " + role + " " + side.description() + " is open in "
                + "another process: stop the console on this data dir before moving its journal", e)
            : failure))
        .compose(events -> store.verify().compose(verdict -> verdict.valid() ? Future.succeededFuture(events)
            : Future.failedFuture(new StoreException(StoreException.AUDIT_CHAIN_BROKEN, "the " + role + " "
                + side.description() + " is broken at event " + verdict.firstBad() + " (" + verdict.problem()
                + "); nothing was copied"))));
  }

  private static Future<Outcome> copyInto(Vertx vertx, List<AuditEvent> events, Side to, long every,
                                          Progress progress) {
    return to.opener().get().compose(destination -> loadVerified(destination, to, "destination")
        .compose(held -> {
          String differs = differs(held, events);
          if (differs != null) {
            return Future.failedFuture(new StoreException(DESTINATION_DIFFERS, "the destination " + to.description()
                + " already holds another journal (" + differs + "); refusing to overwrite it: move it aside or "
                + "choose an empty destination"));
          }
          AuditEvent last = events.get(events.size() - 1);
          Outcome outcome = new Outcome(held.size(), events.size() - held.size(), last.seq(), last.hash());
          if (held.size() == events.size()) {
            return Future.succeededFuture(outcome);
          }
          return copy(vertx, destination, events, held.size(), every, progress).map(outcome);
        })
        .eventually(destination::close));
  }

  private static Future<Void> copy(Vertx vertx, ScenarioStore destination, List<AuditEvent> events, int held,
                                   long every, Progress progress) {
    if (destination instanceof PgScenarioStore pg) {
      return inBatches(pg, events, held, every, progress);
    }
    if (destination instanceof FileLocalStore file) {
      return vertx.executeBlocking(() -> {
        writeWhole(file.journal(), events, held, every, progress);
        return null;
      }, false);
    }
    return Future.failedFuture(new IllegalArgumentException("cannot copy events into a " + destination.adapter()
        + " store"));
  }

  /** Null when {@code held} is the start of {@code events}, else how it is not. */
  static String differs(List<AuditEvent> held, List<AuditEvent> events) {
    int common = Math.min(held.size(), events.size());
    for (int i = 0; i < common; i++) {
      if (!held.get(i).hash().equals(events.get(i).hash())) {
        return "its event " + (i + 1) + " differs from the source's";
      }
    }
    return held.size() > events.size()
        ? "it has " + held.size() + " events, the source " + events.size() : null;
  }

  private static Future<Void> inBatches(PgScenarioStore destination, List<AuditEvent> events, int from,
                                        long every, Progress progress) {
    if (from == events.size()) {
      return Future.succeededFuture();
    }
    // never more than one report's worth per transaction, so progress shows every N events
    int to = (int) Math.min(events.size(), from + Math.min(BATCH, every));
    long lastSeq = events.get(events.size() - 1).seq();
    return destination.appendCopies(events.subList(from, to)).compose(ignored -> {
      if (to == events.size() || to / every > from / every) {
        progress.copied(to, lastSeq);
      }
      return inBatches(destination, events, to, every, progress);
    });
  }

  /** Blocking: the whole journal beside the old one, then renamed over it, then anchored. */
  private static void writeWhole(Path journal, List<AuditEvent> events, int held, long every, Progress progress)
      throws IOException {
    Path dir = journal.getParent();
    Path moving = journal.resolveSibling(journal.getFileName() + ".moving");
    long lastSeq = events.get(events.size() - 1).seq();
    try (FileChannel channel = FileChannel.open(moving, CREATE, TRUNCATE_EXISTING, WRITE);
         OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
      for (int i = 0; i < events.size(); i++) {
        out.write(AuditChain.line(events.get(i)));
        if (i >= held && ((i + 1) % every == 0 || i + 1 == events.size())) {
          progress.copied(i + 1, lastSeq);
        }
      }
      out.flush();
      channel.force(true);
    }
    FileLocalStore.syncDirectory(dir);
    // an old anchor beside the new journal would read as tampering; a journal without one is anchored
    // by its next load, so from here a crash leaves the old journal or the new one, each valid
    Files.deleteIfExists(HeadAnchor.fileOf(journal));
    FileLocalStore.syncDirectory(dir);
    Files.move(moving, journal, ATOMIC_MOVE, REPLACE_EXISTING);
    FileLocalStore.syncDirectory(dir);
    AuditEvent last = events.get(events.size() - 1);
    try (HeadAnchor anchor = HeadAnchor.open(HeadAnchor.fileOf(journal))) {
      anchor.write(new HeadAnchor.Head(last.seq(), last.hash()));
    }
    FileLocalStore.syncDirectory(dir);
  }

  /** A postgres source may have a console still appending; a file source is locked meanwhile. */
  private static Future<Outcome> unchangedSince(ScenarioStore source, Outcome outcome, Side to) {
    if (!(source instanceof PgScenarioStore pg)) {
      return Future.succeededFuture(outcome);
    }
    return pg.readAfter(outcome.seq()).compose(added -> added.isEmpty() ? Future.succeededFuture(outcome)
        : Future.failedFuture(new StoreException(SOURCE_CHANGED, added.size() + " events were appended to the "
            + "source during the move (a console is still running on it); " + to.description() + " holds the chain "
            + "up to event " + outcome.seq() + ": stop every console on this scenario and run the move again "
            + "to copy the rest")));
  }

  /** Loads the destination afresh, as a console starting on it would, and holds it against the source. */
  private static Future<Outcome> checked(Side to, Outcome outcome) {
    return to.opener().get().compose(destination -> destination.load()
        .compose(ignored -> destination.verify())
        .compose(verdict -> {
          if (!verdict.valid()) {
            return Future.<Outcome>failedFuture(new StoreException(StoreException.AUDIT_CHAIN_BROKEN, "after the "
                + "move, " + to.description() + " is broken at event " + verdict.firstBad() + " (" + verdict.problem()
                + ")"));
          }
          if (verdict.length() != outcome.seq() || !verdict.head().equals(outcome.head())) {
            return Future.<Outcome>failedFuture(new StoreException(DESTINATION_MISMATCH, "after the move, "
                + to.description() + " ends at event " + verdict.length() + " (" + verdict.head() + "), the source at "
                + "event " + outcome.seq() + " (" + outcome.head() + ")"));
          }
          return Future.succeededFuture(outcome);
        })
        .eventually(destination::close));
  }
}
