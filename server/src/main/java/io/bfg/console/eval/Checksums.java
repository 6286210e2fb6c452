package io.bfg.console.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON (object keys sorted, no insignificant white space, UTF-8) and SHA-256 over it.
 * Every checksum the console shows or stores is computed here, so two renderings of the same
 * value can never disagree.
 */
public final class Checksums {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final HexFormat HEX = HexFormat.of();

  private Checksums() {
  }

  /** Canonical UTF-8 bytes of any Jackson-serialisable value (records, maps, lists, JsonNode). */
  public static byte[] canonicalBytes(Object value) {
    JsonNode tree = value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
    try {
      return MAPPER.writeValueAsBytes(sorted(tree));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be written as canonical JSON", e);
    }
  }

  /** Full lower-case hex SHA-256 of the canonical JSON of {@code value}. */
  public static String sha256(Object value) {
    return sha256Hex(canonicalBytes(value));
  }

  public static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(digest().digest(bytes));
  }

  /** The short form shown to people: {@code prefix-} and the first 8 hex digits. */
  public static String shortForm(String prefix, String fullHex) {
    return prefix + "-" + fullHex.substring(0, 8);
  }

  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime ships SHA-256", e);
    }
  }

  /**
   * A SHA-256 over canonical JSON written piece by piece, for values too large to hold as one tree:
   * the caller writes the structure (in sorted key order) with {@link #generator()} and sorted
   * subtrees with {@link #write}; the digest equals {@link #sha256} of the whole value.
   */
  public static final class Streaming {
    private final MessageDigest digest = digest();
    private final JsonGenerator generator = Checksums.generator(new DigestOutputStream(OutputStream.nullOutputStream(), digest));

    public JsonGenerator generator() {
      return generator;
    }

    /** Writes {@code value} with its object keys sorted, as {@link #canonicalBytes} would. */
    public void write(JsonNode value) throws IOException {
      Checksums.write(generator, value);
    }

    /** Bytes already in canonical form (from {@link Checksums#generator}), at the generator's current position. */
    public void raw(byte[] bytes, int offset, int length) throws IOException {
      generator.flush();
      digest.update(bytes, offset, length);
    }

    public String finish() throws IOException {
      generator.close();
      return HEX.formatHex(digest.digest());
    }
  }

  /**
   * A generator writing canonical JSON to {@code out}: values written with it, and subtrees with
   * {@link #write(JsonGenerator, JsonNode)}, come out byte for byte as {@link #canonicalBytes}.
   */
  public static JsonGenerator generator(OutputStream out) {
    try {
      return MAPPER.createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException("a generator over a stream cannot fail to open", e);
    }
  }

  /** Writes {@code value} with its object keys sorted at every depth. */
  public static void write(JsonGenerator generator, JsonNode value) throws IOException {
    MAPPER.writeTree(generator, sorted(value));
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        out.set(name, sorted(node.get(name)));
      }
      return out;
    }
    if (node.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        out.add(sorted(it.next()));
      }
      return out;
    }
    return node;
  }
}
