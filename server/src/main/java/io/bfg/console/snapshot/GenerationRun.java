package io.bfg.console.snapshot;

import io.bfg.console.model.DataModel;
import io.bfg.console.model.Tenant;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * State shared by every row of one generation: the finished tables a {@code ref} draws from, the
 * random source of the table being generated, and what stateful generators remember between rows
 * (a {@code once} value, a running total, the rows a {@code distinct} ref has used).
 */
final class GenerationRun {

  private final DataModel model;
  private final Tenant tenant;
  private final ZoneId zone;
  private final Map<String, List<GenRow>> finished = new HashMap<>();
  private final Map<Object, Object> state = new IdentityHashMap<>();
  private SplittableRandom rng = new SplittableRandom(0);

  GenerationRun(DataModel model, Tenant tenant) {
    this.model = model;
    this.tenant = tenant;
    this.zone = ZoneId.of(model.sampling().timeZone());
  }

  DataModel model() {
    return model;
  }

  Tenant tenant() {
    return tenant;
  }

  ZoneId zone() {
    return zone;
  }

  SplittableRandom rng() {
    return rng;
  }

  void rng(SplittableRandom rng) {
    this.rng = rng;
  }

  List<GenRow> rows(String table) {
    return finished.getOrDefault(table, List.of());
  }

  void finish(String table, List<GenRow> rows) {
    finished.put(table, List.copyOf(rows));
  }

  /** What the generator {@code owner} keeps between rows, created on first use. */
  @SuppressWarnings("unchecked")
  <T> T state(Object owner, Supplier<T> initial) {
    return (T) state.computeIfAbsent(owner, k -> initial.get());
  }
}
