package io.bfg.console.store;

import io.bfg.console.model.AuditEvent;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.bfg.console.store.Journals.CLOCK;
import static io.bfg.console.store.Journals.appendEvents;
import static io.bfg.console.store.Journals.await;
import static io.bfg.console.store.Journals.concat;
import static io.bfg.console.store.Journals.payload;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class CrashSafetyTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("An append interrupted after any number of its bytes loads as the old events (or, with only its newline missing, the new one too), never a torn one, and the store carries on")
  void everyPrefixOfAnInterruptedAppend(Vertx vertx) throws Exception {
    Path journal = dir.resolve("audit.ndjson");
    FileLocalStore writer = new FileLocalStore(vertx, journal, CLOCK);
    await(writer.load());
    List<AuditEvent> old = appendEvents(writer, 3);
    byte[] oldBytes = Files.readAllBytes(journal);
    // the head anchor as a crash during the fourth append leaves it: written after the third
    byte[] oldAnchor = Files.readAllBytes(HeadAnchor.fileOf(journal));
    AuditEvent next = await(writer.append("check.accepted", "user_md_anna", payload(4)));
    await(writer.close());
    byte[] all = Files.readAllBytes(journal);
    byte[] line = Arrays.copyOfRange(all, oldBytes.length, all.length);
    assertThat(Arrays.copyOf(all, oldBytes.length)).isEqualTo(oldBytes);
    assertThat(line).isEqualTo(AuditChain.line(next));

    for (int k = 0; k <= line.length; k++) {
      Path torn = dir.resolve("torn-" + k + ".ndjson");
      Files.write(torn, concat(oldBytes, line, k));
      Files.write(HeadAnchor.fileOf(torn), oldAnchor);
      // every byte but the newline is a whole event that follows the chain: it is kept, not thrown away
      boolean complete = k >= line.length - 1;
      FileLocalStore store = new FileLocalStore(vertx, torn, CLOCK);
      try {
        List<AuditEvent> loaded = await(store.load());

        List<AuditEvent> expected = complete
            ? Stream.concat(old.stream(), Stream.of(next)).toList() : old;
        assertThat(loaded).as("prefix of %d bytes", k).isEqualTo(expected);
        assertThat(Files.size(torn)).as("prefix of %d bytes", k)
            .isEqualTo(complete ? all.length : oldBytes.length);

        AuditEvent after = await(store.append("after.crash", "user_md_anna", payload(5)));
        assertThat(after.seq()).isEqualTo(expected.size() + 1L);
        assertThat(after.prevHash()).isEqualTo(expected.get(expected.size() - 1).hash());
        assertThat(await(store.verify()))
            .as("prefix of %d bytes", k)
            .isEqualTo(ChainVerification.intact(expected.size() + 1L, after.hash()));
      } finally {
        await(store.close());
      }
    }
  }

  @Test
  @DisplayName("A process killed while appending leaves a journal that loads, verifies and holds every event it reported durable")
  void killedWriterProcess(Vertx vertx) throws Exception {
    Path journal = dir.resolve("audit.ndjson");
    Path stderr = dir.resolve("child.err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        AppendLoopMain.class.getName(), journal.toString())
        .redirectError(stderr.toFile())
        .start();
    List<String> reported = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(reported::add);
      } catch (Exception e) {
        // the pipe breaks when the child is killed; what was read so far is what counts
      }
    });
    reader.start();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (reported.size() < 100 && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    boolean aliveAtKill = child.isAlive();
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);

    String childErrors = Files.readString(stderr);
    assertThat(aliveAtKill).as("child died before the kill: %s", childErrors).isTrue();
    assertThat(reported).as("child stderr: %s", childErrors).hasSizeGreaterThanOrEqualTo(100);

    FileLocalStore store = new FileLocalStore(vertx, journal, CLOCK);
    try {
      List<AuditEvent> loaded = await(store.load());
      ChainVerification verification = await(store.verify());

      assertThat(verification.valid()).as(verification.problem()).isTrue();
      assertThat(verification.length()).isEqualTo(loaded.size());
      Map<Long, String> hashBySeq = loaded.stream()
          .collect(Collectors.toMap(AuditEvent::seq, AuditEvent::hash));
      Map<Long, String> durable = reported.stream()
          .map(line -> line.split(" "))
          .collect(Collectors.toMap(parts -> Long.parseLong(parts[1]), parts -> parts[2]));
      assertThat(hashBySeq).containsAllEntriesOf(durable);
      assertThat(hashBySeq.keySet()).containsAll(durable.keySet())
          .allMatch(seq -> seq >= 1 && seq <= loaded.size());
      assertThat(await(store.append("after.crash", "user_md_anna", payload(1))).seq())
          .isEqualTo(loaded.size() + 1L);
    } finally {
      await(store.close());
    }
  }
}
