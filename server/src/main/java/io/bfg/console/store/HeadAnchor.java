package io.bfg.console.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.bfg.console.eval.Checksums;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * The journal's head (seq and hash of its last event) kept in a file beside it, written after
 * every fsynced append. A hash chain proves each event follows the one before; only something
 * outside the chain can prove that no events were cut from its end.
 *
 * <p>The file holds two fixed-size slots, written alternately, each with its own checksum: a crash
 * while one is written leaves the other intact, so one in-place write and one fsync per append
 * suffice (no rename, no directory sync after creation). Blocking; the store calls it on its I/O
 * thread.
 */
final class HeadAnchor implements Closeable {

  /** The head an anchor records: {@code seq} 0 and the genesis hash for an empty journal. */
  record Head(long seq, String hash) {
  }

  private static final int SLOT_BYTES = 160;
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final Path file;
  private final FileChannel channel;
  private final boolean created;

  private HeadAnchor(Path file, FileChannel channel, boolean created) {
    this.file = file;
    this.channel = channel;
    this.created = created;
  }

  /** The anchor file of {@code journal}: {@code <journal>.head}. */
  static Path fileOf(Path journal) {
    return journal.resolveSibling(journal.getFileName() + ".head");
  }

  /** Opens the anchor, creating an empty one if there is none. */
  static HeadAnchor open(Path file) throws IOException {
    try {
      return new HeadAnchor(file, FileChannel.open(file, CREATE_NEW, READ, WRITE), true);
    } catch (FileAlreadyExistsException e) {
      return new HeadAnchor(file, FileChannel.open(file, READ, WRITE), false);
    }
  }

  /** Reads an anchor without opening it for writing; null when the file is missing or unreadable. */
  static Head peek(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, READ)) {
      return read(channel);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  Path file() {
    return file;
  }

  /** Whether {@link #open} created the file (its directory then needs a sync). */
  boolean created() {
    return created;
  }

  /** Whether nothing was ever written: a new anchor, not a damaged one. */
  boolean empty() throws IOException {
    return channel.size() == 0;
  }

  /** The newest valid slot; null when there is none (empty, or every slot torn or edited). */
  Head read() throws IOException {
    return read(channel);
  }

  /** Records {@code head} durably, in the slot the previous head does not occupy. */
  void write(Head head) throws IOException {
    ByteBuffer slot = ByteBuffer.wrap(slot(head));
    long position = (head.seq() % 2) * SLOT_BYTES;
    while (slot.hasRemaining()) {
      position += channel.write(slot, position);
    }
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static Head read(FileChannel channel) throws IOException {
    ByteBuffer all = ByteBuffer.allocate(2 * SLOT_BYTES);
    while (all.hasRemaining() && channel.read(all, all.position()) >= 0) {
      // read both slots, or what there is of them
    }
    byte[] bytes = Arrays.copyOf(all.array(), all.position());
    Head newest = null;
    for (int offset = 0; offset + SLOT_BYTES <= bytes.length; offset += SLOT_BYTES) {
      Head head = parse(Arrays.copyOfRange(bytes, offset, offset + SLOT_BYTES));
      if (head != null && (newest == null || head.seq() > newest.seq())) {
        newest = head;
      }
    }
    return newest;
  }

  private static byte[] slot(Head head) {
    String json = "{\"hash\":\"" + head.hash() + "\",\"seq\":" + head.seq() + ",\"sum\":\"" + sum(head) + "\"}";
    byte[] text = json.getBytes(StandardCharsets.US_ASCII);
    if (text.length >= SLOT_BYTES) {
      throw new IllegalArgumentException("head does not fit an anchor slot: " + json);
    }
    byte[] slot = new byte[SLOT_BYTES];
    Arrays.fill(slot, (byte) ' ');
    System.arraycopy(text, 0, slot, 0, text.length);
    slot[SLOT_BYTES - 1] = '\n';
    return slot;
  }

  /** Null for a slot that was never written, was torn by a crash, or was edited. */
  private static Head parse(byte[] slot) {
    try {
      JsonNode node = MAPPER.readTree(new String(slot, StandardCharsets.US_ASCII).trim());
      if (node == null || !node.path("seq").canConvertToLong() || !node.path("hash").isTextual()) {
        return null;
      }
      Head head = new Head(node.get("seq").longValue(), node.get("hash").textValue());
      return sum(head).equals(node.path("sum").asText()) ? head : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String sum(Head head) {
    return Checksums.sha256Hex((head.seq() + ":" + head.hash()).getBytes(StandardCharsets.US_ASCII))
        .substring(0, 16);
  }
}
