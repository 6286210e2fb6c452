package io.bfg.console.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The change between two versions of a JSON document as an RFC 6902 JSON Patch, so a feed
 * subscriber that holds the previous evaluation can be sent the ~1 KB that changed instead of the
 * ~43 KB whole. The patch uses only three operations, each on a path that exists in the document it
 * applies to (or, for {@code add}, a new member of an existing object): {@code replace} (a changed
 * value, or a whole array whose length changed), {@code add} (a new object member) and
 * {@code remove} (a vanished object member). Any RFC 6902 implementation applies it.
 */
public final class JsonPatch {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonPatch() {
  }

  /** The operations that turn {@code from} into {@code to}; empty when they are equal. */
  public static ArrayNode diff(JsonNode from, JsonNode to) {
    ArrayNode operations = NODES.arrayNode();
    diff(from, to, "", operations);
    return operations;
  }

  private static void diff(JsonNode from, JsonNode to, String path, ArrayNode operations) {
    if (from.equals(to)) {
      return;
    }
    if (from.isObject() && to.isObject()) {
      Iterator<String> names = from.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!to.has(name)) {
          operations.addObject().put("op", "remove").put("path", path + "/" + escape(name));
        }
      }
      Iterator<Map.Entry<String, JsonNode>> fields = to.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String child = path + "/" + escape(field.getKey());
        JsonNode before = from.get(field.getKey());
        if (before == null) {
          operations.addObject().put("op", "add").put("path", child).set("value", field.getValue());
        } else {
          diff(before, field.getValue(), child, operations);
        }
      }
    } else if (from.isArray() && to.isArray() && from.size() == to.size()) {
      // an evaluation's arrays keep their order and length from one change to the next (gates,
      // groups, checks, cards); an array that grew or shrank is replaced whole
      for (int i = 0; i < to.size(); i++) {
        diff(from.get(i), to.get(i), path + "/" + i, operations);
      }
    } else {
      operations.addObject().put("op", "replace").put("path", path).set("value", to);
    }
  }

  /** RFC 6901: "~" and "/" in a member name become "~0" and "~1". */
  private static String escape(String name) {
    return name.indexOf('~') < 0 && name.indexOf('/') < 0 ? name : name.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Applies a patch made by {@link #diff} (the three operations it uses) and returns the result;
   * {@code document} is not modified.
   *
   * @throws IllegalArgumentException for an operation or path this patch form does not have
   */
  public static JsonNode apply(JsonNode document, ArrayNode patch) {
    JsonNode result = document.deepCopy();
    for (JsonNode operation : patch) {
      String op = operation.path("op").asText();
      String path = operation.path("path").asText();
      JsonNode value = operation.get("value");
      if (path.isEmpty()) {
        if (!op.equals("replace") || value == null) {
          throw new IllegalArgumentException("only a replace may name the whole document: " + operation);
        }
        result = value.deepCopy();
        continue;
      }
      int last = path.lastIndexOf('/');
      JsonNode parent = result.at(path.substring(0, last));
      String key = unescape(path.substring(last + 1));
      switch (op) {
        case "add", "replace" -> {
          if (value == null) {
            throw new IllegalArgumentException(op + " without a value: " + operation);
          }
          set(parent, key, value.deepCopy(), op.equals("replace"), operation);
        }
        case "remove" -> {
          if (!(parent instanceof ObjectNode object) || object.remove(key) == null) {
            throw new IllegalArgumentException("nothing to remove at " + path);
          }
        }
        default -> throw new IllegalArgumentException("unsupported operation: " + operation);
      }
    }
    return result;
  }

  private static void set(JsonNode parent, String key, JsonNode value, boolean mustExist, JsonNode operation) {
    if (parent instanceof ObjectNode object) {
      if (mustExist && !object.has(key)) {
        throw new IllegalArgumentException("nothing to replace at " + operation.path("path").asText());
      }
      object.set(key, value);
    } else if (parent instanceof ArrayNode array && mustExist && isIndex(key) && Integer.parseInt(key) < array.size()) {
      array.set(Integer.parseInt(key), value);
    } else {
      throw new IllegalArgumentException("no such location: " + operation);
    }
  }

  private static boolean isIndex(String key) {
    return !key.isEmpty() && key.length() < 10 && key.chars().allMatch(Character::isDigit);
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
