package io.bfg.console.store;

import io.bfg.console.model.AuditEvent;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.bfg.console.store.Journals.CLOCK;
import static io.bfg.console.store.Journals.appendEvents;
import static io.bfg.console.store.Journals.await;
import static io.bfg.console.store.Journals.payload;
import static io.bfg.console.store.Journals.readLines;
import static io.bfg.console.store.Journals.writeLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(VertxExtension.class)
class FileLocalStoreTest {

  @TempDir
  Path dir;
  Path journal;
  Vertx vertx;
  private final List<ScenarioStore> opened = new ArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    this.journal = dir.resolve("data").resolve("audit.ndjson");
  }

  @AfterEach
  void closeStores() {
    opened.forEach(store -> await(store.close()));
  }

  private FileLocalStore open(Path file) {
    FileLocalStore store = new FileLocalStore(vertx, file, CLOCK);
    opened.add(store);
    return store;
  }

  @Test
  @DisplayName("Three appended events come back identical from a freshly opened store, and the chain verifies")
  void roundTrip(VertxTestContext ctx) {
    FileLocalStore first = open(journal);
    List<AuditEvent> appended = new ArrayList<>();
    first.load()
        .compose(none -> first.append("check.accepted", "user_md_anna", payload(1)))
        .compose(e -> {
          appended.add(e);
          return first.append("decision.recorded", "user_acc_ola", payload(2));
        })
        .compose(e -> {
          appended.add(e);
          return first.append("pipeline.finished", null, payload(3));
        })
        .compose(e -> {
          appended.add(e);
          return first.close();
        })
        .compose(none -> {
          FileLocalStore second = open(journal);
          return second.load().compose(events -> second.verify().map(v -> List.of(events, v)));
        })
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          @SuppressWarnings("unchecked")
          List<AuditEvent> loaded = (List<AuditEvent>) result.get(0);
          ChainVerification verification = (ChainVerification) result.get(1);
          assertThat(loaded).isEqualTo(appended);
          assertThat(loaded).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L);
          assertThat(loaded).extracting(AuditEvent::at).containsOnly("2026-11-23T10:15:30Z");
          assertThat(loaded.get(0).prevHash()).isEqualTo(AuditEvent.GENESIS_HASH);
          assertThat(loaded.get(2).prevHash()).isEqualTo(loaded.get(1).hash());
          assertThat(verification).isEqualTo(ChainVerification.intact(3, appended.get(2).hash()));
          assertThat(readLines(journal)).hasSize(3);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A new journal starts empty and valid, and reports the file-local adapter")
  void emptyJournal() {
    FileLocalStore store = open(journal);

    assertThat(await(store.load())).isEmpty();
    assertThat(Files.exists(journal)).isTrue();
    assertThat(await(store.verify())).isEqualTo(ChainVerification.intact(0, AuditEvent.GENESIS_HASH));
    assertThat(store.adapter()).isEqualTo("file-local");
  }

  @Test
  @DisplayName("Appending before load is refused")
  void appendBeforeLoad() {
    StoreException error = catchThrowableOfType(StoreException.class,
        () -> await(open(journal).append("check.accepted", "user_md_anna", payload(1))));

    assertThat(error.code()).isEqualTo(StoreException.STORE_NOT_LOADED);
  }

  @Test
  @DisplayName("A second store cannot open a journal that another store holds")
  void secondWriterIsLockedOut() {
    await(open(journal).load());

    StoreException error = catchThrowableOfType(StoreException.class,
        () -> await(open(journal).load()));

    assertThat(error.code()).isEqualTo(StoreException.STORE_LOCKED);
  }

  @Test
  @DisplayName("200 appends fired at once from four event-loop contexts get the contiguous seqs 1 to 200 and one valid chain")
  void concurrentAppends(VertxTestContext ctx) {
    FileLocalStore store = open(journal);
    Queue<AuditEvent> appended = new ConcurrentLinkedQueue<>();
    Set<Object> contexts = ConcurrentHashMap.newKeySet();
    store.load()
        .compose(none -> vertx.deployVerticle(() -> new AppendingVerticle(store, 50, appended, contexts),
            new DeploymentOptions().setInstances(4)))
        .compose(id -> store.verify())
        .onComplete(ctx.succeeding(verification -> ctx.verify(() -> {
          assertThat(contexts).hasSize(4);
          assertThat(appended).extracting(AuditEvent::seq)
              .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
          AuditEvent last = appended.stream().filter(e -> e.seq() == 200).findFirst().orElseThrow();
          assertThat(verification).isEqualTo(ChainVerification.intact(200, last.hash()));
          ctx.completeNow();
        })));
  }

  /** Fires all its appends without waiting, from its own context. */
  private static final class AppendingVerticle extends VerticleBase {
    private final ScenarioStore store;
    private final int count;
    private final Queue<AuditEvent> appended;
    private final Set<Object> contexts;

    AppendingVerticle(ScenarioStore store, int count, Queue<AuditEvent> appended, Set<Object> contexts) {
      this.store = store;
      this.count = count;
      this.appended = appended;
      this.contexts = contexts;
    }

    @Override
    public Future<?> start() {
      contexts.add(context);
      return Future.all(IntStream.range(0, count)
          .mapToObj(i -> store.append("concurrent", "actor", payload(i)).onSuccess(appended::add))
          .toList());
    }
  }

  @Nested
  @DisplayName("Tampering with the journal on disk")
  class Tampering {

    private List<AuditEvent> written;
    private List<String> lines;

    @BeforeEach
    void fiveEvents() throws Exception {
      FileLocalStore store = open(journal);
      await(store.load());
      written = appendEvents(store, 5);
      await(store.close());
      lines = readLines(journal);
    }

    @Test
    @DisplayName("One changed byte inside event 3's payload makes verify report event 3, and a reload stops before it")
    void changedPayloadByte() throws Exception {
      FileLocalStore live = open(journal);
      await(live.load());
      String line = lines.get(2);
      String edited = line.replace("\"note\":\"event 3\"", "\"note\":\"event 8\"");
      assertThat(edited).isNotEqualTo(line).hasSameSizeAs(line);
      writeLine(2, edited);

      // The store in memory still holds the good chain: verify must read the disk.
      ChainVerification verification = await(live.verify());
      assertThat(verification.valid()).isFalse();
      assertThat(verification.firstBad()).isEqualTo(3L);
      assertThat(verification.problem()).isEqualTo("event 3: hash does not match its content");
      assertThat(verification.length()).isEqualTo(2);
      assertThat(verification.head()).isEqualTo(written.get(1).hash());
      await(live.close());

      FileLocalStore reopened = open(journal);
      assertThat(await(reopened.load())).isEqualTo(written.subList(0, 2));
      assertThat(await(reopened.verify()).firstBad()).isEqualTo(3L);
    }

    @Test
    @DisplayName("Deleting event 3 is reported at position 3, where the seqs stop being contiguous")
    void deletedLine() throws Exception {
      List<String> shorter = new ArrayList<>(lines);
      shorter.remove(2);
      writeLines(journal, shorter);

      FileLocalStore store = open(journal);
      assertThat(await(store.load())).isEqualTo(written.subList(0, 2));
      ChainVerification verification = await(store.verify());
      assertThat(verification.valid()).isFalse();
      assertThat(verification.firstBad()).isEqualTo(3L);
      assertThat(verification.problem()).startsWith("event 3: seq is 4, expected 3");
    }

    @Test
    @DisplayName("Swapping events 2 and 4 is reported at position 2")
    void reorderedLines() throws Exception {
      List<String> swapped = new ArrayList<>(lines);
      Collections.swap(swapped, 1, 3);
      writeLines(journal, swapped);

      FileLocalStore store = open(journal);
      assertThat(await(store.load())).isEqualTo(written.subList(0, 1));
      ChainVerification verification = await(store.verify());
      assertThat(verification.valid()).isFalse();
      assertThat(verification.firstBad()).isEqualTo(2L);
    }

    @Test
    @DisplayName("A forged event 3 with a correct hash of its own breaks the link from event 4")
    void forgedEventWithRecomputedHash() throws Exception {
      AuditEvent forged = AuditChain.next(written.get(1), "check.accepted", "intruder",
          Journals.NOW, payload(99));
      writeLine(2, new String(AuditChain.line(forged), StandardCharsets.UTF_8).strip());

      ChainVerification verification = await(open(journal).verify());

      assertThat(verification.valid()).isFalse();
      assertThat(verification.firstBad()).isEqualTo(4L);
      assertThat(verification.problem()).isEqualTo("event 4: prevHash does not match event 3");
      assertThat(verification.length()).isEqualTo(3);
    }

    @Test
    @DisplayName("A complete line that is not JSON is tampering, not a crash: it is reported, not dropped")
    void garbageLine() throws Exception {
      writeLine(3, "not json at all");

      FileLocalStore store = open(journal);
      assertThat(await(store.load())).hasSize(3);
      ChainVerification verification = await(store.verify());
      assertThat(verification.firstBad()).isEqualTo(4L);
      assertThat(verification.problem()).startsWith("event 4: not a valid event line");
      assertThat(readLines(journal)).hasSize(5);
    }

    @Test
    @DisplayName("After loading a tampered journal, append fails with AUDIT_CHAIN_BROKEN naming the bad event and writes nothing")
    void appendRefusedOnBrokenChain() throws Exception {
      writeLine(2, lines.get(2).replace("event 3", "event 7"));
      byte[] before = Files.readAllBytes(journal);

      FileLocalStore store = open(journal);
      await(store.load());
      StoreException error = catchThrowableOfType(StoreException.class,
          () -> await(store.append("check.accepted", "user_md_anna", payload(6))));

      assertThat(error.code()).isEqualTo(StoreException.AUDIT_CHAIN_BROKEN);
      assertThat(error.getMessage()).contains("event 3");
      assertThat(Files.readAllBytes(journal)).isEqualTo(before);
    }

    @Test
    @DisplayName("Cutting the newest event off behind the store's back is caught by the store that wrote it")
    void truncatedBehindTheStoresBack() throws Exception {
      FileLocalStore store = open(journal);
      await(store.load());
      writeLines(journal, lines.subList(0, 4));

      ChainVerification verification = await(store.verify());

      assertThat(verification.valid()).isFalse();
      assertThat(verification.firstBad()).isEqualTo(5L);
      assertThat(verification.problem()).contains("missing from the journal");
    }

    @Test
    @DisplayName("Deleting the last event while the console is down is reported on the next start: its head anchor records event 5")
    void lastLineDeletedWhileDown() throws Exception {
      writeLines(journal, lines.subList(0, 4));
      byte[] tampered = Files.readAllBytes(journal);

      FileLocalStore store = open(journal);
      assertThat(await(store.load())).isEqualTo(written.subList(0, 4));
      ChainVerification verification = await(store.verify());

      assertThat(verification.valid()).isFalse();
      assertThat(verification.firstBad()).isEqualTo(5L);
      assertThat(verification.length()).isEqualTo(4);
      assertThat(verification.problem()).contains("head anchor records event 5");
      assertThat(await(store.checkHead())).isEqualTo(verification);
      StoreException refused = catchThrowableOfType(StoreException.class,
          () -> await(store.append("check.accepted", "user_md_anna", payload(6))));
      assertThat(refused.code()).isEqualTo(StoreException.AUDIT_CHAIN_BROKEN);
      assertThat(Files.readAllBytes(journal)).as("the evidence is left as found").isEqualTo(tampered);
    }

    @Test
    @DisplayName("Cut short while the console is down (to nothing, mid-event, by whole events), the journal no longer verifies and is left as found; a cut of only its final newline keeps every event")
    void truncationsAreNoticed() throws Exception {
      byte[] whole = Files.readAllBytes(journal);
      int lastLine = lines.get(4).length() + 1;
      Path anchor = HeadAnchor.fileOf(journal);
      for (int length : new int[] {0, 1, lines.get(0).length() + 1, whole.length - lastLine - 7,
          whole.length - lastLine, whole.length - 9, whole.length - 1}) {
        Path copy = dir.resolve("cut-" + length).resolve("audit.ndjson");
        Files.createDirectories(copy.getParent());
        Files.write(copy, java.util.Arrays.copyOf(whole, length));
        Files.copy(anchor, HeadAnchor.fileOf(copy));
        FileLocalStore store = open(copy);
        try {
          List<AuditEvent> loaded = await(store.load());
          ChainVerification verification = await(store.verify());
          if (length == whole.length - 1) {
            assertThat(loaded).as("cut to %d bytes", length).isEqualTo(written);
            assertThat(verification).isEqualTo(ChainVerification.intact(5, written.get(4).hash()));
            assertThat(Files.readAllBytes(copy)).isEqualTo(whole);
          } else {
            assertThat(verification.valid()).as("cut to %d bytes: %s", length, verification).isFalse();
            assertThat(Files.size(copy)).as("cut to %d bytes", length).isEqualTo(length);
          }
        } finally {
          await(store.close());
        }
      }
    }

    @Test
    @DisplayName("A journal longer than its anchor by more than the one event a crash can leave unanchored is reported")
    void eventsAddedBehindTheAnchor() throws Exception {
      Path anchor = HeadAnchor.fileOf(journal);
      byte[] anchorAtFive = Files.readAllBytes(anchor);
      FileLocalStore store = open(journal);
      await(store.load());
      appendEvents(store, 2);
      await(store.close());
      Files.write(anchor, anchorAtFive);

      ChainVerification verification = await(open(journal).verify());

      assertThat(verification.valid()).isFalse();
      assertThat(verification.firstBad()).isEqualTo(7L);
      assertThat(verification.problem()).contains("not recorded by the head anchor");
    }

    @Test
    @DisplayName("A damaged anchor stops appends and says how to re-anchor; a deleted one is re-anchored at the journal's end, with a warning")
    void damagedOrMissingAnchor() throws Exception {
      Path anchor = HeadAnchor.fileOf(journal);
      Files.writeString(anchor, "x".repeat(320));
      FileLocalStore damaged = open(journal);
      await(damaged.load());
      ChainVerification verdict = await(damaged.checkHead());
      assertThat(verdict.valid()).isFalse();
      assertThat(verdict.problem()).contains("unreadable", "delete the anchor");
      await(damaged.close());

      Files.delete(anchor);
      FileLocalStore reanchored = open(journal);
      assertThat(await(reanchored.load())).isEqualTo(written);
      assertThat(await(reanchored.checkHead())).isEqualTo(ChainVerification.intact(5, written.get(4).hash()));
      assertThat(HeadAnchor.peek(anchor)).isEqualTo(new HeadAnchor.Head(5, written.get(4).hash()));
    }

    @Test
    @DisplayName("checkHead notices the last event cut or changed behind a running store's back, and appends stop")
    void checkHeadSeesTheEndChange() throws Exception {
      FileLocalStore store = open(journal);
      await(store.load());
      assertThat(await(store.checkHead())).isEqualTo(ChainVerification.intact(5, written.get(4).hash()));
      writeLine(4, lines.get(4).replace("event 5", "event 9"));

      ChainVerification verdict = await(store.checkHead());

      assertThat(verdict.valid()).isFalse();
      assertThat(verdict.firstBad()).isEqualTo(5L);
      assertThat(catchThrowableOfType(StoreException.class,
          () -> await(store.append("check.accepted", "user_md_anna", payload(6)))).code())
          .isEqualTo(StoreException.AUDIT_CHAIN_BROKEN);
    }

    private void writeLine(int index, String replacement) throws Exception {
      List<String> changed = new ArrayList<>(lines);
      changed.set(index, replacement);
      writeLines(journal, changed);
    }
  }
}
