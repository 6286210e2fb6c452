package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of one tenant, table name to rows, in data-model order. Rows are Jackson object nodes
 * whose fields follow the table's column order; treat them as read-only.
 */
public record SampleData(String tenantId, Map<String, List<ObjectNode>> tables) {

  public SampleData {
    Map<String, List<ObjectNode>> copy = new LinkedHashMap<>();
    tables.forEach((table, rows) -> copy.put(table, List.copyOf(rows)));
    tables = Collections.unmodifiableMap(copy);
  }

  public int rows() {
    return tables.values().stream().mapToInt(List::size).sum();
  }
}
