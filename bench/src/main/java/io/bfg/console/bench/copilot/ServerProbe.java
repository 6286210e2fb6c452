package io.bfg.console.bench.copilot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the CPU went while the askers ran, from /proc: the console's process and its busiest
 * threads (copilot workers vs event loops), this generator, the rest of the machine, and the
 * console's garbage collections (jstat). One snapshot before, one after; {@link #since} compares.
 */
final class ServerProbe {

  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ

  record Snapshot(long nanos, double server, double self, double machine, Map<String, Double> threads, double[] gc) {
  }

  private final long serverPid;

  ServerProbe(long serverPid) {
    this.serverPid = serverPid;
  }

  Snapshot take() {
    return new Snapshot(System.nanoTime(), cpu(Path.of("/proc/" + serverPid + "/stat")),
        cpu(Path.of("/proc/self/stat")), machineBusy(), threads(), gc());
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
          out.merge(pool(Files.readString(task.resolve("comm")).trim()), cpu(task.resolve("stat")), Double::sum);
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

  private static double cpu(Path stat) {
    try {
      String text = Files.readString(stat);
      String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static double machineBusy() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** {count, seconds} of the console's collections, or null without jstat. */
  private double[] gc() {
    try {
      Process jstat = new ProcessBuilder("jstat", "-gc", String.valueOf(serverPid)).redirectErrorStream(true).start();
      String text = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (!jstat.waitFor(10, TimeUnit.SECONDS) || jstat.exitValue() != 0) {
        return null;
      }
      String[] lines = text.trim().split("\\R");
      List<String> header = List.of(lines[0].trim().split("\\s+"));
      String[] values = lines[1].trim().split("\\s+");
      double count = 0;
      for (String column : List.of("YGC", "FGC", "CGC")) {
        int i = header.indexOf(column);
        if (i >= 0 && !values[i].equals("-")) {
          count += Double.parseDouble(values[i]);
        }
      }
      return new double[] {count, Double.parseDouble(values[header.indexOf("GCT")])};
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
