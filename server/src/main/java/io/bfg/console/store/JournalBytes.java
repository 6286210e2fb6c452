package io.bfg.console.store;

import io.bfg.console.model.AuditEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a journal's bytes prove, held against its head anchor. Pure: the file store reads the bytes
 * and the anchor, this decides which events are trustworthy and what a crash may have left to mend.
 *
 * <p>A crash can leave only two things behind: part of the line being appended (bytes after the
 * last {@code '\n'} that are not an event), or a whole appended event that the anchor does not
 * record yet (the journal is fsynced before the anchor is written). Anything else that differs
 * between the journal and its anchor is tampering: a journal shorter than its anchor lost events
 * from its end, and no repair may hide that.
 */
public final class JournalBytes {

  private JournalBytes() {
  }

  /** What {@link #examine} found to mend at the end of the file. */
  public enum Repair {
    /** The file ends with a complete line. */
    NONE,
    /** The bytes after the last complete line are a torn append: cut them off. */
    CUT_TORN_TAIL,
    /** The last event is complete and follows the chain but lost its {@code '\n'}: add it. */
    ADD_NEWLINE
  }

  /**
   * @param events       the trustworthy events, in order
   * @param verification the verdict on the whole journal, anchor included
   * @param repair       what to mend; always {@link Repair#NONE} when the verdict is broken, so
   *                     the evidence of tampering stays on disk as it was found
   * @param length       the file's length once mended
   */
  public record Examined(List<AuditEvent> events, ChainVerification verification, Repair repair, int length) {
  }

  /**
   * Examines a journal. {@code anchor} is the head recorded outside the journal, or null when
   * there is none to hold it against (a journal older than anchors).
   */
  public static Examined examine(byte[] bytes, HeadAnchor.Head anchor) {
    int complete = completeLength(bytes);
    List<byte[]> lines = lines(bytes, complete);
    AuditChain.Verified verified = AuditChain.verify(lines);
    if (!verified.verification().valid()) {
      return new Examined(verified.events(), verified.verification(), Repair.NONE, bytes.length);
    }
    List<AuditEvent> events = verified.events();
    Repair repair = Repair.NONE;
    int length = complete;
    if (complete < bytes.length) {
      List<byte[]> withTail = new ArrayList<>(lines);
      withTail.add(Arrays.copyOfRange(bytes, complete, bytes.length));
      AuditChain.Verified extended = AuditChain.verify(withTail);
      if (extended.verification().valid()) {
        events = extended.events();
        repair = Repair.ADD_NEWLINE;
        length = bytes.length + 1;
      } else {
        repair = Repair.CUT_TORN_TAIL;
      }
    }
    ChainVerification againstAnchor = anchor == null ? null : againstAnchor(events, anchor);
    if (againstAnchor != null) {
      return new Examined(events.subList(0, (int) againstAnchor.length()), againstAnchor, Repair.NONE,
          bytes.length);
    }
    String head = events.isEmpty() ? AuditEvent.GENESIS_HASH : events.get(events.size() - 1).hash();
    return new Examined(events, ChainVerification.intact(events.size(), head), repair, length);
  }

  /** Null when the events agree with the anchor, else the verdict naming how they differ. */
  private static ChainVerification againstAnchor(List<AuditEvent> events, HeadAnchor.Head anchor) {
    long length = events.size();
    if (length < anchor.seq()) {
      return ChainVerification.broken(length, headOf(events, length), length + 1,
          "event " + (length + 1) + ": missing: the journal ends at event " + length + " but its head anchor "
              + "records event " + anchor.seq() + " (events were removed from the end of the journal)");
    }
    if (anchor.seq() > 0 && !events.get((int) anchor.seq() - 1).hash().equals(anchor.hash())) {
      return ChainVerification.broken(anchor.seq() - 1, headOf(events, anchor.seq() - 1), anchor.seq(),
          "event " + anchor.seq() + ": differs from the event its head anchor records");
    }
    if (length > anchor.seq() + 1) {
      // a crash between the journal's fsync and the anchor's leaves one unanchored event, never two
      return ChainVerification.broken(anchor.seq() + 1, headOf(events, anchor.seq() + 1), anchor.seq() + 2,
          "event " + (anchor.seq() + 2) + ": not recorded by the head anchor, which ends at event "
              + anchor.seq() + " (events were added to the journal behind the console's back)");
    }
    return null;
  }

  private static String headOf(List<AuditEvent> events, long length) {
    return length == 0 ? AuditEvent.GENESIS_HASH : events.get((int) length - 1).hash();
  }

  /** Bytes up to and including the last {@code '\n'}. */
  static int completeLength(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return 0;
  }

  /** The lines (without their {@code '\n'}) of the first {@code complete} bytes. */
  static List<byte[]> lines(byte[] bytes, int complete) {
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
}
