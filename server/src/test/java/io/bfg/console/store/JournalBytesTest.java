package io.bfg.console.store;

import io.bfg.console.model.AuditEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.bfg.console.store.Journals.NOW;
import static io.bfg.console.store.Journals.payload;
import static org.assertj.core.api.Assertions.assertThat;

class JournalBytesTest {

  private static final int EVENTS = 4;

  private final List<AuditEvent> events = new ArrayList<>();
  private final byte[] journal;

  JournalBytesTest() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AuditEvent head = null;
    for (int i = 1; i <= EVENTS; i++) {
      head = AuditChain.next(head, "check.accepted", "user_md_anna", NOW, payload(i));
      events.add(head);
      bytes.writeBytes(AuditChain.line(head));
    }
    journal = bytes.toByteArray();
  }

  private HeadAnchor.Head anchorAt(int seq) {
    return seq == 0 ? new HeadAnchor.Head(0, AuditEvent.GENESIS_HASH)
        : new HeadAnchor.Head(seq, events.get(seq - 1).hash());
  }

  @Test
  @DisplayName("Against its anchor, every prefix of a journal is tampering except the whole and the whole without its final newline")
  void everyPrefixAgainstTheAnchor() {
    for (int length = 0; length <= journal.length; length++) {
      JournalBytes.Examined examined = JournalBytes.examine(Arrays.copyOf(journal, length), anchorAt(EVENTS));
      if (length >= journal.length - 1) {
        assertThat(examined.verification()).as("%d bytes", length)
            .isEqualTo(ChainVerification.intact(EVENTS, events.get(EVENTS - 1).hash()));
        assertThat(examined.events()).isEqualTo(events);
        assertThat(examined.repair()).isEqualTo(length == journal.length ? JournalBytes.Repair.NONE
            : JournalBytes.Repair.ADD_NEWLINE);
        assertThat(examined.length()).isEqualTo(journal.length);
      } else {
        assertThat(examined.verification().valid()).as("%d bytes", length).isFalse();
        assertThat(examined.repair()).as("tampering is never mended").isEqualTo(JournalBytes.Repair.NONE);
        assertThat(examined.events()).hasSizeLessThan(EVENTS);
        assertThat(examined.verification().firstBad()).isEqualTo(examined.events().size() + 1L);
      }
    }
  }

  @Test
  @DisplayName("With the anchor one event behind (a crash between the journal's fsync and the anchor's), a torn append is cut and a whole one kept")
  void crashLeftovers() {
    int withoutLast = journal.length - AuditChain.line(events.get(EVENTS - 1)).length;
    for (int length = withoutLast; length <= journal.length; length++) {
      JournalBytes.Examined examined = JournalBytes.examine(Arrays.copyOf(journal, length), anchorAt(EVENTS - 1));
      assertThat(examined.verification().valid()).as("%d bytes", length).isTrue();
      boolean whole = length >= journal.length - 1;
      assertThat(examined.events()).hasSize(whole ? EVENTS : EVENTS - 1);
      assertThat(examined.repair()).isEqualTo(length == withoutLast || length == journal.length
          ? JournalBytes.Repair.NONE : whole ? JournalBytes.Repair.ADD_NEWLINE : JournalBytes.Repair.CUT_TORN_TAIL);
      assertThat(examined.length()).isEqualTo(whole ? journal.length : withoutLast);
    }
  }

  @Test
  @DisplayName("An anchor whose hash differs from the event at its seq is reported at that event")
  void anchorHashDiffers() {
    JournalBytes.Examined examined = JournalBytes.examine(journal, new HeadAnchor.Head(3, events.get(1).hash()));

    assertThat(examined.verification().valid()).isFalse();
    assertThat(examined.verification().firstBad()).isEqualTo(3L);
    assertThat(examined.events()).isEqualTo(events.subList(0, 2));
  }

  @Test
  @DisplayName("Without an anchor (a journal older than anchors) only the chain judges: a prefix of whole events verifies")
  void noAnchor() {
    int threeEvents = journal.length - AuditChain.line(events.get(EVENTS - 1)).length;

    JournalBytes.Examined examined = JournalBytes.examine(Arrays.copyOf(journal, threeEvents), null);

    assertThat(examined.verification()).isEqualTo(ChainVerification.intact(3, events.get(2).hash()));
  }
}
