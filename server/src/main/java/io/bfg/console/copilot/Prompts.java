package io.bfg.console.copilot;

import io.bfg.console.model.Lang;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prompt files under {@code prompts/}, read at run time: a file is re-read when its modification
 * time changes, so editing a prompt changes the answers within a second, without a rebuild or restart.
 * The time is looked at no more than once a second per file: a look is a system call of a few
 * microseconds, and an answer reads the prompts six times. Reads block; call from a worker thread
 * (the copilot runs there).
 */
public final class Prompts {

  private record Cached(FileTime modified, Object content, long lookedAt) {
  }

  private static final long LOOK_EVERY_NANOS = 1_000_000_000L;

  private final Path dir;
  private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

  public Prompts(Path dir) {
    this.dir = dir;
  }

  /** The system prompt for remote models ({@code system.<lang>.md}). */
  public String system(Lang lang) {
    return (String) read(dir.resolve("system." + lang.code() + ".md"), false);
  }

  /** The local model's answer templates ({@code local.<lang>.properties}, UTF-8). */
  @SuppressWarnings("unchecked")
  public Map<String, String> local(Lang lang) {
    return (Map<String, String>) read(dir.resolve("local." + lang.code() + ".properties"), true);
  }

  private Object read(Path file, boolean properties) {
    try {
      long now = System.nanoTime();
      Cached cached = cache.get(file);
      if (cached != null && now - cached.lookedAt() < LOOK_EVERY_NANOS) {
        return cached.content();
      }
      FileTime modified = Files.getLastModifiedTime(file);
      if (cached != null && cached.modified().equals(modified)) {
        cache.put(file, new Cached(modified, cached.content(), now));
        return cached.content();
      }
      Object content;
      if (properties) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          loaded.load(reader);
        }
        Map<String, String> map = new HashMap<>();
        loaded.stringPropertyNames().forEach(key -> map.put(key, loaded.getProperty(key)));
        content = Map.copyOf(map);
      } else {
        // stripped once here: LangChain4j checks the system prompt is not blank with trim() four times
        // per question, and each trim copied the whole prompt for its final newline
        content = Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      cache.put(file, new Cached(modified, content, now));
      return content;
    } catch (IOException e) {
      throw new UncheckedIOException("prompt file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }
}
