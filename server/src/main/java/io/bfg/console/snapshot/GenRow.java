package io.bfg.console.snapshot;

import java.util.HashMap;
import java.util.Map;

/** A row of one table while it is generated and afterwards: each column's value with the row it refers to. */
final class GenRow {

  final String table;
  final Map<String, Val> values = new HashMap<>();

  GenRow(String table) {
    this.table = table;
  }

  /** The column's value; null (Java) when the column has not been generated or does not exist. */
  Val get(String column) {
    return values.get(column);
  }
}
