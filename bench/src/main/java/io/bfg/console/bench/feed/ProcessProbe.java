package io.bfg.console.bench.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Counters read from /proc: the server's RSS (sampled every 100 ms by a daemon thread, max kept per
 * phase), CPU time of the server, of each of its threads, of this generator and of the whole machine
 * (so a run disturbed by other work on the box says so).
 */
public final class ProcessProbe {

  /** USER_HZ; 100 on every Linux this runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final long pid;
  private volatile long rssKb;
  private volatile long phaseMaxKb;
  private volatile boolean running = true;

  ProcessProbe(long pid) {
    this.pid = pid;
    Thread sampler = new Thread(this::sample, "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (running) {
      long kb = readRssKb(pid);
      if (kb > 0) {
        rssKb = kb;
        if (kb > phaseMaxKb) {
          phaseMaxKb = kb;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void stop() {
    running = false;
  }

  long rssKb() {
    long kb = readRssKb(pid);
    return kb > 0 ? kb : rssKb;
  }

  /** The max RSS since the last call (or start), then starts a new phase at the current value. */
  synchronized long takePhaseMaxKb() {
    long current = rssKb();
    long max = Math.max(phaseMaxKb, current);
    phaseMaxKb = current;
    return max;
  }

  static long readRssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process is gone
    }
    return -1;
  }

  /** CPU seconds (user + system) of a process or thread from its stat file. */
  public static double cpuSeconds(Path stat) {
    try {
      String text = Files.readString(stat);
      // fields after the ")" that closes the command name: state is field 3, utime 14, stime 15
      String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** System (kernel) CPU seconds only. */
  static double systemSeconds(Path stat) {
    try {
      String text = Files.readString(stat);
      String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[12]) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static double processCpuSeconds(long pid) {
    return cpuSeconds(Path.of("/proc/" + pid + "/stat"));
  }

  /** Busy CPU seconds of the whole machine (all cores) from /proc/stat. */
  public static double machineBusySeconds() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // skip idle and iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * Garbage-collection count and seconds of a JVM from {@code jstat -gc} (columns YGC, FGC, CGC and
   * GCT), or null when the process is not a JVM or jstat is missing.
   */
  public static double[] jvmGc(long pid) {
    try {
      Process jstat = new ProcessBuilder("jstat", "-gc", String.valueOf(pid)).redirectErrorStream(true).start();
      String out = new String(jstat.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
      if (!jstat.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        jstat.destroy();
        return null;
      }
      String[] lines = out.trim().split("\\R");
      if (lines.length < 2) {
        return null;
      }
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

  /**
   * The JVM's live heap in KB: a full collection ({@code jcmd PID GC.run}), then the heap's "used"
   * from {@code GC.heap_info}; -1 when the process is not a JVM or jcmd fails. Unlike RSS, which
   * is the high-water mark of a heap the JVM grows under any burst of allocation, this is what the
   * process still holds.
   */
  static long liveHeapKb(long pid) {
    try {
      if (jcmd(pid, "GC.run") == null) {
        return -1;
      }
      String info = jcmd(pid, "GC.heap_info");
      java.util.regex.Matcher used = info == null ? null
          : java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
      return used != null && used.find() ? Long.parseLong(used.group(1)) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
    if (!jcmd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      jcmd.destroy();
      return null;
    }
    return out;
  }

  /** GC count and seconds of this JVM. */
  static double[] ownGc() {
    double count = 0;
    double millis = 0;
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new double[] {count, millis / 1000.0};
  }

  /** CPU seconds per thread of the server: "name#tid" -> seconds. */
  static Map<String, Double> threadCpu(long pid) {
    Map<String, Double> out = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      tasks.forEach(task -> {
        String name;
        try {
          name = Files.readString(task.resolve("comm")).trim();
        } catch (IOException e) {
          return;
        }
        out.put(name + "#" + task.getFileName(), cpuSeconds(task.resolve("stat")));
        out.put("sys:" + name + "#" + task.getFileName(), systemSeconds(task.resolve("stat")));
      });
    } catch (IOException e) {
      // gone
    }
    return out;
  }

  /** The busiest threads between two {@link #threadCpu} readings, as "name#tid 93%" over {@code seconds}. */
  static String topThreads(Map<String, Double> before, Map<String, Double> after, double seconds, int limit) {
    List<Map.Entry<String, Double>> deltas = new ArrayList<>();
    after.forEach((k, v) -> {
      if (!k.startsWith("sys:")) {
        deltas.add(Map.entry(k, v - before.getOrDefault(k, 0.0)));
      }
    });
    deltas.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> e.getValue()).reversed());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(limit, deltas.size()); i++) {
      double pct = 100.0 * deltas.get(i).getValue() / seconds;
      if (pct < 1 && i > 0) {
        break;
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      String key = deltas.get(i).getKey();
      double sys = after.getOrDefault("sys:" + key, 0.0) - before.getOrDefault("sys:" + key, 0.0);
      sb.append(key.replace(' ', '_')).append(' ').append(Math.round(pct)).append("% (sys ")
          .append(Math.round(100.0 * sys / seconds)).append("%)");
    }
    return sb.toString();
  }
}
