package io.bfg.console.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.AuditEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.bfg.console.store.Journals.NOW;
import static io.bfg.console.store.Journals.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditChainTest {

  private static List<AuditEvent> chain(int length) {
    List<AuditEvent> events = new ArrayList<>();
    AuditEvent head = null;
    for (int i = 1; i <= length; i++) {
      head = AuditChain.next(head, "check.accepted", "user_md_anna", NOW.plusSeconds(i), payload(i));
      events.add(head);
    }
    return events;
  }

  private static List<byte[]> lines(List<AuditEvent> events) {
    List<byte[]> lines = new ArrayList<>();
    for (AuditEvent event : events) {
      byte[] line = AuditChain.line(event);
      lines.add(Arrays.copyOf(line, line.length - 1));
    }
    return lines;
  }

  @Test
  @DisplayName("The hash is the SHA-256 of the canonical JSON of exactly seq, type, actor, at, payload and prevHash")
  void hashRule() {
    AuditEvent event = AuditChain.next(null, "check.accepted", "user_md_anna", NOW, payload(1));

    ObjectNode expected = JsonNodeFactory.instance.objectNode();
    expected.put("seq", 1L);
    expected.put("type", "check.accepted");
    expected.put("actor", "user_md_anna");
    expected.put("at", "2026-11-23T10:15:30Z");
    expected.set("payload", payload(1));
    expected.put("prevHash", AuditEvent.GENESIS_HASH);
    assertThat(event.hash()).isEqualTo(Checksums.sha256(expected)).hasSize(64);
    assertThat(AuditChain.hash(event)).isEqualTo(event.hash());
  }

  @Test
  @DisplayName("Each event follows its head: seq plus one and prevHash is the head's hash, starting from genesis")
  void nextLinksToHead() {
    List<AuditEvent> events = chain(3);

    assertThat(events).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L);
    assertThat(events.get(0).prevHash()).isEqualTo(AuditEvent.GENESIS_HASH);
    assertThat(events.get(1).prevHash()).isEqualTo(events.get(0).hash());
    assertThat(events.get(2).prevHash()).isEqualTo(events.get(1).hash());
    assertThat(events.get(0).at()).isEqualTo("2026-11-23T10:15:31Z");
  }

  @Test
  @DisplayName("Changing any one hashed field changes the hash")
  void everyFieldIsHashed() {
    AuditEvent e = AuditChain.next(null, "check.accepted", "user_md_anna", NOW, payload(1));
    String base = AuditChain.hash(e);

    assertThat(List.of(
        AuditChain.hash(2, e.type(), e.actor(), e.at(), e.payload(), e.prevHash()),
        AuditChain.hash(e.seq(), "check.revoked", e.actor(), e.at(), e.payload(), e.prevHash()),
        AuditChain.hash(e.seq(), e.type(), "user_acc_ola", e.at(), e.payload(), e.prevHash()),
        AuditChain.hash(e.seq(), e.type(), e.actor(), "2026-11-23T10:15:31Z", e.payload(), e.prevHash()),
        AuditChain.hash(e.seq(), e.type(), e.actor(), e.at(), payload(2), e.prevHash()),
        AuditChain.hash(e.seq(), e.type(), e.actor(), e.at(), e.payload(), "1".repeat(64))))
        .doesNotContain(base)
        .doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("A journal line parses back to an equal event")
  void lineRoundTrip() {
    AuditEvent event = chain(2).get(1);
    byte[] line = AuditChain.line(event);

    assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
    assertThat(AuditChain.parse(Arrays.copyOf(line, line.length - 1))).isEqualTo(event);
  }

  @Test
  @DisplayName("The appended payload is a copy: changing the caller's object afterwards changes nothing")
  void payloadIsCopied() {
    ObjectNode payload = payload(1);
    AuditEvent event = AuditChain.next(null, "check.accepted", null, NOW, payload);
    payload.put("note", "rewritten later");

    assertThat(event.payload().get("note").textValue()).isEqualTo("event 1");
    assertThat(AuditChain.hash(event)).isEqualTo(event.hash());
    assertThat(AuditChain.verify(lines(List.of(event))).verification().valid()).isTrue();
  }

  @Test
  @DisplayName("An intact chain verifies with its length and the last hash as head")
  void intactChain() {
    List<AuditEvent> events = chain(4);

    AuditChain.Verified verified = AuditChain.verify(lines(events));

    assertThat(verified.events()).isEqualTo(events);
    assertThat(verified.verification())
        .isEqualTo(ChainVerification.intact(4, events.get(3).hash()));
    assertThat(AuditChain.verify(List.of()).verification())
        .isEqualTo(ChainVerification.intact(0, AuditEvent.GENESIS_HASH));
  }

  @Test
  @DisplayName("Every single-byte change anywhere in event 3's line is caught at event 3")
  void everyByteOfALineIsProtected() {
    List<AuditEvent> events = chain(5);
    List<byte[]> lines = lines(events);
    byte[] original = lines.get(2);

    for (int i = 0; i < original.length; i++) {
      List<byte[]> tampered = new ArrayList<>(lines);
      byte[] line = original.clone();
      line[i] ^= 0x01;
      tampered.set(2, line);

      AuditChain.Verified verified = AuditChain.verify(tampered);

      assertThat(verified.verification().valid()).as("byte %d flipped", i).isFalse();
      assertThat(verified.verification().firstBad()).as("byte %d flipped", i).isEqualTo(3L);
      assertThat(verified.verification().length()).isEqualTo(2);
      assertThat(verified.verification().head()).isEqualTo(events.get(1).hash());
      assertThat(verified.events()).isEqualTo(events.subList(0, 2));
    }
  }

  @Test
  @DisplayName("A line with the same meaning but not in canonical form is rejected")
  void nonCanonicalLineIsRejected() {
    String line = new String(lines(chain(1)).get(0), StandardCharsets.UTF_8);
    byte[] spaced = line.replaceFirst(",", ", ").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> AuditChain.parse(spaced))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("canonical");
  }

  @Test
  @DisplayName("An event stored as columns stands for the file store's line, byte for byte, null actor included")
  void columnsSpliceIntoTheFileLine() {
    AuditEvent event = AuditChain.next(null, "check.accepted", null, NOW, payload(1).put("name", "Zażółć ✓\n"));
    String rawPayload = new String(Checksums.canonicalBytes(event.payload()), StandardCharsets.UTF_8);
    byte[] spliced = AuditChain.line(event.seq(), event.type(), event.actor(), event.at(), rawPayload,
        event.prevHash(), event.hash());
    byte[] line = AuditChain.line(event);
    assertThat(spliced).isEqualTo(Arrays.copyOf(line, line.length - 1));
    assertThat(AuditChain.parse(spliced)).isEqualTo(event);
  }

  @Test
  @DisplayName("The part of a chain after event k verifies against event k's hash and counts from the start")
  void verifyAfterAnEvent() {
    List<AuditEvent> events = chain(5);
    List<byte[]> tail = lines(events).subList(2, 5);
    AuditChain.Verified verified = AuditChain.verifyAfter(2, events.get(1).hash(), tail);
    assertThat(verified.events()).containsExactlyElementsOf(events.subList(2, 5));
    assertThat(verified.verification()).isEqualTo(ChainVerification.intact(5, events.get(4).hash()));

    ChainVerification wrongLink = AuditChain.verifyAfter(2, events.get(0).hash(), tail).verification();
    assertThat(wrongLink.firstBad()).isEqualTo(3L);
    assertThat(wrongLink.length()).isEqualTo(2L);
    assertThat(wrongLink.problem()).isEqualTo("event 3: prevHash does not match event 2");
  }
}
