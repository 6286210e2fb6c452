package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.node.TextNode;
import io.bfg.console.model.Actor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One row while it is generated: its columns are evaluated on demand, each once, so a column may
 * read any other (the data model is checked for cycles when it is read); {@code parts} of the
 * generators being evaluated are kept on a stack of frames.
 */
final class RowContext {

  private final GenerationRun run;
  private final Generators.TablePlan table;
  final GenRow row;
  private final Actor actor;
  private int n;
  private boolean missedRef;
  private final Set<String> evaluating = new HashSet<>();
  private final Deque<Frame> frames = new ArrayDeque<>();

  private record Frame(Map<String, Generators.Gen> parts, Map<String, Val> values, Set<String> evaluating) {
  }

  RowContext(GenerationRun run, Generators.TablePlan table, Actor actor) {
    this.run = run;
    this.table = table;
    this.row = new GenRow(table.def().name());
    this.actor = actor;
    this.row.values.put(run.model().tenancy().column(), Val.of(TextNode.valueOf(run.tenant().id())));
  }

  GenerationRun run() {
    return run;
  }

  SplittableRandom rng() {
    return run.rng();
  }

  Actor actor() {
    return actor;
  }

  /** The row's number, 1-based, in the table's final order. */
  int n() {
    if (n == 0) {
      throw new IllegalStateException("the row number is read before the rows of " + table.def().name() + " are ordered");
    }
    return n;
  }

  void number(int n) {
    this.n = n;
  }

  void missedRef() {
    missedRef = true;
  }

  boolean hasMissedRef() {
    return missedRef;
  }

  Val column(String name) {
    Val value = row.get(name);
    if (value != null) {
      return value;
    }
    Generators.ColumnPlan column = table.columns().get(name);
    if (column == null || column.gen() == null) {
      return Val.NULL;
    }
    if (!evaluating.add(name)) {
      throw new DataModelException(column.at(), "the column's value depends on itself");
    }
    try {
      value = column.gen().eval(this);
    } finally {
      evaluating.remove(name);
    }
    row.values.put(name, value);
    return value;
  }

  Val part(String name, String at) {
    for (Frame frame : frames) {
      Generators.Gen gen = frame.parts().get(name);
      if (gen != null) {
        Val value = frame.values().get(name);
        if (value == null) {
          if (!frame.evaluating().add(name)) {
            throw new DataModelException(at, "part '" + name + "' depends on itself");
          }
          value = gen.eval(this);
          frame.evaluating().remove(name);
          frame.values().put(name, value);
        }
        return value;
      }
    }
    throw new DataModelException(at, "no part named '" + name + "'");
  }

  Val withParts(Map<String, Generators.Gen> parts, Generators.Gen body) {
    frames.push(new Frame(parts, new HashMap<>(), new HashSet<>()));
    try {
      return body.eval(this);
    } finally {
      frames.pop();
    }
  }
}
