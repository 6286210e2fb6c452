package io.bfg.console.bench.dryrun;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts Vert.x blocked-thread warnings, by benchmark phase. Vert.x logs them through
 * java.util.logging (directly, or through SLF4J's JUL binding, which the console ships) under the
 * checker's logger name, so a handler on that logger sees every one. The warnings are kept out of
 * the benchmark's output and written, with the blocked thread's stack when Vert.x attached it, to
 * a file instead.
 */
final class BlockedThreadLog extends Handler {

  /** {@code io.vertx.core.internal.threadchecker.BlockedThreadChecker.LOGGER_NAME} in Vert.x 5. */
  static final String LOGGER_NAME = "io.vertx.core.impl.BlockedThreadChecker";
  private static final Pattern BLOCKED_FOR = Pattern.compile("has been blocked for (\\d+) ms");

  /** One warning: when (phase), how long the thread had been blocked, and the message and stack. */
  record Warning(String phase, long blockedMs, String text) {
  }

  /** Held: a logger nobody references can be collected and lose its handler. */
  private final Logger logger = Logger.getLogger(LOGGER_NAME);
  private final List<Warning> warnings = new ArrayList<>();
  private volatile String phase = "start-up";

  static BlockedThreadLog install() {
    BlockedThreadLog log = new BlockedThreadLog();
    log.logger.setLevel(Level.ALL);
    log.logger.setUseParentHandlers(false);
    log.logger.addHandler(log);
    return log;
  }

  void phase(String name) {
    phase = name;
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() < Level.WARNING.intValue()) {
      return;
    }
    String message = record.getMessage() == null ? "" : record.getMessage();
    Matcher blocked = BLOCKED_FOR.matcher(message);
    StringWriter text = new StringWriter();
    text.append(message).append('\n');
    if (record.getThrown() != null) {
      record.getThrown().printStackTrace(new PrintWriter(text));
    }
    synchronized (warnings) {
      warnings.add(new Warning(phase, blocked.find() ? Long.parseLong(blocked.group(1)) : -1, text.toString()));
    }
  }

  List<Warning> warnings() {
    synchronized (warnings) {
      return List.copyOf(warnings);
    }
  }

  /** Warnings per phase, phases in the order they first warned. */
  Map<String, Integer> byPhase() {
    Map<String, Integer> out = new LinkedHashMap<>();
    warnings().forEach(w -> out.merge(w.phase(), 1, Integer::sum));
    return out;
  }

  void writeTo(Path file) throws IOException {
    StringBuilder out = new StringBuilder();
    for (Warning warning : warnings()) {
      out.append("[").append(warning.phase()).append("] ").append(warning.text()).append('\n');
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, out, StandardCharsets.UTF_8);
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
