package io.bfg.console.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.AuditEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * {@link ScenarioStore} on one local NDJSON journal: one canonical-JSON event per line,
 * append-only, each line fsynced before its append completes, then its head recorded in a
 * {@link HeadAnchor} beside it. A crash can only leave a torn last line, which {@link #load()}
 * cuts off, or one event the anchor does not record yet, which it anchors. Anything else (a
 * changed, missing or extra event, a journal shorter than its anchor) is tampering: it is
 * reported by {@link #verify()} and {@link #checkHead()}, never repaired, and appends are refused.
 */
public final class FileLocalStore implements ScenarioStore {

  private static final System.Logger LOG = System.getLogger(FileLocalStore.class.getName());

  private final Path journalFile;
  private final Clock clock;
  // A single thread runs every file operation in submission order: appends from any context
  // are serialized without blocking an event loop, and verify never sees a half-written line.
  private final WorkerExecutor io;
  private volatile boolean closed;

  // Only touched on the io thread (and under this object's monitor, see below).
  private FileChannel channel;
  private FileLock lock;
  private HeadAnchor anchor;
  private long durableSize;
  private AuditEvent head;
  /** The journal's last line as this store read or wrote it, {@code '\n'} included; empty for no events. */
  private byte[] lastLine = new byte[0];
  private final List<String> hashes = new ArrayList<>();
  private ChainVerification broken;
  private StoreException failed;

  public FileLocalStore(Vertx vertx, Path journalFile, Clock clock) {
    this.journalFile = journalFile.toAbsolutePath();
    this.clock = clock;
    this.io = vertx.createSharedWorkerExecutor("file-local-store " + this.journalFile, 1);
  }

  @Override
  public String adapter() {
    return "file-local";
  }

  /** The journal file this store reads and writes. */
  public Path journal() {
    return journalFile;
  }

  @Override
  public Future<List<AuditEvent>> load() {
    return onIoThread("loading", this::loadBlocking);
  }

  @Override
  public Future<AuditEvent> append(String type, String actor, ObjectNode payload) {
    return onIoThread("appending to", () -> appendBlocking(type, actor, payload));
  }

  @Override
  public Future<ChainVerification> verify() {
    return onIoThread("verifying", this::verifyBlocking);
  }

  @Override
  public Future<ChainVerification> checkHead() {
    return onIoThread("checking", this::checkHeadBlocking);
  }

  @Override
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    Future<Void> released = onIoThread("closing", this::releaseBlocking);
    closed = true;
    return released.eventually(io::close);
  }

  // synchronized on top of the one-thread executor: mutual exclusion and visibility of the
  // fields then hold by construction, not by a pool size set elsewhere.

  private synchronized List<AuditEvent> loadBlocking() throws IOException {
    if (channel == null) {
      open();
    }
    byte[] bytes = readAll(channel);
    HeadAnchor.Head recorded = anchor.read();
    boolean unanchored = recorded == null && anchor.empty();
    JournalBytes.Examined examined = JournalBytes.examine(bytes, recorded);
    List<AuditEvent> events = examined.events();
    broken = examined.verification().valid() ? null : examined.verification();
    if (broken == null && recorded == null && !unanchored) {
      broken = ChainVerification.broken(events.size(), examined.verification().head(), events.size() + 1L,
          "event " + (events.size() + 1) + ": cannot be told missing or not: the head anchor " + anchor.file()
              + " is unreadable (an operator who trusts the journal may delete the anchor to anchor it afresh)");
    }
    if (broken == null) {
      mend(examined, bytes.length);
      if (unanchored && !events.isEmpty()) {
        LOG.log(System.Logger.Level.WARNING, "{0}: no head anchor beside the journal (written by an earlier "
            + "version, or deleted); anchoring it at event {1}", journalFile, events.size());
      }
      durableSize = examined.length();
    } else {
      LOG.log(System.Logger.Level.ERROR, "{0}: audit chain broken, appends refused: {1}",
          journalFile, broken.problem());
      durableSize = bytes.length;
    }
    head = events.isEmpty() ? null : events.get(events.size() - 1);
    lastLine = head == null ? new byte[0] : AuditChain.line(head);
    hashes.clear();
    events.forEach(event -> hashes.add(event.hash()));
    if (broken == null && !headOf(head).equals(recorded)) {
      anchor.write(headOf(head));
    }
    failed = null;
    return events;
  }

  /** Mends what a crash left at the end of an otherwise intact journal. */
  private void mend(JournalBytes.Examined examined, int size) throws IOException {
    switch (examined.repair()) {
      case CUT_TORN_TAIL -> {
        LOG.log(System.Logger.Level.WARNING,
            "{0}: dropped {1} bytes of an interrupted append after the last complete line",
            journalFile, size - examined.length());
        channel.truncate(examined.length());
        channel.force(true);
      }
      case ADD_NEWLINE -> {
        LOG.log(System.Logger.Level.WARNING,
            "{0}: the last event was complete but its line had no end; ended it", journalFile);
        channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
        channel.force(true);
      }
      case NONE -> {
        // nothing to mend
      }
    }
  }

  private static HeadAnchor.Head headOf(AuditEvent event) {
    return event == null ? new HeadAnchor.Head(0, AuditEvent.GENESIS_HASH) : new HeadAnchor.Head(event.seq(), event.hash());
  }

  private synchronized AuditEvent appendBlocking(String type, String actor, ObjectNode payload)
      throws IOException {
    if (channel == null) {
      throw new StoreException(StoreException.STORE_NOT_LOADED,
          "load() the store before appending to " + journalFile);
    }
    if (broken != null) {
      throw StoreException.chainBroken(broken);
    }
    if (failed != null) {
      throw failed;
    }
    ChainVerification changed = tailChangedBehindOurBack();
    if (changed != null) {
      throw StoreException.chainBroken(changed);
    }
    AuditEvent event = AuditChain.next(head, type, actor, clock.instant(), payload);
    ByteBuffer line = ByteBuffer.wrap(AuditChain.line(event));
    try {
      long position = durableSize;
      while (line.hasRemaining()) {
        position += channel.write(line, position);
      }
      channel.force(true);
    } catch (IOException e) {
      cutBackAfterFailedWrite(e);
      throw e;
    }
    durableSize += line.capacity();
    head = event;
    lastLine = line.array();
    hashes.add(event.hash());
    try {
      anchor.write(headOf(event));
    } catch (IOException e) {
      // the event is durable and is answered as such; one unanchored event is what a crash leaves,
      // a second would read as tampering, so nothing more is appended until a reload anchors it
      failed = new StoreException(StoreException.STORE_IO, "the head anchor " + anchor.file()
          + " could not be written after event " + event.seq() + "; load() the store again before appending", e);
      LOG.log(System.Logger.Level.ERROR, failed.getMessage(), e);
    }
    return event;
  }

  private synchronized ChainVerification checkHeadBlocking() throws IOException {
    if (channel == null) {
      throw new StoreException(StoreException.STORE_NOT_LOADED, "load() the store before checking " + journalFile);
    }
    if (broken != null) {
      return broken;
    }
    if (failed != null) {
      throw failed;
    }
    ChainVerification changed = tailChangedBehindOurBack();
    return changed != null ? changed : ChainVerification.intact(hashes.size(), headOf(head).hash());
  }

  /**
   * Null while the journal still ends exactly where this store left it (its size and last line),
   * which costs a stat and one short read; otherwise the whole journal is verified again, and the
   * verdict stops appends.
   */
  private ChainVerification tailChangedBehindOurBack() throws IOException {
    if (channel.size() == durableSize) {
      ByteBuffer tail = ByteBuffer.allocate(lastLine.length);
      long position = durableSize - lastLine.length;
      while (tail.hasRemaining() && channel.read(tail, position + tail.position()) >= 0) {
        // read the last line back
      }
      if (Arrays.equals(tail.array(), lastLine)) {
        return null;
      }
    }
    ChainVerification verdict = verifyBlocking();
    if (verdict.valid()) {
      // the bytes differ yet the chain and this store's own record agree: treat it as tampering anyway
      verdict = ChainVerification.broken(verdict.length(), verdict.head(), verdict.length() + 1,
          "event " + (verdict.length() + 1) + ": the journal's end changed behind the console's back");
      broken = verdict;
    }
    return verdict;
  }

  private void cutBackAfterFailedWrite(IOException cause) {
    // A partial line left in place would glue itself to the next append and read as tampering;
    // if it cannot be cut off, stop appending until a reload repairs the journal.
    try {
      channel.truncate(durableSize);
      channel.force(true);
    } catch (IOException e) {
      cause.addSuppressed(e);
      failed = new StoreException(StoreException.STORE_IO, "a failed write to " + journalFile
          + " could not be undone; load() the store again before appending", cause);
    }
  }

  private synchronized ChainVerification verifyBlocking() throws IOException {
    ChainVerification result = verifyDisk();
    if (!result.valid() && channel != null && broken == null) {
      // once tampering is seen, the running console stops extending the chain, as a restart would
      broken = result;
      LOG.log(System.Logger.Level.ERROR, "{0}: audit chain broken, appends refused: {1}",
          journalFile, broken.problem());
    }
    return result;
  }

  private ChainVerification verifyDisk() throws IOException {
    if (channel == null) {
      // not loaded: judge the file and its anchor as a load would, mending nothing
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(journalFile);
      } catch (NoSuchFileException e) {
        bytes = new byte[0];
      }
      return JournalBytes.examine(bytes, HeadAnchor.peek(HeadAnchor.fileOf(journalFile))).verification();
    }
    // through the locked channel: opening and closing a second handle would drop the file lock
    byte[] bytes = readAll(channel);
    int complete = JournalBytes.completeLength(bytes);
    AuditChain.Verified onDisk = AuditChain.verify(JournalBytes.lines(bytes, complete));
    ChainVerification chain = onDisk.verification();
    if (!chain.valid()) {
      return chain;
    }
    if (complete < bytes.length) {
      // load() already mended what a crash left, and this store writes whole lines
      return ChainVerification.broken(chain.length(), chain.head(), chain.length() + 1,
          "event " + (chain.length() + 1) + ": incomplete line after the last event");
    }
    // a break found earlier that the chain alone cannot show (the anchor's) stays the verdict
    return broken != null ? broken : compareWithWritten(onDisk.events(), chain);
  }

  /**
   * The chain alone cannot notice whole events cut from its end, or a rewrite that re-hashed
   * every event; what this store itself loaded and wrote can.
   */
  private ChainVerification compareWithWritten(List<AuditEvent> disk, ChainVerification chain) {
    int common = Math.min(disk.size(), hashes.size());
    for (int i = 0; i < common; i++) {
      if (!disk.get(i).hash().equals(hashes.get(i))) {
        return ChainVerification.broken(i, i == 0 ? AuditEvent.GENESIS_HASH : hashes.get(i - 1),
            i + 1L, "event " + (i + 1) + ": differs from the event this store wrote");
      }
    }
    if (disk.size() == hashes.size()) {
      return chain;
    }
    String commonHead = common == 0 ? AuditEvent.GENESIS_HASH : hashes.get(common - 1);
    String problem = disk.size() < hashes.size()
        ? "missing from the journal although this store wrote it"
        : "was not written by this store";
    return ChainVerification.broken(common, commonHead, common + 1L,
        "event " + (common + 1) + ": " + problem);
  }

  private synchronized Void releaseBlocking() throws IOException {
    if (channel != null) {
      try (FileChannel open = channel; HeadAnchor openAnchor = anchor) {
        lock.release();
      } finally {
        channel = null;
        lock = null;
        anchor = null;
      }
    }
    return null;
  }

  private void open() throws IOException {
    Path dir = journalFile.getParent();
    Files.createDirectories(dir);
    FileChannel opened;
    boolean created;
    try {
      opened = FileChannel.open(journalFile, CREATE_NEW, READ, WRITE);
      created = true;
    } catch (FileAlreadyExistsException e) {
      opened = FileChannel.open(journalFile, READ, WRITE);
      created = false;
    }
    try {
      // A second writer would fork the head; the lock keeps other stores and processes out.
      FileLock acquired = tryLock(opened);
      if (created) {
        opened.force(true);
        syncDirectory(dir);
      }
      HeadAnchor opening = HeadAnchor.open(HeadAnchor.fileOf(journalFile));
      if (opening.created()) {
        syncDirectory(dir);
      }
      channel = opened;
      lock = acquired;
      anchor = opening;
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  private FileLock tryLock(FileChannel opened) throws IOException {
    FileLock acquired;
    try {
      acquired = opened.tryLock();
    } catch (OverlappingFileLockException e) {
      acquired = null;
    }
    if (acquired == null) {
      throw new StoreException(StoreException.STORE_LOCKED,
          journalFile + " is already open in another store or process");
    }
    return acquired;
  }

  static void syncDirectory(Path dir) {
    // A new file's name is durable only once its directory is synced too.
    try (FileChannel directory = FileChannel.open(dir, READ)) {
      directory.force(true);
    } catch (IOException e) {
      // Some filesystems refuse to open or sync a directory; the file's own fsync is all we have.
    }
  }

  private static byte[] readAll(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException("journal is larger than 2 GB");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
      // read until full or end of file
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  @FunctionalInterface
  private interface IoTask<T> {
    T run() throws IOException;
  }

  private <T> Future<T> onIoThread(String action, IoTask<T> task) {
    if (closed) {
      return Future.failedFuture(new StoreException(StoreException.STORE_NOT_LOADED,
          journalFile + " is closed"));
    }
    return io.executeBlocking(() -> {
      try {
        return task.run();
      } catch (IOException e) {
        throw new StoreException(StoreException.STORE_IO,
            action + " " + journalFile + " failed: " + e, e);
      }
    }, false);
  }
}
