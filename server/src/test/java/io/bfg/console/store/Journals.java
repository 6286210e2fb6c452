package io.bfg.console.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.AuditEvent;
import io.vertx.core.Future;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test helpers: fixtures for journals and a way to wait for a future on the JUnit thread. */
final class Journals {

  static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Journals() {
  }

  /**
   * Waits for {@code future} on the calling JUnit thread, which is never an event loop; this keeps
   * loop-heavy tests linear. Failures are rethrown as their original exception.
   */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("future did not complete", e);
    }
  }

  static ObjectNode payload(int n) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("n", n);
    payload.put("note", "event " + n);
    payload.putArray("checks").add("db_rls_forced").add("oidc_rbac");
    return payload;
  }

  /** Appends {@code count} events one after another (each waits for the previous). */
  static List<AuditEvent> appendEvents(ScenarioStore store, int count) {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      events.add(await(store.append("check.accepted", "user_md_anna", payload(i))));
    }
    return events;
  }

  static List<String> readLines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[] head, byte[] tail, int tailLength) {
    byte[] out = new byte[head.length + tailLength];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(tail, 0, out, head.length, tailLength);
    return out;
  }
}
