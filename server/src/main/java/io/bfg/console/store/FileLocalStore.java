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
 * append-only, each line fsynced before its append completes. A crash can only leave an
 * incomplete last line (no {@code '\n'} yet); {@link #load()} cuts it off. Anything else that
 * is wrong with a complete line is tampering, which {@link #verify()} reports.
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
  private long durableSize;
  private AuditEvent head;
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
    int complete = completeLength(bytes);
    if (complete < bytes.length) {
      LOG.log(System.Logger.Level.WARNING,
          "{0}: dropped {1} bytes of an interrupted append after the last complete line",
          journalFile, bytes.length - complete);
      channel.truncate(complete);
      channel.force(true);
    }
    AuditChain.Verified verified = AuditChain.verify(lines(bytes, complete));
    List<AuditEvent> events = verified.events();
    durableSize = complete;
    head = events.isEmpty() ? null : events.get(events.size() - 1);
    hashes.clear();
    events.forEach(event -> hashes.add(event.hash()));
    broken = verified.verification().valid() ? null : verified.verification();
    failed = null;
    if (broken != null) {
      LOG.log(System.Logger.Level.ERROR, "{0}: audit chain broken, appends refused: {1}",
          journalFile, broken.problem());
    }
    return events;
  }

  private synchronized AuditEvent appendBlocking(String type, String actor, ObjectNode payload)
      throws IOException {
    if (channel == null) {
      throw new StoreException(StoreException.STORE_NOT_LOADED,
          "load() the store before appending to " + journalFile);
    }
    if (broken != null) {
      throw new StoreException(StoreException.AUDIT_CHAIN_BROKEN,
          "the audit chain is broken at event " + broken.firstBad() + " (" + broken.problem()
              + "); refusing to extend it");
    }
    if (failed != null) {
      throw failed;
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
    hashes.add(event.hash());
    return event;
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
    byte[] bytes;
    if (channel != null) {
      // through the locked channel: opening and closing a second handle would drop the file lock
      bytes = readAll(channel);
    } else {
      try {
        bytes = Files.readAllBytes(journalFile);
      } catch (NoSuchFileException e) {
        bytes = new byte[0];
      }
    }
    int complete = completeLength(bytes);
    AuditChain.Verified onDisk = AuditChain.verify(lines(bytes, complete));
    ChainVerification chain = onDisk.verification();
    if (!chain.valid()) {
      return chain;
    }
    if (complete < bytes.length) {
      // load() already removed any interrupted append, so these bytes came from elsewhere.
      return ChainVerification.broken(chain.length(), chain.head(), chain.length() + 1,
          "event " + (chain.length() + 1) + ": incomplete line after the last event");
    }
    return channel == null || broken != null ? chain : compareWithWritten(onDisk.events(), chain);
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
      try (FileChannel open = channel) {
        lock.release();
      } finally {
        channel = null;
        lock = null;
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
      channel = opened;
      lock = acquired;
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

  private static void syncDirectory(Path dir) {
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

  /** Bytes up to and including the last {@code '\n'}: everything after it is a torn append. */
  private static int completeLength(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return 0;
  }

  private static List<byte[]> lines(byte[] bytes, int complete) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < complete; i++) {
      if (bytes[i] == '\n') {
        lines.add(Arrays.copyOfRange(bytes, start, i));
        start = i + 1;
      }
    }
    return lines;
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
