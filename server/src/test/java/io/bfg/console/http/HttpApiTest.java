package io.bfg.console.http;

import io.bfg.console.http.ApiClient.Reply;
import io.bfg.console.model.AuditEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.ApiClient.CLIENT_ACTOR;
import static io.bfg.console.http.ApiClient.DRIVER;
import static io.bfg.console.http.ApiClient.MAREK;
import static io.bfg.console.http.ApiClient.OLENA;
import static io.bfg.console.http.ApiClient.check;
import static io.bfg.console.http.ApiClient.checks;
import static io.bfg.console.http.ApiClient.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API of the BFG console, end to end: a real {@link HttpVerticle} on port 0 over a real
 * service and file-local journal in a temporary folder, fresh for every test.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The console's HTTP API")
class HttpApiTest {

  private static final String HEX64 = "[0-9a-f]{64}";

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

  /** Every refusal must leave the journal exactly as it was. */
  private void assertNothingWritten() {
    assertThat(api.auditEvents()).as("audit events after a refused command").isEmpty();
    JsonObject verify = api.verify();
    assertThat(verify.getBoolean("valid")).isTrue();
    assertThat(verify.getLong("length")).isZero();
    assertThat(api.evaluation().getLong("seq")).isZero();
  }

  @Nested
  @DisplayName("Reading")
  class Reading {

    @Test
    @DisplayName("GET /health says UP with the scenario, the seq and the store")
    void health() {
      JsonObject health = api.get("/health").ok();
      assertThat(health.getString("status")).isEqualTo("UP");
      assertThat(health.getString("scenario")).isEqualTo("bfg-flowcontrol");
      assertThat(health.getLong("seq")).isZero();
      assertThat(health.getString("store")).isEqualTo("file-local");
      assertThat(health.getJsonObject("chain").getBoolean("valid")).isTrue();
      assertThat(health.getJsonObject("chain").getLong("length")).isZero();
    }

    @Test
    @DisplayName("GET /api/evaluation shows 2/9 gates ready, production blocked, and a recommendation naming an unmet check")
    void evaluation() {
      JsonObject evaluation = api.evaluation();
      assertThat(evaluation.getString("schema")).isEqualTo("IntegrationEvaluation.v1");
      assertThat(evaluation.getString("lang")).isEqualTo("en");
      assertThat(evaluation.getLong("seq")).isZero();

      JsonObject summary = evaluation.getJsonObject("summary");
      assertThat(summary.getInteger("gatesReady")).isEqualTo(2);
      assertThat(summary.getInteger("gatesTotal")).isEqualTo(9);
      assertThat(summary.getInteger("percent")).isBetween(0, 99);
      assertThat(summary.getString("decision")).isEqualTo("BLOCKED_PENDING_DRY_RUN");
      assertThat(summary.getBoolean("go")).isFalse();
      assertThat(evaluation.getJsonArray("gates")).hasSize(9);

      JsonObject recommendation = evaluation.getJsonObject("recommendation");
      assertThat(recommendation.getString("action")).isNotBlank();
      assertThat(recommendation.getString("reason")).isNotBlank();
      JsonObject next = check(evaluation, recommendation.getString("checkId"));
      assertThat(next.getString("status")).isNotEqualTo("READY");
    }

    @Test
    @DisplayName("every check of the evaluation carries an id, a status and an owner who is an actor")
    void checksCarryTheContractFields() {
      JsonObject evaluation = api.evaluation();
      List<String> actors = evaluation.getJsonArray("actors").stream()
          .map(actor -> ((JsonObject) actor).getString("id")).toList();
      assertThat(actors).containsExactlyInAnyOrder(ANNA, MAREK, OLENA, DRIVER, CLIENT_ACTOR);
      assertThat(checks(evaluation)).isNotEmpty().allSatisfy(check -> {
        assertThat(check.getString("id")).isNotBlank();
        assertThat(check.getString("status")).isIn("READY", "REVIEW", "BLOCKED");
        assertThat(check.getString("owner")).isIn(actors);
      });
    }

    @Test
    @DisplayName("?lang=pl renders the same evaluation with Polish labels")
    void polish() {
      JsonObject english = api.evaluation();
      JsonObject polish = api.get("/api/evaluation?lang=pl").ok();
      assertThat(polish.getString("lang")).isEqualTo("pl");
      assertThat(polish.getJsonObject("summary").getInteger("gatesReady")).isEqualTo(2);
      assertThat(polish.getJsonObject("summary").getString("decision"))
          .isEqualTo(english.getJsonObject("summary").getString("decision"));
      assertThat(polish.getJsonArray("gates").getJsonObject(0).getString("label"))
          .isEqualTo("Kontrakty providerów są zmapowane");
      assertThat(check(polish, "cutover.role-headers").getString("label")).isEqualTo("Nagłówki ról zmapowane");
      assertThat(check(english, "cutover.role-headers").getString("label")).isEqualTo("Role headers mapped");
    }

    @Test
    @DisplayName("GET /api/checks lists every check of every group once, each with its group")
    void allChecks() {
      JsonObject body = api.get("/api/checks").ok();
      assertThat(body.getLong("seq")).isZero();
      List<JsonObject> listed = body.getJsonArray("checks").stream().map(JsonObject.class::cast).toList();
      List<String> ids = listed.stream().map(check -> check.getString("id")).toList();
      assertThat(ids).doesNotHaveDuplicates()
          .containsExactlyElementsOf(checks(api.evaluation()).stream().map(check -> check.getString("id")).toList())
          .contains("cutover.contracts-frozen", "infra.region", "preflight.schema-map", "rollback.freeze-window");
      assertThat(listed).allSatisfy(check -> assertThat(check.getString("group")).isNotBlank());
    }

    @Test
    @DisplayName("GET /api/checks/{id} gives one check with its kind, owner, group and status, in either language")
    void oneCheck() {
      JsonObject check = api.get("/api/checks/cutover.role-headers").ok();
      assertThat(check.getString("id")).isEqualTo("cutover.role-headers");
      assertThat(check.getString("kind")).isEqualTo("owner-acceptance");
      assertThat(check.getString("owner")).isEqualTo(MAREK);
      assertThat(check.getString("group")).isEqualTo("cutover");
      assertThat(check.getString("status")).isNotBlank();
      assertThat(check.getLong("seq")).isZero();
      assertThat(api.get("/api/checks/cutover.role-headers?lang=pl").ok().getString("label"))
          .isEqualTo("Nagłówki ról zmapowane");
      JsonObject decision = api.get("/api/checks/infra.region").ok();
      assertThat(decision.getString("kind")).isEqualTo("decision");
      assertThat(decision.getJsonArray("options").stream().map(o -> ((JsonObject) o).getString("value")))
          .containsExactly("eu-central-pl", "eu-central-de");
    }

    @Test
    @DisplayName("GET /api/packets lists the seven packets with format, decision, checksum and link")
    void packetList() {
      JsonArray packets = api.get("/api/packets").ok().getJsonArray("packets");
      assertThat(packets.stream().map(p -> ((JsonObject) p).getString("id"))).containsExactly(
          "ProductionAdapterMigrationRunbook.v1", "ProductionReleaseHandoff.v1", "ProductionRollbackDrill.v1",
          "ProductionAdapterConnection.v1", "ProductionAdapterDryRun.v1", "ProductionAdapterMigrationPreflight.v1",
          "ProductionDataCutoverPlan.v1");
      assertThat(packets.stream().map(JsonObject.class::cast)).allSatisfy(packet -> {
        assertThat(packet.getString("format")).isIn("sql", "env", "text");
        assertThat(packet.getString("decision")).isNotBlank();
        assertThat(packet.getString("checksum")).matches(HEX64);
        assertThat(packet.getString("href")).isEqualTo("/api/packets/" + packet.getString("id"));
      });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ProductionAdapterMigrationRunbook.v1", "ProductionReleaseHandoff.v1",
        "ProductionRollbackDrill.v1", "ProductionAdapterConnection.v1", "ProductionAdapterDryRun.v1",
        "ProductionAdapterMigrationPreflight.v1", "ProductionDataCutoverPlan.v1"})
    @DisplayName("each packet comes as a JSON envelope whose checksum is its content's SHA-256, and raw as that content")
    void packet(String id) {
      JsonObject envelope = api.get("/api/packets/" + id).ok();
      assertThat(envelope.getString("id")).isEqualTo(id);
      assertThat(envelope.getLong("seq")).isZero();
      String content = envelope.getString("content");
      assertThat(content).isNotBlank();
      assertThat(envelope.getString("checksum")).isEqualTo(sha256(content));

      Reply raw = api.get("/api/packets/" + id + "?format=raw");
      assertThat(raw.status()).isEqualTo(200);
      assertThat(raw.contentType()).startsWith(envelope.getString("format").equals("sql") ? "application/sql"
          : "text/plain");
      assertThat(raw.body()).isEqualTo(content);
    }

    @Test
    @DisplayName("the migration runbook forces row level security")
    void runbookForcesRls() {
      String sql = api.get("/api/packets/ProductionAdapterMigrationRunbook.v1?format=raw").body();
      assertThat(sql.toLowerCase()).contains("force row level security", "enable row level security");
    }

    @Test
    @DisplayName("the release handoff exports nine distinct BFG_* variables")
    void releaseHandoffHasNineVariables() {
      String env = api.get("/api/packets/ProductionReleaseHandoff.v1?format=raw").body();
      Matcher matcher = Pattern.compile("(?m)^(BFG_[A-Z0-9_]+)=").matcher(env);
      List<String> names = matcher.results().map(result -> result.group(1)).toList();
      assertThat(names).hasSize(9).doesNotHaveDuplicates().contains("BFG_RELEASE_DECISION");
    }

    @Test
    @DisplayName("GET /api/snapshot gives the snapshot whose short checksum is bfg- and the first 8 hex digits of its checksum")
    void snapshot() {
      JsonObject snapshot = api.get("/api/snapshot").ok();
      assertThat(snapshot.getString("schema")).isEqualTo("BFGScenarioSnapshot.v1");
      String checksum = snapshot.getString("checksum");
      assertThat(checksum).matches(HEX64);
      assertThat(snapshot.getString("checksumShort")).isEqualTo("bfg-" + checksum.substring(0, 8));
      int byTable = snapshot.getJsonObject("rowsByTable").stream().mapToInt(e -> (Integer) e.getValue()).sum();
      int byBatch = snapshot.getJsonObject("rowsByBatch").stream().mapToInt(e -> (Integer) e.getValue()).sum();
      assertThat(snapshot.getInteger("rows")).isPositive().isEqualTo(byTable).isEqualTo(byBatch);
      assertThat(snapshot.getJsonObject("payload")).isNotNull();
    }

    @Test
    @DisplayName("a fresh console has an empty audit trail that verifies from the genesis hash")
    void emptyAudit() {
      assertThat(api.auditEvents()).isEmpty();
      JsonObject verify = api.verify();
      assertThat(verify.getBoolean("valid")).isTrue();
      assertThat(verify.getLong("length")).isZero();
      assertThat(verify.getString("head")).isEqualTo(AuditEvent.GENESIS_HASH);
      assertThat(verify.getValue("firstBad")).isNull();
    }
  }

  @Nested
  @DisplayName("Signing off")
  class SigningOff {

    @Test
    @DisplayName("Anna signing off her cutover rehearsal moves cutover to 1/6, raises seq and appends one chained audit event")
    void acceptByOwner() {
      assertThat(count(api.evaluation(), "cutover")).isEqualTo("0/6");

      JsonObject result = api.accept(ANNA, "cutover.contracts-frozen").ok();
      assertThat(result.getBoolean("changed")).isTrue();
      assertThat(result.getLong("seq")).isEqualTo(1);
      JsonObject event = result.getJsonObject("event");
      assertThat(event.getString("type")).isEqualTo("check.accepted");
      assertThat(event.getString("actor")).isEqualTo(ANNA);
      assertThat(event.getJsonObject("payload").getString("checkId")).isEqualTo("cutover.contracts-frozen");

      JsonObject evaluation = api.evaluation();
      assertThat(evaluation.getLong("seq")).isEqualTo(1);
      assertThat(count(evaluation, "cutover")).isEqualTo("1/6");
      JsonObject signOff = check(evaluation, "cutover.contracts-frozen").getJsonObject("signOff");
      assertThat(signOff.getString("actor")).isEqualTo(ANNA);

      List<JsonObject> audit = api.auditEvents();
      assertThat(audit).hasSize(1);
      assertThat(audit.get(0).getLong("seq")).isEqualTo(1);
      assertThat(audit.get(0).getString("prevHash")).isEqualTo(AuditEvent.GENESIS_HASH);
      assertThat(audit.get(0).getString("hash")).matches(HEX64).isEqualTo(event.getString("hash"));

      JsonObject verify = api.verify();
      assertThat(verify.getBoolean("valid")).isTrue();
      assertThat(verify.getLong("length")).isEqualTo(1);
      assertThat(verify.getString("head")).isEqualTo(event.getString("hash"));
    }

    @Test
    @DisplayName("repeating a sign-off answers 200 with changed false and appends nothing")
    void repeatIsIdempotent() {
      api.accept(ANNA, "cutover.contracts-frozen").ok();

      JsonObject again = api.accept(ANNA, "cutover.contracts-frozen").ok();
      assertThat(again.getBoolean("changed")).isFalse();
      assertThat(again.getLong("seq")).isEqualTo(1);
      assertThat(again.containsKey("event")).isFalse();
      assertThat(api.auditEvents()).hasSize(1);
      assertThat(api.evaluation().getLong("seq")).isEqualTo(1);
    }

    @Test
    @DisplayName("revoking takes cutover back to 0/6 with a chained event, and revoking again is 409 NOT_SIGNED_OFF")
    void revoke() {
      api.accept(ANNA, "cutover.contracts-frozen").ok();

      JsonObject revoked = api.revoke(ANNA, "cutover.contracts-frozen").ok();
      assertThat(revoked.getBoolean("changed")).isTrue();
      assertThat(revoked.getLong("seq")).isEqualTo(2);
      JsonObject evaluation = api.evaluation();
      assertThat(count(evaluation, "cutover")).isEqualTo("0/6");
      assertThat(check(evaluation, "cutover.contracts-frozen").containsKey("signOff")).isFalse();

      List<JsonObject> audit = api.auditEvents();
      assertThat(audit).extracting(e -> e.getString("type")).containsExactly("check.accepted", "check.revoked");
      assertThat(audit.get(1).getString("prevHash")).isEqualTo(audit.get(0).getString("hash"));

      api.revoke(ANNA, "cutover.contracts-frozen").error(409, "NOT_SIGNED_OFF");
      assertThat(api.auditEvents()).hasSize(2);
      assertThat(api.verify().getBoolean("valid")).isTrue();
    }

    @Test
    @DisplayName("an empty JSON object body is accepted like no body")
    void emptyObjectBody() {
      assertThat(api.post("/api/checks/cutover.contracts-frozen/accept", ANNA, "{}").ok().getBoolean("changed"))
          .isTrue();
    }
  }

  @Nested
  @DisplayName("Recording decisions")
  class RecordingDecisions {

    @Test
    @DisplayName("Anna choosing an offered region records it: 200, infrastructure 1/4, the value on the check")
    void decide() {
      JsonObject result = api.decide(ANNA, "infra.region", "eu-central-pl").ok();
      assertThat(result.getBoolean("changed")).isTrue();
      assertThat(result.getJsonObject("event").getJsonObject("payload").getString("value")).isEqualTo("eu-central-pl");

      JsonObject evaluation = api.evaluation();
      assertThat(count(evaluation, "infrastructure")).isEqualTo("1/4");
      assertThat(check(evaluation, "infra.region").getJsonObject("signOff").getString("value"))
          .isEqualTo("eu-central-pl");
      assertThat(api.decide(ANNA, "infra.region", "eu-central-pl").ok().getBoolean("changed")).isFalse();
      assertThat(api.decide(ANNA, "infra.region", "eu-central-de").ok().getBoolean("changed")).isTrue();
      assertThat(api.auditEvents()).hasSize(2);
    }

    static Stream<Arguments> badBodies() {
      return Stream.of(
          Arguments.of("a value that is not an option", "{\"value\":\"mars-north\"}", "INVALID_VALUE"),
          Arguments.of("a number", "{\"value\":3}", "INVALID_BODY"),
          Arguments.of("a blank value", "{\"value\":\" \"}", "INVALID_BODY"),
          Arguments.of("no value", "{}", "INVALID_BODY"),
          Arguments.of("truncated JSON", "{\"value\":", "MALFORMED_JSON"),
          Arguments.of("a JSON array", "[\"eu-central-pl\"]", "MALFORMED_JSON"),
          Arguments.of("a JSON string", "\"eu-central-pl\"", "MALFORMED_JSON"),
          Arguments.of("an empty body", "", "MALFORMED_JSON"));
    }

    @ParameterizedTest(name = "{0} -> 400 {2}")
    @MethodSource("badBodies")
    @DisplayName("a decision body that is not {\"value\": <an option>} is refused with 400 and writes nothing")
    void badBody(String what, String body, String code) {
      api.post("/api/decisions/infra.region", ANNA, body).error(400, code);
      assertNothingWritten();
    }

    @Test
    @DisplayName("a malformed body on a sign-off is refused with 400 MALFORMED_JSON and writes nothing")
    void malformedSignOffBody() {
      api.post("/api/checks/cutover.contracts-frozen/accept", ANNA, "{\"value\":").error(400, "MALFORMED_JSON");
      api.post("/api/checks/cutover.contracts-frozen/accept", ANNA, "[]").error(400, "MALFORMED_JSON");
      assertNothingWritten();
    }
  }

  @Nested
  @DisplayName("Refusing")
  class Refusing {

    @Test
    @DisplayName("a command without X-Actor-Id is 401 UNAUTHENTICATED")
    void noActor() {
      api.post("/api/checks/cutover.contracts-frozen/accept", null).error(401, "UNAUTHENTICATED");
      api.post("/api/checks/cutover.contracts-frozen/revoke", null).error(401, "UNAUTHENTICATED");
      api.post("/api/decisions/infra.region", null, "{\"value\":\"eu-central-pl\"}").error(401, "UNAUTHENTICATED");
      api.post("/api/checks/cutover.contracts-frozen/accept", " ").error(401, "UNAUTHENTICATED");
      assertNothingWritten();
    }

    @Test
    @DisplayName("a command by an id that is no actor of the scenario is 401 UNKNOWN_ACTOR")
    void unknownActor() {
      assertThat(api.accept("user_mallory", "cutover.contracts-frozen").error(401, "UNKNOWN_ACTOR"))
          .contains("user_mallory");
      api.decide("user_mallory", "infra.region", "eu-central-pl").error(401, "UNKNOWN_ACTOR");
      assertNothingWritten();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {DRIVER, CLIENT_ACTOR})
    @DisplayName("an actor without checks.accept or decisions.record gets 403 FORBIDDEN for every check, known or not")
    void actorsWhoMaySignOffNothing(String actor) {
      List<String> ids = Stream.concat(checks(api.evaluation()).stream().map(check -> check.getString("id")),
          Stream.of("no.such-check")).toList();
      for (String id : ids) {
        assertThat(api.accept(actor, id).error(403, "FORBIDDEN")).contains(actor);
        api.revoke(actor, id).error(403, "FORBIDDEN");
      }
      for (String decision : List.of("infra.hosting", "infra.region", "infra.runtime-owner", "infra.secrets-backup")) {
        api.decide(actor, decision, "eu-central-pl").error(403, "FORBIDDEN");
      }
      assertNothingWritten();
    }

    @Test
    @DisplayName("an actor who may sign off but not decide gets 403 FORBIDDEN on a decision")
    void decisionWithoutPermission() {
      api.decide(MAREK, "infra.region", "eu-central-pl").error(403, "FORBIDDEN");
      assertNothingWritten();
    }

    @Test
    @DisplayName("Anna signing off Marek's cutover.role-headers is 403 NOT_OWNER naming Marek")
    void notOwner() {
      String message = api.accept(ANNA, "cutover.role-headers").error(403, "NOT_OWNER");
      assertThat(message).contains(MAREK);
      api.accept(OLENA, "cutover.role-headers").error(403, "NOT_OWNER");
      assertNothingWritten();
    }

    @Test
    @DisplayName("an unknown check is 404 UNKNOWN_CHECK for a permitted actor, on every route that names one")
    void unknownCheck() {
      api.accept(ANNA, "no.such-check").error(404, "UNKNOWN_CHECK");
      api.revoke(ANNA, "no.such-check").error(404, "UNKNOWN_CHECK");
      api.decide(ANNA, "no.such-check", "x").error(404, "UNKNOWN_CHECK");
      api.get("/api/checks/no.such-check").error(404, "UNKNOWN_CHECK");
      assertNothingWritten();
    }

    @Test
    @DisplayName("an unknown packet is 404 UNKNOWN_PACKET, raw or not")
    void unknownPacket() {
      api.get("/api/packets/NoSuchPacket.v1").error(404, "UNKNOWN_PACKET");
      api.get("/api/packets/NoSuchPacket.v1?format=raw").error(404, "UNKNOWN_PACKET");
    }

    @Test
    @DisplayName("an unknown route is 404 NOT_FOUND, GET or POST")
    void unknownRoute() {
      api.get("/api/nothing-here").error(404, "NOT_FOUND");
      api.get("/api/checks/cutover.contracts-frozen/nothing").error(404, "NOT_FOUND");
    }

    @Test
    @DisplayName("a known route with the wrong method is 405 METHOD_NOT_ALLOWED")
    void wrongMethod() {
      api.send("PUT", "/api/evaluation").error(405, "METHOD_NOT_ALLOWED");
      api.send("DELETE", "/api/checks/cutover.contracts-frozen").error(405, "METHOD_NOT_ALLOWED");
      api.send("PUT", "/api/checks/cutover.contracts-frozen/accept").error(405, "METHOD_NOT_ALLOWED");
      api.send("DELETE", "/api/audit").error(405, "METHOD_NOT_ALLOWED");
      assertNothingWritten();
    }

    @Test
    @DisplayName("under /api, a GET on a POST-only route is 405 and a POST to an unknown route is 404")
    void staticFilesDoNotBlurApiStatuses() {
      api.get("/api/checks/cutover.contracts-frozen/accept").error(405, "METHOD_NOT_ALLOWED");
      api.get("/api/decisions/infra.region").error(405, "METHOD_NOT_ALLOWED");
      api.send("PUT", "/api/pipelines/connection").error(405, "METHOD_NOT_ALLOWED");
      api.post("/api/nothing-here", ANNA).error(404, "NOT_FOUND");
      assertNothingWritten();
    }

    @Test
    @DisplayName("signing off rollback.freeze-window before the dry-run is 409 DEPENDENCY_UNMET naming dry-run")
    void dependencyUnmet() {
      assertThat(api.accept(ANNA, "rollback.freeze-window").error(409, "DEPENDENCY_UNMET")).contains("dry-run");
      assertNothingWritten();
    }

    @Test
    @DisplayName("accepting a derived, pipeline or decision check, or deciding a sign-off, is 409 WRONG_KIND")
    void wrongKind() {
      assertThat(api.accept(ANNA, "preflight.schema-map").error(409, "WRONG_KIND")).contains("derived");
      assertThat(api.accept(ANNA, "infra.region").error(409, "WRONG_KIND")).contains("/api/decisions/infra.region");
      assertThat(api.accept(ANNA, "connection.endpoint-reachability").error(409, "WRONG_KIND"))
          .contains("/api/pipelines/connection");
      api.decide(ANNA, "cutover.contracts-frozen", "yes").error(409, "WRONG_KIND");
      api.revoke(ANNA, "preflight.schema-map").error(409, "WRONG_KIND");
      assertNothingWritten();
    }

    @Test
    @DisplayName("?lang=de is 400 INVALID_LANG")
    void invalidLang() {
      api.get("/api/evaluation?lang=de").error(400, "INVALID_LANG");
      api.get("/api/checks?lang=de").error(400, "INVALID_LANG");
      api.get("/api/checks/cutover.contracts-frozen?lang=de").error(400, "INVALID_LANG");
    }

    @Test
    @DisplayName("?since= that is not a number is 400 INVALID_PARAMETER")
    void invalidSince() {
      api.get("/api/audit?since=yesterday").error(400, "INVALID_PARAMETER");
    }

    @Test
    @DisplayName("a pipeline start refused before it reaches the target (401, 403, 404, 409) writes nothing")
    void pipelineRefusals() {
      api.post("/api/pipelines/connection", null).error(401, "UNAUTHENTICATED");
      assertThat(api.post("/api/pipelines/connection", OLENA).error(403, "FORBIDDEN")).contains("pipelines.run");
      assertThat(api.post("/api/pipelines/migrate", ANNA).error(404, "UNKNOWN_PIPELINE")).contains("dry-run");
      assertThat(api.post("/api/pipelines/dry-run", ANNA).error(409, "DEPENDENCY_UNMET"))
          .contains("connection", "satisfy that first");
      api.post("/api/pipelines/connection", ANNA, "[1]").error(400, "MALFORMED_JSON");
      api.get("/api/pipelines/connection").error(404, "NO_RUN_YET");
      api.get("/api/pipelines/run-connection-000000000000").error(404, "UNKNOWN_RUN");
      assertThat(api.get("/api/pipelines").ok().getJsonArray("running")).isEmpty();
      assertNothingWritten();
    }

    @Test
    @DisplayName("a body over CONSOLE_MAX_BODY_BYTES is 413 PAYLOAD_TOO_LARGE and writes nothing")
    void bodyTooLarge(Vertx vertx) {
      RunningConsole small = RunningConsole.start(vertx, RunningConsole.BFG, dataDir.resolve("small"),
          Map.of("CONSOLE_MAX_BODY_BYTES", "1024"));
      try {
        ApiClient smallApi = small.api();
        String big = new JsonObject().put("value", "x".repeat(2048)).encode();
        smallApi.post("/api/decisions/infra.region", ANNA, big).error(413, "PAYLOAD_TOO_LARGE");
        smallApi.post("/api/checks/cutover.contracts-frozen/accept", ANNA, big).error(413, "PAYLOAD_TOO_LARGE");
        assertThat(smallApi.auditEvents()).isEmpty();
        assertThat(smallApi.decide(ANNA, "infra.region", "eu-central-pl").ok().getBoolean("changed")).isTrue();
      } finally {
        small.stop();
      }
    }

    @Test
    @DisplayName("a long form-encoded body on a command is a client error (4xx), not a 500")
    void formBodyIsAClientError() {
      Reply reply = api.post("/api/checks/cutover.contracts-frozen/accept", ANNA, "a".repeat(2000),
          "application/x-www-form-urlencoded");
      reply.assertNoStackTrace();
      assertThat(reply.status()).as("status of %s (body %s)", reply.request(), reply.body()).isBetween(400, 499);
      assertNothingWritten();
    }
  }

  @Nested
  @DisplayName("Under concurrent commands")
  class Concurrency {

    private WebClient client(Vertx vertx) {
      return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(console.port()), new PoolOptions().setHttp1MaxSize(32));
    }

    private Future<HttpResponse<Buffer>> command(WebClient client, String actor, String path, String body) {
      var request = client.post(path).putHeader(MockHeaderAuth.HEADER, actor);
      return body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
    }

    @Test
    @DisplayName("twenty simultaneous sign-offs of one check by its owner all answer 200 and append exactly one event")
    void sameCheck(Vertx vertx, VertxTestContext ctx) {
      WebClient client = client(vertx);
      List<Future<HttpResponse<Buffer>>> replies = IntStream.range(0, 20)
          .mapToObj(i -> command(client, ANNA, "/api/checks/cutover.contracts-frozen/accept", null)).toList();
      Future.all(replies)
          .compose(all -> client.get("/api/audit").send())
          .onComplete(ctx.succeeding(audit -> ctx.verify(() -> {
            assertThat(replies).allSatisfy(reply -> assertThat(reply.result().statusCode()).isEqualTo(200));
            assertThat(replies.stream().filter(reply -> reply.result().bodyAsJsonObject().getBoolean("changed")))
                .hasSize(1);
            JsonArray events = audit.bodyAsJsonObject().getJsonArray("events");
            assertThat(events).hasSize(1);
            assertThat(events.getJsonObject(0).getJsonObject("payload").getString("checkId"))
                .isEqualTo("cutover.contracts-frozen");
            ctx.completeNow();
          })));
    }

    @Test
    @DisplayName("simultaneous sign-offs and decisions of different checks by their owners get contiguous seqs and a valid chain")
    void differentChecks(Vertx vertx, VertxTestContext ctx) {
      WebClient client = client(vertx);
      List<Future<HttpResponse<Buffer>>> replies = List.of(
          command(client, ANNA, "/api/checks/cutover.contracts-frozen/accept", null),
          command(client, MAREK, "/api/checks/cutover.role-headers/accept", null),
          command(client, MAREK, "/api/checks/cutover.store-rehearsal/accept", null),
          command(client, OLENA, "/api/checks/cutover.database-schema/accept", null),
          command(client, OLENA, "/api/checks/cutover.secrets-auth/accept", null),
          command(client, ANNA, "/api/checks/cutover.migration-rollback/accept", null),
          command(client, ANNA, "/api/checks/selection.live-provider/accept", null),
          command(client, ANNA, "/api/checks/selection.auth-owner/accept", null),
          command(client, ANNA, "/api/checks/selection.tenant-secrets/accept", null),
          command(client, ANNA, "/api/decisions/infra.hosting", "{\"value\":\"managed-postgres-eu\"}"),
          command(client, ANNA, "/api/decisions/infra.region", "{\"value\":\"eu-central-pl\"}"),
          command(client, ANNA, "/api/decisions/infra.runtime-owner", "{\"value\":\"bfg-internal-ops\"}"),
          command(client, ANNA, "/api/decisions/infra.secrets-backup", "{\"value\":\"vault-rpo-1h\"}"));
      int n = replies.size();
      Future.all(replies)
          .compose(all -> Future.all(client.get("/api/audit").send(), client.get("/api/audit/verify").send(),
              client.get("/api/evaluation").send()))
          .onComplete(ctx.succeeding(reads -> ctx.verify(() -> {
            assertThat(replies).allSatisfy(reply -> {
              assertThat(reply.result().statusCode()).as(reply.result().bodyAsString()).isEqualTo(200);
              assertThat(reply.result().bodyAsJsonObject().getBoolean("changed")).isTrue();
            });
            assertThat(replies.stream().map(reply -> reply.result().bodyAsJsonObject().getLong("seq")))
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, n).boxed().toList());

            JsonArray events = reads.<HttpResponse<Buffer>>resultAt(0).bodyAsJsonObject().getJsonArray("events");
            assertThat(events).hasSize(n);
            String previous = AuditEvent.GENESIS_HASH;
            for (int i = 0; i < n; i++) {
              JsonObject event = events.getJsonObject(i);
              assertThat(event.getLong("seq")).isEqualTo(i + 1L);
              assertThat(event.getString("prevHash")).isEqualTo(previous);
              previous = event.getString("hash");
            }
            JsonObject verify = reads.<HttpResponse<Buffer>>resultAt(1).bodyAsJsonObject();
            assertThat(verify.getBoolean("valid")).isTrue();
            assertThat(verify.getLong("length")).isEqualTo(n);
            assertThat(verify.getString("head")).isEqualTo(previous);

            JsonObject evaluation = reads.<HttpResponse<Buffer>>resultAt(2).bodyAsJsonObject();
            assertThat(evaluation.getLong("seq")).isEqualTo(n);
            assertThat(count(evaluation, "cutover")).isEqualTo("6/6");
            assertThat(count(evaluation, "infrastructure")).isEqualTo("4/4");
            assertThat(count(evaluation, "provider-selection")).isEqualTo("3/4");
            ctx.completeNow();
          })));
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
