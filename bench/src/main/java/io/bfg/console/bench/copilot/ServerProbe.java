package io.bfg.console.bench.copilot;

import io.bfg.console.bench.feed.ProcessProbe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the CPU went while the askers ran, from /proc: the console's process and its busiest
 * threads (copilot workers vs event loops), this generator, the rest of the machine, and the
 * console's garbage collections (jstat), read with the feed benchmark's {@link ProcessProbe}. One
 * snapshot before, one after; {@link #since} compares.
 */
final class ServerProbe {

  record Snapshot(long nanos, double server, double self, double machine, Map<String, Double> threads, double[] gc) {
  }

  private final long serverPid;

  ServerProbe(long serverPid) {
    this.serverPid = serverPid;
  }

  Snapshot take() {
    return new Snapshot(System.nanoTime(), ProcessProbe.cpuSeconds(Path.of("/proc/" + serverPid + "/stat")),
        ProcessProbe.cpuSeconds(Path.of("/proc/self/stat")), ProcessProbe.machineBusySeconds(), threads(),
        ProcessProbe.jvmGc(serverPid));
  }

  /** "key=value" figures between two snapshots: CPU as % of one core, GCs, the busiest server threads. */
  Map<String, String> since(Snapshot a, Snapshot b) {
    double span = (b.nanos() - a.nanos()) / 1e9;
    Map<String, String> out = new java.util.LinkedHashMap<>();
    out.put("srv_cpu_pct", pct(b.server() - a.server(), span));
    out.put("gen_cpu_pct", pct(b.self() - a.self(), span));
    out.put("other_cpu_pct", pct(Math.max(0, (b.machine() - a.machine()) - (b.server() - a.server())
        - (b.self() - a.self())), span));
    out.put("srv_gc", a.gc() == null || b.gc() == null ? "n/a" : String.format(Locale.ROOT, "%.0f_GCs_%.0fms",
        b.gc()[0] - a.gc()[0], 1000 * (b.gc()[1] - a.gc()[1])));
    List<Map.Entry<String, Double>> deltas = new ArrayList<>();
    b.threads().forEach((name, seconds) -> deltas.add(Map.entry(name, seconds - a.threads().getOrDefault(name, 0.0))));
    deltas.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> e.getValue()).reversed());
    StringBuilder top = new StringBuilder();
    for (Map.Entry<String, Double> e : deltas.subList(0, Math.min(6, deltas.size()))) {
      if (e.getValue() / span < 0.01) {
        break;
      }
      top.append(top.length() == 0 ? "" : ";").append(e.getKey().replace(' ', '_')).append(':')
          .append(pct(e.getValue(), span)).append('%');
    }
    out.put("srv_threads", top.toString());
    return out;
  }

  private static String pct(double seconds, double span) {
    return String.format(Locale.ROOT, "%.0f", 100 * seconds / span);
  }

  /** CPU seconds per thread of the console, by thread name (same-named threads added up). */
  private Map<String, Double> threads() {
    Map<String, Double> out = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + serverPid + "/task"))) {
      tasks.forEach(task -> {
        try {
          out.merge(pool(Files.readString(task.resolve("comm")).trim()), ProcessProbe.cpuSeconds(task.resolve("stat")),
              Double::sum);
        } catch (IOException e) {
          // the thread ended
        }
      });
    } catch (IOException e) {
      // the process ended
    }
    return out;
  }

  /**
   * A thread's pool: numbered threads (copilot-3, GC Thread#1) are added up as their pool; the
   * kernel keeps 15 characters of a name, so both Vert.x event loops read "vert.x-eventloo".
   */
  private static String pool(String comm) {
    String name = comm.replaceAll("[-#]?\\d+$", "");
    return switch (name) {
      case "vert.x-eventloo" -> "event-loops";
      case "vert.x-worker-t" -> "vertx-workers";
      case "vert.x-internal" -> "vertx-internal-blocking";
      default -> name.replace(' ', '_');
    };
  }
}
