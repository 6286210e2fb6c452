package io.bfg.console.http;

import io.bfg.console.targetdb.TlsProbe;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.ApiClient.check;
import static io.bfg.console.http.ApiClient.count;
import static io.bfg.console.http.ApiClient.group;
import static io.bfg.console.http.ApiClient.step;
import static io.bfg.console.http.ApiClient.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both pipelines through the HTTP API against the console's own embedded target, as a newcomer's
 * first run does: the PostgreSQL starts on the first run, under the data dir, with TLS on. The
 * tests run in order on one console: connection, dry-run, then what a restart keeps.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Pipelines against the embedded target")
class PipelineApiTest {

  private Path dataDir;
  private RunningConsole console;
  private ApiClient api;
  private final List<String> logLines = new ArrayList<>();
  private final Handler logCapture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (logLines) {
        logLines.add(record.getMessage() + " " + (record.getThrown() == null ? "" : record.getThrown()));
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private String connectionRun;
  private String dryRun;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) {
    dataDir = dir;
    Logger.getLogger("").addHandler(logCapture);
    console = RunningConsole.bfg(vertx, dataDir);
    api = console.api();
  }

  @AfterAll
  void stop() {
    console.stop();
    Logger.getLogger("").removeHandler(logCapture);
  }

  @Test
  @Order(1)
  @DisplayName("the connection check passes its four steps, pins the server's certificate and readies the gate")
  void connection() throws Exception {
    assertThat(count(api.evaluation(), "connection")).isEqualTo("0/4");
    var reply = api.post("/api/pipelines/connection", ANNA);
    assertThat(reply.status()).isEqualTo(202);
    connectionRun = reply.json().getString("runId");
    assertThat(reply.json().getString("transcript")).isEqualTo("/api/pipelines/" + connectionRun);

    JsonObject run = api.awaitRun(connectionRun);

    assertThat(stepStatuses(run)).as(run.encodePrettily()).containsExactly("PASSED", "PASSED", "PASSED", "PASSED");
    assertThat(run.getString("status")).isEqualTo("PASSED");
    assertThat(run.getString("actor")).isEqualTo(ANNA);
    assertThat(run.getString("target")).matches("postgresql://bfg_app:\\*\\*\\*@127\\.0\\.0\\.1:\\d+/bfg_adapter\\?sslmode=verify-ca");
    String fingerprint = TlsProbe.fingerprintOf(dataDir.resolve("target-pg/tls/server.crt"));
    assertThat(step(run, "tls-fingerprint").getJsonObject("evidence").getString("sha256")).isEqualTo(fingerprint);
    assertThat(step(run, "endpoint-reachability").getJsonObject("evidence").getBoolean("sessionEncrypted")).isTrue();
    assertThat(step(run, "rbac-session").getJsonObject("evidence").getBoolean("superuser")).isFalse();

    JsonObject evaluation = api.evaluation();
    assertThat(count(evaluation, "connection")).isEqualTo("4/4");
    assertThat(group(evaluation, "connection").getString("status")).isEqualTo("READY");
    List<JsonObject> audit = api.auditEvents();
    assertThat(audit.get(audit.size() - 1).getString("type")).isEqualTo("pipeline.finished");
    assertThat(audit.get(audit.size() - 1).getJsonObject("payload").getJsonObject("run").getString("runId"))
        .isEqualTo(connectionRun);
    String packet = api.get("/api/packets/ProductionAdapterConnection.v1?format=raw").body();
    assertThat(packet).contains("status=PASSED", "run_id=" + connectionRun, "sha256=" + fingerprint,
        "endpoint=postgresql://bfg_app:***@127.0.0.1:");
    assertThat(api.get("/api/pipelines/connection").ok().getString("runId")).isEqualTo(connectionRun);
  }

  @Test
  @Order(2)
  @DisplayName("the dry-run passes its five steps with the snapshot's checksum and moves the dry-run gate")
  void dryRun() {
    dryRun = api.startPipeline("dry-run", ANNA);
    JsonObject run = api.awaitRun(dryRun);

    assertThat(stepStatuses(run)).as(run.encodePrettily()).containsOnly("PASSED").hasSize(5);
    assertThat(step(run, "adapter-replay").getJsonObject("evidence").getString("checksum"))
        .startsWith("2f5bb8c7");
    JsonObject evaluation = api.evaluation();
    assertThat(count(evaluation, "dry-run")).isEqualTo("5/5");
    assertThat(evaluation.getJsonObject("summary").getInteger("gatesReady")).isGreaterThan(2);
    assertThat(api.get("/api/packets/ProductionAdapterDryRun.v1?format=raw").body())
        .contains("status=PASSED", "checksumShort=bfg-2f5bb8c7", "rowsReadBack=286");
    JsonObject overview = api.get("/api/pipelines").ok();
    assertThat(overview.getJsonArray("running")).isEmpty();
    assertThat(overview.getJsonObject("latest").getJsonObject("dry-run").getString("runId")).isEqualTo(dryRun);
  }

  @Test
  @Order(3)
  @DisplayName("in Polish, the connection and dry-run steps are named and evidenced in Polish; in English, in English")
  void polishStepsAndEvidence() {
    JsonObject pl = api.get("/api/evaluation?lang=pl").ok();
    JsonObject en = api.get("/api/evaluation?lang=en").ok();
    for (String groupId : List.of("connection", "dry-run")) {
      for (Object item : group(pl, groupId).getJsonArray("checks")) {
        JsonObject polish = (JsonObject) item;
        JsonObject english = check(en, polish.getString("id"));
        assertThat(polish.getString("label")).as("PL name of %s", polish.getString("id"))
            .isNotEqualTo(english.getString("label"));
        String evidence = polish.getString("evidence");
        assertThat(evidence).as("PL evidence of %s", polish.getString("id")).isNotEqualTo(english.getString("evidence"))
            .containsPattern("[ąćęłńóśźż]|wiersz|sesja|zapisano|wykonano|wyeksportowano|serwer|rola");
        assertThat(evidence).as("PL evidence of %s", polish.getString("id"))
            .doesNotContainPattern("\\b(reached|wrote|exported|ran the|the server|session role|rolled back|read back)\\b");
      }
    }
    assertThat(check(pl, "connection.endpoint-reachability").getString("label")).isEqualTo("Osiągalność endpointu");
    assertThat(check(en, "connection.endpoint-reachability").getString("label")).isEqualTo("Endpoint reachability");
    assertThat(check(en, "connection.write-probe").getString("evidence"))
        .isEqualTo("wrote 1 row, read it back unchanged, rolled back: nothing left on the target");
    assertThat(check(pl, "connection.write-probe").getString("evidence"))
        .isEqualTo("zapisano 1 wiersz, odczytano go bez zmian, wycofano: na celu nic nie zostało");
  }

  @Test
  @Order(3)
  @DisplayName("no password reaches the log, the journal, a packet, a transcript or the data dir's other files")
  void noPasswordAnywhere() throws Exception {
    Properties credentials = new Properties();
    try (InputStream in = Files.newInputStream(dataDir.resolve("target-pg/credentials.properties"))) {
      credentials.load(in);
    }
    assertThat(credentials.stringPropertyNames()).contains("bfg_app", "postgres");
    List<String> places = new ArrayList<>();
    places.add(Files.readString(console.journal()));
    places.add(api.get("/api/audit").body());
    places.add(api.get("/api/pipelines").body());
    places.add(api.get("/api/pipelines/" + connectionRun).body());
    places.add(api.get("/api/pipelines/" + dryRun).body());
    for (Object id : api.get("/api/packets").ok().getJsonArray("packets")) {
      String packetId = id instanceof JsonObject o ? o.getString("id") : String.valueOf(id);
      places.add(api.get("/api/packets/" + packetId).body());
    }
    places.add(api.get("/api/evaluation").body());
    synchronized (logLines) {
      places.add(String.join("\n", logLines));
    }
    places.add(Files.readString(dataDir.resolve("target-pg/postgres.log")));
    for (String role : List.of("bfg_app", "postgres")) {
      String secret = credentials.getProperty(role);
      assertThat(places).as("places holding the password of " + role).noneMatch(text -> text.contains(secret));
    }
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("target-pg/credentials.properties")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  @Order(4)
  @DisplayName("after a restart the runs are still readable and the same embedded cluster (same certificate) answers")
  void restart() {
    String fingerprint = step(api.get("/api/pipelines/" + connectionRun).ok(), "tls-fingerprint")
        .getJsonObject("evidence").getString("sha256");
    console.restart();
    api = console.api();

    assertThat(api.get("/api/pipelines/" + dryRun).ok().getString("status")).isEqualTo("PASSED");
    assertThat(count(api.evaluation(), "dry-run")).isEqualTo("5/5");
    JsonObject again = api.awaitRun(api.startPipeline("connection", ANNA));
    assertThat(stepStatuses(again)).containsOnly("PASSED");
    assertThat(step(again, "tls-fingerprint").getJsonObject("evidence").getString("sha256")).isEqualTo(fingerprint);
    // the same evidence as before: the dry-run's checks stay ready
    assertThat(count(api.evaluation(), "dry-run")).isEqualTo("5/5");
  }
}
