package io.bfg.console.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.AuditEvent;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place the audit hash rule lives. An event's {@code hash} is the SHA-256 of the
 * canonical JSON of exactly {@code seq, type, actor, at, payload, prevHash}; a journal line is
 * the canonical JSON of those fields plus {@code hash}. Pure functions: no I/O, no Vert.x.
 */
public final class AuditChain {

  private static final Set<String> LINE_FIELDS =
      new TreeSet<>(List.of("seq", "type", "actor", "at", "payload", "prevHash", "hash"));

  // Strict on purpose: a journal line with trailing garbage or a repeated key is not an event.
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private AuditChain() {
  }

  public static String hash(long seq, String type, String actor, String at, ObjectNode payload,
                            String prevHash) {
    ObjectNode hashed = JsonNodeFactory.instance.objectNode();
    hashed.put("seq", seq);
    hashed.put("type", type);
    hashed.put("actor", actor);
    hashed.put("at", at);
    hashed.set("payload", payload);
    hashed.put("prevHash", prevHash);
    return Checksums.sha256(hashed);
  }

  /** The hash {@code event} should carry, recomputed from its other fields. */
  public static String hash(AuditEvent event) {
    return hash(event.seq(), event.type(), event.actor(), event.at(), event.payload(),
        event.prevHash());
  }

  /**
   * The event that follows {@code head} ({@code null} = empty chain). The payload is copied
   * through its canonical form, so the returned event equals what a later reload parses back
   * and the caller can no longer mutate what was hashed.
   */
  public static AuditEvent next(AuditEvent head, String type, String actor, Instant at,
                                ObjectNode payload) {
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("an audit event needs a type");
    }
    ObjectNode content = payload == null ? JsonNodeFactory.instance.objectNode()
        : (ObjectNode) readTree(Checksums.canonicalBytes(payload));
    long seq = head == null ? 1 : head.seq() + 1;
    String prevHash = head == null ? AuditEvent.GENESIS_HASH : head.hash();
    String when = at.toString();
    return new AuditEvent(seq, type, actor, when, content, prevHash,
        hash(seq, type, actor, when, content, prevHash));
  }

  /** The event as a JSON object with all seven fields (what the API and the journal show). */
  public static ObjectNode toJson(AuditEvent event) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("seq", event.seq());
    json.put("type", event.type());
    json.put("actor", event.actor());
    json.put("at", event.at());
    json.set("payload", event.payload());
    json.put("prevHash", event.prevHash());
    json.put("hash", event.hash());
    return json;
  }

  /** The journal line for {@code event}: canonical JSON and a terminating {@code '\n'}. */
  public static byte[] line(AuditEvent event) {
    // Canonical JSON escapes control characters, so the only raw '\n' is the terminator.
    byte[] json = Checksums.canonicalBytes(toJson(event));
    byte[] line = Arrays.copyOf(json, json.length + 1);
    line[json.length] = '\n';
    return line;
  }

  /**
   * Parses one journal line (without its {@code '\n'}). Only the exact bytes {@link #line}
   * writes are accepted, so any edit, even one that keeps the JSON meaning, is caught.
   *
   * @throws IllegalArgumentException naming what is wrong with the line
   */
  public static AuditEvent parse(byte[] line) {
    JsonNode node = readTree(line);
    if (!node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Set<String> fields = new TreeSet<>();
    node.fieldNames().forEachRemaining(fields::add);
    if (!fields.equals(LINE_FIELDS)) {
      throw new IllegalArgumentException("fields are " + fields + ", expected " + LINE_FIELDS);
    }
    boolean wellTyped = node.get("seq").isIntegralNumber() && node.get("seq").canConvertToLong()
        && node.get("type").isTextual()
        && (node.get("actor").isTextual() || node.get("actor").isNull())
        && node.get("at").isTextual()
        && node.get("payload").isObject()
        && node.get("prevHash").isTextual()
        && node.get("hash").isTextual();
    if (!wellTyped) {
      throw new IllegalArgumentException("a field has the wrong JSON type");
    }
    if (!Arrays.equals(line, Checksums.canonicalBytes(node))) {
      throw new IllegalArgumentException("not in canonical form");
    }
    return new AuditEvent(node.get("seq").longValue(), node.get("type").textValue(),
        node.get("actor").textValue(), node.get("at").textValue(),
        (ObjectNode) node.get("payload"), node.get("prevHash").textValue(),
        node.get("hash").textValue());
  }

  /** Trustworthy events of a journal and the verdict on the whole of it. */
  public record Verified(List<AuditEvent> events, ChainVerification verification) {
  }

  /**
   * Parses and checks complete journal lines in order. Stops at the first bad line: the events
   * before it are returned (they are still provably intact), the verdict names the bad one.
   */
  public static Verified verify(List<byte[]> lines) {
    return verifyAfter(0, AuditEvent.GENESIS_HASH, lines);
  }

  /**
   * {@link #verify} for the part of a journal that follows event {@code after} (0: none), whose
   * hash is {@code afterHash}: the first line must be event {@code after + 1} and link to it. The
   * verdict's length and firstBad count from the journal's start, as a whole-journal verify would.
   */
  public static Verified verifyAfter(long after, String afterHash, List<byte[]> lines) {
    List<AuditEvent> events = new ArrayList<>();
    String head = afterHash;
    for (byte[] line : lines) {
      long expected = after + events.size() + 1L;
      AuditEvent event = null;
      String problem;
      try {
        event = parse(line);
        problem = problem(event, expected, head);
      } catch (IllegalArgumentException e) {
        problem = "not a valid event line (" + e.getMessage() + ")";
      }
      if (problem != null) {
        return new Verified(List.copyOf(events), ChainVerification.broken(expected - 1, head,
            expected, "event " + expected + ": " + problem));
      }
      events.add(event);
      head = event.hash();
    }
    return new Verified(List.copyOf(events), ChainVerification.intact(after + events.size(), head));
  }

  /**
   * The journal line an event stored as columns stands for, with {@code rawPayload} (the payload's
   * canonical JSON as stored) spliced in byte for byte rather than parsed and written again: a
   * payload edited in place, even one that keeps its JSON meaning, then fails {@link #parse} as a
   * line edited in a file would. For an intact row the result equals {@link #line} without its
   * {@code '\n'}, so a row and a file line are judged on the same bytes.
   */
  public static byte[] line(long seq, String type, String actor, String at, String rawPayload, String prevHash,
                            String hash) {
    // canonical JSON sorts keys: actor, at, hash | payload | prevHash, seq, type
    ObjectNode before = JsonNodeFactory.instance.objectNode();
    before.put("actor", actor);
    before.put("at", at);
    before.put("hash", hash);
    ObjectNode after = JsonNodeFactory.instance.objectNode();
    after.put("prevHash", prevHash);
    after.put("seq", seq);
    after.put("type", type);
    byte[] head = Checksums.canonicalBytes(before);
    byte[] tail = Checksums.canonicalBytes(after);
    byte[] payload = rawPayload.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] key = ",\"payload\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] line = new byte[head.length - 1 + key.length + payload.length + 1 + tail.length - 1];
    int pos = 0;
    System.arraycopy(head, 0, line, pos, head.length - 1);
    pos += head.length - 1;
    System.arraycopy(key, 0, line, pos, key.length);
    pos += key.length;
    System.arraycopy(payload, 0, line, pos, payload.length);
    pos += payload.length;
    line[pos++] = ',';
    System.arraycopy(tail, 1, line, pos, tail.length - 1);
    return line;
  }

  private static String problem(AuditEvent event, long expected, String prevHash) {
    // Content first: a line whose own hash is wrong was edited, whatever else it claims.
    if (!hash(event).equals(event.hash())) {
      return "hash does not match its content";
    }
    if (event.seq() != expected) {
      return "seq is " + event.seq() + ", expected " + expected
          + " (an event is missing or out of order)";
    }
    if (!event.prevHash().equals(prevHash)) {
      return expected == 1 ? "prevHash is not the genesis hash"
          : "prevHash does not match event " + (expected - 1);
    }
    return null;
  }

  private static JsonNode readTree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
  }
}
