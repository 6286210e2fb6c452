package io.bfg.console.pipeline;

import io.bfg.console.auth.TestIssuer;
import io.bfg.console.eval.Checksums;
import io.bfg.console.http.ApiClient;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.ApiClient.count;
import static io.bfg.console.http.ApiClient.group;
import static io.bfg.console.http.ApiClient.step;
import static io.bfg.console.http.ApiClient.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity check through the HTTP API of a console in mock-auth mode (as an operator proves the IdP
 * before switching CONSOLE_AUTH), against a real OIDC provider (mock-oauth2-server, in process, plain
 * http on loopback) and, where the provider must misbehave, a small HTTP server speaking the same
 * protocol. None of it touches the target PostgreSQL.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The identity check")
class IdentityCheckTest {

  private static final String SECRET = "probe-secret-7f3a91";
  private static final String AUDIENCE = "console-api";

  @TempDir
  Path dataDir;
  private MockOAuth2Server idp;
  private RunningConsole console;
  private HttpServer fake;
  private Vertx vertx;

  @BeforeEach
  void startProvider(Vertx vertx) {
    this.vertx = vertx;
    idp = new MockOAuth2Server();
    idp.start();
  }

  @AfterEach
  void stop() {
    if (console != null) {
      console.stop();
    }
    if (fake != null) {
      RunningConsole.await(fake.close());
    }
    idp.shutdown();
  }

  private String issuer() {
    return idp.issuerUrl("bfg").toString();
  }

  /** A probe client whose token names the console's audience; ids are usable as preferred_username values. */
  private Map<String, String> settings(String issuer) {
    Map<String, String> env = new HashMap<>();
    env.put("CONSOLE_OIDC_ISSUER", issuer);
    env.put("CONSOLE_OIDC_CLIENT_ID", "integration-console");
    env.put("CONSOLE_OIDC_AUDIENCE", AUDIENCE);
    env.put("CONSOLE_OIDC_ACTOR_CLAIM", "preferred_username");
    env.put("CONSOLE_OIDC_PROBE_CLIENT_ID", "console-probe");
    env.put("CONSOLE_OIDC_PROBE_CLIENT_SECRET", SECRET);
    env.put("CONSOLE_OIDC_PROBE_SCOPE", AUDIENCE);
    return env;
  }

  private JsonObject run(Path scenario, Map<String, String> env) {
    console = RunningConsole.start(vertx, scenario, dataDir, env);
    ApiClient api = console.api();
    return api.awaitRun(api.startPipeline("identity", ANNA));
  }

  @Test
  @DisplayName("passes all four steps against a real provider, records the evidence and readies the identity checks")
  void passes() throws IOException {
    JsonObject run = run(RunningConsole.BFG, settings(issuer()));

    assertThat(stepStatuses(run)).as(run.encodePrettily()).containsExactly("PASSED", "PASSED", "PASSED", "PASSED");
    assertThat(run.getString("status")).isEqualTo("PASSED");
    assertThat(run.getString("target")).isEqualTo(issuer());
    JsonObject discovery = step(run, "discovery").getJsonObject("evidence");
    assertThat(discovery.getString("issuer")).isEqualTo(issuer());
    assertThat(discovery.getString("warning")).isEqualTo("not TLS: loopback only");
    assertThat(discovery.getJsonObject("endpoints").fieldNames())
        .containsExactly("authorization_endpoint", "token_endpoint", "jwks_uri");
    JsonObject jwks = step(run, "jwks").getJsonObject("evidence");
    assertThat(jwks.getJsonArray("kids")).isNotEmpty();
    assertThat(jwks.getJsonArray("algs")).containsExactly("RS256");
    assertThat(jwks.encode()).doesNotContain("\"n\"", "\"e\"");
    JsonObject token = step(run, "client-token").getJsonObject("evidence");
    assertThat(token.getJsonArray("claims").getList()).contains("iss", "aud", "exp", "sub");
    assertThat(token.getJsonArray("audience")).containsExactly(AUDIENCE);
    assertThat(token.getString("subjectFingerprint")).isEqualTo("sha256:"
        + Checksums.sha256Hex("console-probe".getBytes(StandardCharsets.UTF_8)).substring(0, 16));
    assertThat(step(run, "client-token").getJsonObject("metrics").getString("expiresAt")).isNotBlank();
    JsonObject roles = step(run, "roles-mapped").getJsonObject("evidence");
    assertThat(roles.getJsonArray("unmapped")).isEmpty();
    assertThat(roles.getJsonObject("mapped").fieldNames()).hasSize(5);

    ApiClient api = console.api();
    JsonObject evaluation = api.evaluation();
    assertThat(count(evaluation, "identity")).isEqualTo("4/4");
    assertThat(group(evaluation, "identity").getString("status")).isEqualTo("READY");
    List<JsonObject> audit = api.auditEvents();
    JsonObject last = audit.get(audit.size() - 1);
    assertThat(last.getString("type")).isEqualTo("pipeline.finished");
    assertThat(last.getJsonObject("payload").getJsonObject("run").getString("runId")).isEqualTo(run.getString("runId"));
    assertThat(api.get("/api/pipelines/identity").ok().getString("runId")).isEqualTo(run.getString("runId"));
    // the secret nowhere; and the target PostgreSQL was never started for it
    assertThat(List.of(Files.readString(console.journal()), api.get("/api/audit").body(), run.encode(),
        api.get("/api/pipelines").body())).noneMatch(text -> text.contains(SECRET));
    assertThat(dataDir.resolve("target-pg")).doesNotExist();
  }

  @Test
  @DisplayName("takes a configured issuer with a trailing slash as the bearer check does: without it")
  void trailingSlash() {
    JsonObject run = run(RunningConsole.BFG, settings(issuer() + "/"));

    assertThat(stepStatuses(run)).as(run.encodePrettily()).containsOnly("PASSED");
    assertThat(run.getString("target")).isEqualTo(issuer());
  }

  @Test
  @DisplayName("runs in oidc mode too, started with a bearer token, against the issuer the console trusts")
  void oidcMode() throws Exception {
    try (TestIssuer trusted = TestIssuer.start()) {
      Map<String, String> env = new HashMap<>(trusted.consoleEnv());
      env.put("CONSOLE_OIDC_ACTOR_CLAIM", "preferred_username");
      env.put("CONSOLE_OIDC_PROBE_CLIENT_ID", "console-probe");
      env.put("CONSOLE_OIDC_PROBE_CLIENT_SECRET", SECRET);
      env.put("CONSOLE_OIDC_PROBE_SCOPE", TestIssuer.CLIENT_ID);
      console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, env);
      String token = trusted.token(TestIssuer.ISSUER_ID, "anna-subject", TestIssuer.CLIENT_ID,
          Map.of("preferred_username", ANNA), 600);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(console.base()
              + "/api/pipelines/identity")).header("Authorization", "Bearer " + token)
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      String transcript = console.base() + new JsonObject(started.body()).getString("transcript");
      JsonObject run;
      do {
        Thread.sleep(50);
        run = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(transcript))
            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
      } while ("RUNNING".equals(run.getString("status")));

      assertThat(stepStatuses(run)).as(run.encodePrettily()).containsOnly("PASSED");
      assertThat(run.getString("actor")).isEqualTo(ANNA);
      assertThat(run.getString("target")).isEqualTo(trusted.issuer());
    }
  }

  @Test
  @DisplayName("without an issuer it fails its first step naming CONSOLE_OIDC_ISSUER, never passes and never errs")
  void noIssuer() {
    Map<String, String> env = settings(issuer());
    env.remove("CONSOLE_OIDC_ISSUER");

    JsonObject run = run(RunningConsole.BFG, env);

    assertThat(run.getString("status")).isEqualTo("FAILED");
    assertThat(stepStatuses(run)).containsExactly("FAILED", "SKIPPED", "SKIPPED", "SKIPPED");
    assertThat(step(run, "discovery").getString("detail")).startsWith("not set: CONSOLE_OIDC_ISSUER")
        .doesNotContain("PROBE");
    // said in Polish too, and with no company's realm for an example
    assertThat(step(run, "discovery").getString("detailPl")).startsWith("nie ustawiono: CONSOLE_OIDC_ISSUER (wydawca")
        .doesNotContain("PROBE");
    assertThat(step(run, "discovery").getString("detail")).contains("/realms/<realm>").doesNotContain("bfg");
    assertThat(count(console.api().evaluation(), "identity")).isEqualTo("0/4");
  }

  @Test
  @DisplayName("without the probe client it fails its first step naming exactly the missing variables")
  void noProbeClient() {
    Map<String, String> env = settings(issuer());
    env.remove("CONSOLE_OIDC_PROBE_CLIENT_SECRET");

    JsonObject run = run(RunningConsole.BFG, env);

    assertThat(stepStatuses(run)).containsExactly("FAILED", "SKIPPED", "SKIPPED", "SKIPPED");
    assertThat(step(run, "discovery").getString("detail")).startsWith("not set: CONSOLE_OIDC_PROBE_CLIENT_SECRET")
        .doesNotContain("CONSOLE_OIDC_ISSUER", "CONSOLE_OIDC_PROBE_CLIENT_ID");
  }

  @Test
  @DisplayName("refuses plain http to a host that is not loopback before contacting it")
  void plainHttpElsewhere() {
    JsonObject run = run(RunningConsole.BFG, settings("http://idp.bfg.example/realms/bfg"));

    assertThat(stepStatuses(run)).containsExactly("FAILED", "SKIPPED", "SKIPPED", "SKIPPED");
    assertThat(step(run, "discovery").getString("detail"))
        .contains("CONSOLE_OIDC_ISSUER is http://idp.bfg.example/realms/bfg: not TLS");
  }

  @Test
  @DisplayName("fails discovery when the document names another issuer")
  void issuerMismatch() {
    int port = fakeProvider("http://127.0.0.1:%d/elsewhere", rsaKey());
    String configured = "http://127.0.0.1:" + port + "/bfg";

    JsonObject run = run(RunningConsole.BFG, settings(configured));

    assertThat(stepStatuses(run)).containsExactly("FAILED", "SKIPPED", "SKIPPED", "SKIPPED");
    assertThat(step(run, "discovery").getString("detail")).contains("names the issuer 'http://127.0.0.1:" + port
        + "/elsewhere', not the configured CONSOLE_OIDC_ISSUER '" + configured + "'");
  }

  @Test
  @DisplayName("fails the JWKS step when the provider publishes an HMAC key, naming it")
  void hmacKey() {
    JsonObject hmac = new JsonObject().put("kty", "oct").put("kid", "shared-1").put("alg", "HS256")
        .put("k", "c2VjcmV0LXNoYXJlZC13aXRoLWV2ZXJ5b25l");
    int port = fakeProvider("http://127.0.0.1:%d/bfg", rsaKey(), hmac);

    JsonObject run = run(RunningConsole.BFG, settings("http://127.0.0.1:" + port + "/bfg"));

    assertThat(stepStatuses(run)).containsExactly("PASSED", "FAILED", "SKIPPED", "SKIPPED");
    assertThat(step(run, "jwks").getString("detail")).contains("kid 'shared-1' (kty oct, alg HS256) is a symmetric "
        + "HMAC key").doesNotContain("c2VjcmV0");
  }

  @Test
  @DisplayName("fails the client-token step when the token names another audience")
  void otherAudience() {
    Map<String, String> env = settings(issuer());
    env.put("CONSOLE_OIDC_PROBE_SCOPE", "billing-api");

    JsonObject run = run(RunningConsole.BFG, env);

    assertThat(stepStatuses(run)).containsExactly("PASSED", "PASSED", "FAILED", "SKIPPED");
    assertThat(step(run, "client-token").getString("detail"))
        .contains("aud [billing-api] does not contain 'console-api' (CONSOLE_OIDC_AUDIENCE)");
  }

  @Test
  @DisplayName("fails roles-mapped naming the one actor (and role) no claim value names")
  void unmappedActor(@TempDir Path scenarios) throws IOException {
    Path scenario = copyBfg(scenarios);
    String yaml = Files.readString(scenario.resolve("scenario.yaml"));
    for (String actor : List.of("user_md_anna", "user_dispatcher_marek", "user_accountant_olena",
        "cp_client_lviv_farma")) {
      yaml = yaml.replaceFirst("(  - id: " + actor + "\n(    .*\n)*?)(    permissions: .*\n)",
          "$1$3    identities: [" + actor + "@bfg.example]\n");
    }
    Files.writeString(scenario.resolve("scenario.yaml"), yaml);
    Map<String, String> env = settings(issuer());
    env.put("CONSOLE_OIDC_ACTOR_CLAIM", "sub");

    JsonObject run = run(scenario, env);

    assertThat(stepStatuses(run)).as(run.encodePrettily()).containsExactly("PASSED", "PASSED", "PASSED", "FAILED");
    assertThat(step(run, "roles-mapped").getString("detail"))
        .startsWith("no sub value names an actor of role Driver (driver: driver_tarasenko)")
        .doesNotContain("user_md_anna");
  }

  private static Path copyBfg(Path into) throws IOException {
    Path scenario = into.resolve("bfg");
    Files.createDirectories(scenario);
    for (String file : List.of("scenario.yaml", "data-model.yaml", "sample-data.json")) {
      Files.copy(RunningConsole.BFG.resolve(file), scenario.resolve(file));
    }
    return scenario;
  }

  /** An RSA public key as a JWKS lists it (the provider's real one, so the key itself is well formed). */
  private JsonObject rsaKey() {
    JsonObject keys = new JsonObject(fetch(idp.jwksUrl("bfg").toString()));
    return keys.getJsonArray("keys").getJsonObject(0);
  }

  private static String fetch(String url) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A provider speaking the discovery and JWKS protocol on loopback: its discovery document names the
   * issuer {@code issuerFormat} (with the port), its JWKS holds {@code keys}.
   */
  private int fakeProvider(String issuerFormat, JsonObject... keys) {
    int[] port = new int[1];
    fake = vertx.createHttpServer().requestHandler(request -> {
      String base = "http://127.0.0.1:" + port[0] + "/bfg";
      JsonObject body = request.path().endsWith("/.well-known/openid-configuration")
          ? new JsonObject().put("issuer", issuerFormat.formatted(port[0]))
              .put("authorization_endpoint", base + "/authorize").put("token_endpoint", base + "/token")
              .put("jwks_uri", base + "/jwks")
          : request.path().endsWith("/jwks") ? new JsonObject().put("keys", new JsonArray(List.of(keys))) : null;
      if (body == null) {
        request.response().setStatusCode(404).end();
      } else {
        request.response().putHeader("content-type", "application/json").end(body.encode());
      }
    });
    port[0] = RunningConsole.await(fake.listen(0, "127.0.0.1")).actualPort();
    return port[0];
  }
}
