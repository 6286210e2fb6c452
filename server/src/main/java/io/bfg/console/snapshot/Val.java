package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A generated value and, when a {@code ref} chose it, the row it refers to, so that a path such as
 * {@code order_id.pickup_city} can read a field of that row.
 */
record Val(JsonNode node, GenRow ref) {

  static final Val NULL = new Val(NullNode.instance, null);

  static Val of(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? NULL : new Val(node, null);
  }

  boolean isNull() {
    return node == null || node.isNull() || node.isMissingNode();
  }
}
