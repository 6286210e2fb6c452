package io.bfg.console.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.ApiClient.MAREK;
import static io.bfg.console.http.ApiClient.check;
import static io.bfg.console.http.ApiClient.count;
import static org.assertj.core.api.Assertions.assertThat;

/** What the console makes of its journal on disk: across restarts, and after someone edits it. */
@ExtendWith(VertxExtension.class)
@DisplayName("The console's journal, seen through HTTP")
class HttpJournalTest {

  @TempDir
  Path dataDir;
  RunningConsole console;
  ApiClient api;

  @BeforeEach
  void startConsole(Vertx vertx) {
    console = RunningConsole.bfg(vertx, dataDir);
    api = console.api();
  }

  @AfterEach
  void stopConsole() {
    console.stop();
  }

  private RunningConsole restart() {
    console.restart();
    api = console.api();
    return console;
  }

  /** Two sign-offs and a decision: seq 3. */
  private void signOffSome() {
    api.accept(ANNA, "cutover.contracts-frozen").ok();
    api.accept(MAREK, "cutover.role-headers").ok();
    api.decide(ANNA, "infra.region", "eu-central-pl").ok();
  }

  /**
   * Changes one digit of the year in the {@code at} of the given (1-based) event, in place: the
   * line stays valid JSON of the same length, but its hash no longer matches.
   */
  private void changeOneByte(int eventSeq) throws IOException {
    byte[] bytes = Files.readAllBytes(console.journal());
    int lineStart = 0;
    for (int line = 1; line < eventSeq; line++) {
      lineStart = indexOf(bytes, "\n".getBytes(StandardCharsets.UTF_8), lineStart) + 1;
    }
    int at = indexOf(bytes, "\"at\":\"".getBytes(StandardCharsets.UTF_8), lineStart) + 6 + 2;
    byte digit = bytes[at];
    assertThat((char) digit).as("third digit of the year").isBetween('0', '9');
    try (RandomAccessFile file = new RandomAccessFile(console.journal().toFile(), "rw")) {
      file.seek(at);
      file.write(digit == '9' ? '8' : digit + 1);
    }
  }

  private static int indexOf(byte[] bytes, byte[] part, int from) {
    outer:
    for (int i = from; i <= bytes.length - part.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not in the journal: " + new String(part, StandardCharsets.UTF_8));
  }

  /** /health answers 503 DEGRADED naming the broken chain (the contract monitors rely on). */
  private void assertDegraded(String naming) {
    ApiClient.Reply health = api.get("/health");
    assertThat(health.status()).as(health.body()).isEqualTo(503);
    JsonObject body = health.json();
    assertThat(body.getString("status")).isEqualTo("DEGRADED");
    assertThat(body.getString("problem")).contains("audit chain is broken", naming);
    assertThat(body.getJsonObject("chain").getBoolean("valid")).isFalse();
  }

  @Nested
  @DisplayName("Across a restart")
  class AcrossARestart {

    @Test
    @DisplayName("a restarted console shows the same sign-offs, decisions, seq and audit trail, and keeps the chain going")
    void sameStateAfterRestart() {
      signOffSome();
      JsonObject before = api.evaluation();
      List<JsonObject> auditBefore = api.auditEvents();

      restart();

      JsonObject after = api.evaluation();
      assertThat(after.getLong("seq")).isEqualTo(3);
      assertThat(count(after, "cutover")).isEqualTo("2/6");
      assertThat(count(after, "infrastructure")).isEqualTo("1/4");
      for (String id : List.of("cutover.contracts-frozen", "cutover.role-headers", "infra.region")) {
        assertThat(check(after, id).getJsonObject("signOff")).as(id)
            .isEqualTo(check(before, id).getJsonObject("signOff"));
      }
      assertThat(after.getJsonObject("summary")).isEqualTo(before.getJsonObject("summary"));
      assertThat(api.auditEvents()).isEqualTo(auditBefore);
      JsonObject verify = api.verify();
      assertThat(verify.getBoolean("valid")).isTrue();
      assertThat(verify.getLong("length")).isEqualTo(3);

      JsonObject next = api.accept(MAREK, "cutover.store-rehearsal").ok();
      assertThat(next.getLong("seq")).isEqualTo(4);
      assertThat(next.getJsonObject("event").getString("prevHash")).isEqualTo(auditBefore.get(2).getString("hash"));
      assertThat(api.accept(ANNA, "cutover.contracts-frozen").ok().getBoolean("changed"))
          .as("a sign-off replayed from the journal is still recognised as the same").isFalse();
    }

    @Test
    @DisplayName("a revocation survives a restart")
    void revocationSurvives() {
      api.accept(ANNA, "cutover.contracts-frozen").ok();
      api.revoke(ANNA, "cutover.contracts-frozen").ok();

      restart();

      JsonObject evaluation = api.evaluation();
      assertThat(evaluation.getLong("seq")).isEqualTo(2);
      assertThat(count(evaluation, "cutover")).isEqualTo("0/6");
      api.revoke(ANNA, "cutover.contracts-frozen").error(409, "NOT_SIGNED_OFF");
    }
  }

  @Nested
  @DisplayName("After tampering")
  class AfterTampering {

    @Test
    @DisplayName("one changed byte on disk makes GET /api/audit/verify answer valid false with firstBad, while the console runs")
    void verifyFindsIt() throws IOException {
      signOffSome();
      String firstHash = api.auditEvents().get(0).getString("hash");

      changeOneByte(2);

      JsonObject verify = api.verify();
      assertThat(verify.getBoolean("valid")).isFalse();
      assertThat(verify.getLong("firstBad")).isEqualTo(2);
      assertThat(verify.getLong("length")).isEqualTo(1);
      assertThat(verify.getString("head")).isEqualTo(firstHash);
      assertThat(verify.getString("problem")).isNotBlank();
      assertDegraded("event 2");
    }

    @Test
    @DisplayName("after a restart on a tampered journal every command is 503 AUDIT_CHAIN_BROKEN, nothing is appended, and reads still work")
    void commandsRefusedAfterRestart() throws IOException {
      signOffSome();
      changeOneByte(2);
      restart();
      byte[] journal = Files.readAllBytes(console.journal());

      api.accept(MAREK, "cutover.store-rehearsal").error(503, "AUDIT_CHAIN_BROKEN");
      api.decide(ANNA, "infra.hosting", "managed-postgres-eu").error(503, "AUDIT_CHAIN_BROKEN");
      api.revoke(ANNA, "cutover.contracts-frozen").error(503, "AUDIT_CHAIN_BROKEN");
      assertThat(Files.readAllBytes(console.journal())).as("the journal after refused commands").isEqualTo(journal);

      assertDegraded("event 2");
      assertThat(api.evaluation().getJsonObject("summary").getInteger("gatesTotal")).isEqualTo(9);
      api.get("/api/checks").ok();
      api.get("/api/packets/ProductionReleaseHandoff.v1").ok();
      api.get("/api/snapshot").ok();
      api.get("/api/audit").ok();
      JsonObject verify = api.verify();
      assertThat(verify.getBoolean("valid")).isFalse();
      assertThat(verify.getLong("firstBad")).isEqualTo(2);
    }

    @Test
    @DisplayName("the chain is checked before a command's own rules: an unknown actor is still 401, but a command the rules would refuse is 503")
    void chainBeforeRules() throws IOException {
      signOffSome();
      changeOneByte(1);
      restart();
      api.accept("user_mallory", "cutover.store-rehearsal").error(401, "UNKNOWN_ACTOR");
      api.accept(ANNA, "cutover.role-headers").error(503, "AUDIT_CHAIN_BROKEN");
      api.accept(ANNA, "no.such-check").error(503, "AUDIT_CHAIN_BROKEN");
      api.decide(ANNA, "infra.region", "mars").error(503, "AUDIT_CHAIN_BROKEN");
    }

    @Test
    @DisplayName("a pipeline is refused with 503 before it starts anything: no run, no transcript, no target")
    void pipelinesRefused() throws IOException {
      signOffSome();
      changeOneByte(2);
      restart();

      api.post("/api/pipelines/connection", ANNA).error(503, "AUDIT_CHAIN_BROKEN");

      api.get("/api/pipelines/connection").error(404, "NO_RUN_YET");
      assertThat(api.get("/api/pipelines").ok().getJsonArray("running")).isEmpty();
      assertThat(dataDir.resolve("target-pg")).as("the embedded target was never started").doesNotExist();
    }

    @Test
    @DisplayName("a run whose trail is found broken while it runs ends ERRORED and says it was not recorded, never PASSED")
    void runNotRecorded() throws IOException {
      signOffSome();
      // the first run starts the embedded target, which takes seconds: the trail breaks meanwhile
      String runId = api.startPipeline("connection", ANNA);
      changeOneByte(2);
      assertThat(api.verify().getBoolean("valid")).isFalse();

      JsonObject run = api.awaitRun(runId);

      assertThat(run.getString("status")).as(run.encodePrettily()).isEqualTo("ERRORED");
      assertThat(api.auditEvents()).hasSize(3);
      assertThat(api.get("/api/pipelines/connection").ok().getString("status")).isEqualTo("ERRORED");
    }

    @Test
    @DisplayName("the last event deleted while the console was down: verify says valid false, /health DEGRADED, commands 503")
    void lastEventDeleted() throws IOException {
      signOffSome();
      Path journal = console.journal();
      console.stop();
      List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
      Files.writeString(journal, String.join("\n", lines.subList(0, 2)) + "\n", StandardCharsets.UTF_8);
      restart();

      JsonObject verify = api.verify();
      assertThat(verify.getBoolean("valid")).isFalse();
      assertThat(verify.getLong("firstBad")).isEqualTo(3);
      assertThat(verify.getString("problem")).contains("removed from the end");
      assertDegraded("event 3");
      api.accept(MAREK, "cutover.store-rehearsal").error(503, "AUDIT_CHAIN_BROKEN");
      assertThat(Files.readAllLines(console.journal(), StandardCharsets.UTF_8)).hasSize(2);
    }

    @Test
    @DisplayName("only the journal's final newline removed: the complete last event is kept, not dropped as a torn append")
    void finalNewlineRemoved() throws IOException {
      signOffSome();
      String lastHash = api.auditEvents().get(2).getString("hash");
      Path journal = console.journal();
      console.stop();
      byte[] bytes = Files.readAllBytes(journal);
      Files.write(journal, java.util.Arrays.copyOf(bytes, bytes.length - 1));
      restart();

      JsonObject verify = api.verify();
      assertThat(verify.getBoolean("valid")).isTrue();
      assertThat(verify.getLong("length")).isEqualTo(3);
      assertThat(verify.getString("head")).isEqualTo(lastHash);
      assertThat(api.accept(MAREK, "cutover.store-rehearsal").ok().getLong("seq")).isEqualTo(4);
    }

    @Test
    @DisplayName("once verify has found tampering, a running console stops extending the chain")
    void noAppendAfterVerifyFoundTampering() throws IOException {
      signOffSome();
      changeOneByte(2);
      assertThat(api.verify().getBoolean("valid")).isFalse();

      api.accept(MAREK, "cutover.store-rehearsal").error(503, "AUDIT_CHAIN_BROKEN");
      assertThat(api.auditEvents()).hasSize(3);
    }
  }
}
