package io.bfg.console.http;

import io.bfg.console.auth.AuthRefusal;
import io.bfg.console.auth.BrowserLogin;
import io.bfg.console.auth.Identity;
import io.bfg.console.auth.IdentityServices;
import io.bfg.console.auth.TestIssuer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONSOLE_AUTH=oidc end to end: a real OpenID Connect provider (mock-oauth2-server) issues the tokens,
 * the real console checks them over real sockets.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The console in oidc mode")
class OidcAuthTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String ANNA = ApiClient.ANNA;
  private static final String ACCEPT = "/api/checks/cutover.contracts-frozen/accept";

  @TempDir
  Path dataDir;
  TestIssuer issuer;
  RunningConsole console;

  @BeforeEach
  void startIssuer() {
    issuer = TestIssuer.start();
  }

  @AfterEach
  void stop() {
    if (console != null) {
      console.stop();
    }
    issuer.close();
  }

  private RunningConsole startConsole(Vertx vertx) {
    return startConsole(vertx, RunningConsole.BFG, issuer.consoleEnv(), null);
  }

  private RunningConsole startConsole(Vertx vertx, Path scenario, Map<String, String> env,
                                      IdentityServices.BrowserFactory browser) {
    console = RunningConsole.start(vertx, scenario, dataDir, env, browser);
    awaitHealth(200);
    return console;
  }

  /** Discovery runs in the background: the console is ready for tokens once /health says UP. */
  private Reply awaitHealth(int status) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Reply last = null;
    while (System.nanoTime() < deadline) {
      last = send("GET", "/health", Map.of());
      if (last.status == status) {
        return last;
      }
      sleep(100);
    }
    throw new AssertionError("/health did not answer " + status + " within 20 s; last: " + last);
  }

  record Reply(int status, String body, HttpResponse<String> response) {
    JsonObject json() {
      return new JsonObject(body);
    }

    String code() {
      return json().getJsonObject("error", new JsonObject()).getString("code");
    }

    String message() {
      return json().getJsonObject("error", new JsonObject()).getString("message");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private Reply send(String method, String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.base() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private Reply bearer(String method, String path, String token) {
    return send(method, path, Map.of("Authorization", "Bearer " + token));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("without identity: 401 UNAUTHENTICATED with WWW-Authenticate: Bearer on reads, /api/me and commands; "
      + "X-Actor-Id grants nothing; /health and the dashboard stay open")
  void withoutIdentity(Vertx vertx) {
    startConsole(vertx);
    for (String path : List.of("/api/evaluation", "/api/me", "/api/audit", "/api/pipelines", "/api/nowhere")) {
      Reply reply = send("GET", path, Map.of());
      assertThat(reply.status).as(path).isEqualTo(401);
      assertThat(reply.code()).as(path).isEqualTo("UNAUTHENTICATED");
      assertThat(reply.response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
          value -> assertThat(value).startsWith("Bearer"));
    }
    Reply mock = send("POST", ACCEPT, Map.of("X-Actor-Id", ANNA));
    assertThat(mock.status).isEqualTo(401);
    assertThat(mock.code()).isEqualTo("UNAUTHENTICATED");
    Reply health = send("GET", "/health", Map.of());
    assertThat(health.json().getString("status")).isEqualTo("UP");
    assertThat(health.json().getJsonObject("identity").getString("issuer")).isEqualTo(issuer.issuer());
    assertThat(send("GET", "/", Map.of()).status).isEqualTo(200);
  }

  @Test
  @DisplayName("a bearer token names its actor: /api/me, reads, a sign-off whose audit event records subject and issuer")
  void bearerToken(Vertx vertx) {
    startConsole(vertx);
    String token = issuer.token(ANNA);

    JsonObject me = bearer("GET", "/api/me", token).json();
    assertThat(me.getJsonObject("actor").getString("id")).isEqualTo(ANNA);
    assertThat(me.getJsonObject("actor").getJsonArray("permissions")).isNotEmpty();
    assertThat(me.getJsonObject("actor").getString("name")).isNotBlank();
    assertThat(me.getJsonObject("actor").getString("role")).isNotBlank();
    assertThat(me.getString("auth")).isEqualTo("oidc");
    assertThat(me.getString("via")).isEqualTo("BEARER");
    assertThat(Instant.parse(me.getString("expiresAt"))).isAfter(Instant.now());

    assertThat(bearer("GET", "/api/evaluation", token).status).isEqualTo(200);
    Reply accepted = bearer("POST", ACCEPT, token);
    assertThat(accepted.status).as(accepted.body).isEqualTo(200);
    JsonObject event = accepted.json().getJsonObject("event");
    assertThat(event.getString("actor")).isEqualTo(ANNA);
    assertThat(event.getJsonObject("payload").getString("subject")).isEqualTo(ANNA);
    assertThat(event.getJsonObject("payload").getString("issuer")).isEqualTo(issuer.issuer());
    JsonObject verify = bearer("GET", "/api/audit/verify", token).json();
    assertThat(verify.getBoolean("valid")).as(verify.encode()).isTrue();
  }

  @Test
  @DisplayName("bad tokens are 401 INVALID_TOKEN saying why: audience, issuer, expired, not yet valid, tampered, "
      + "alg none, HS256 keyed with the client secret")
  void badTokens(Vertx vertx) {
    startConsole(vertx);
    String anna = issuer.token(ANNA);
    long now = Instant.now().getEpochSecond();
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put(issuer.token(TestIssuer.ISSUER_ID, ANNA, "other-app", Map.of(), 600), "audience");
    cases.put(issuer.token("evil", ANNA, TestIssuer.CLIENT_ID, Map.of(), 600), "issue");
    cases.put(issuer.token(TestIssuer.ISSUER_ID, ANNA, TestIssuer.CLIENT_ID,
        Map.of("iat", now - 900, "nbf", now - 900, "exp", now - 300), 600), "expired");
    cases.put(issuer.token(TestIssuer.ISSUER_ID, ANNA, TestIssuer.CLIENT_ID,
        Map.of("iat", now, "nbf", now + 300, "exp", now + 900), 600), "not valid before");
    cases.put(TestIssuer.tampered(anna, ApiClient.MAREK), "signature");
    cases.put(TestIssuer.unsigned(anna), "algorithm");
    cases.put(TestIssuer.hmac(anna, TestIssuer.SECRET), "algorithm");
    cases.put("not-a-jwt", "JWT");
    cases.forEach((token, why) -> {
      Reply reply = bearer("GET", "/api/evaluation", token);
      assertThat(reply.status).as(why + ": " + reply.body).isEqualTo(401);
      assertThat(reply.code()).as(why).isEqualTo("INVALID_TOKEN");
      assertThat(reply.message()).as(why).contains(why);
      assertThat(reply.response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
    });
    // the genuine token still works: nothing above poisoned the cache
    assertThat(bearer("GET", "/api/me", anna).json().getJsonObject("actor").getString("id")).isEqualTo(ANNA);
    assertThat(bearer("GET", "/api/me", TestIssuer.tampered(anna, ApiClient.MAREK)).status).isEqualTo(401);
  }

  @Test
  @DisplayName("a valid token naming no actor is 403 NO_ACTOR; a driver's token is refused a sign-off with 403")
  void noActorAndNoPermission(Vertx vertx) {
    startConsole(vertx);
    Reply stranger = bearer("GET", "/api/evaluation", issuer.token("nobody-here"));
    assertThat(stranger.status).isEqualTo(403);
    assertThat(stranger.code()).isEqualTo("NO_ACTOR");
    Reply driver = bearer("POST", ACCEPT, issuer.token(ApiClient.DRIVER));
    assertThat(driver.status).as(driver.body).isEqualTo(403);
  }

  @Test
  @DisplayName("a token whose sub is one of an actor's identities is that actor")
  void identities(Vertx vertx) throws IOException {
    Path scenario = dataDir.resolve("scenario");
    copy(RunningConsole.BFG, scenario);
    Path yaml = scenario.resolve("scenario.yaml");
    String text = Files.readString(yaml);
    String marker = "- id: " + ANNA + "\n";
    int at = text.indexOf(marker);
    assertThat(at).as("scenario.yaml lists " + ANNA).isGreaterThanOrEqualTo(0);
    int lineStart = text.lastIndexOf('\n', at) + 1;
    String indent = " ".repeat(at - lineStart + 2);
    text = text.substring(0, at + marker.length()) + indent + "identities: [anna@idp.example]\n"
        + text.substring(at + marker.length());
    Files.writeString(yaml, text);
    startConsole(vertx, scenario, issuer.consoleEnv(), null);
    JsonObject me = bearer("GET", "/api/me", issuer.token("anna@idp.example")).json();
    assertThat(me.getJsonObject("actor").getString("id")).isEqualTo(ANNA);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  @Test
  @DisplayName("validated tokens are cached: many requests fetch no JWKS; a rotated key is fetched once, mid-session")
  void cacheAndRotation(Vertx vertx) {
    startConsole(vertx);
    issuer.takeJwksRequests();
    String before = issuer.token(ANNA);
    for (int i = 0; i < 50; i++) {
      assertThat(bearer("GET", "/api/evaluation", before).status).isEqualTo(200);
    }
    assertThat(issuer.takeJwksRequests()).as("JWKS requests for 50 requests with one token").isZero();

    issuer.rotateKey("key-2");
    String after = issuer.token(ANNA);
    for (int i = 0; i < 20; i++) {
      Reply reply = bearer("GET", "/api/me", after);
      assertThat(reply.status).as(reply.body).isEqualTo(200);
    }
    assertThat(bearer("GET", "/api/me", before).status).as("the session's earlier token").isEqualTo(200);
    assertThat(issuer.takeJwksRequests()).as("JWKS requests after one rotation").isEqualTo(1);
  }

  @Test
  @DisplayName("an issuer that starts late: /health is 503 naming it, tokens get 503, then discovery succeeds")
  void lateIssuer(Vertx vertx) throws IOException {
    issuer.close();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> env = new HashMap<>(issuer.consoleEnv());
    env.put("CONSOLE_OIDC_ISSUER", "http://localhost:" + port + "/" + TestIssuer.ISSUER_ID);
    console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, env);
    Reply down = awaitHealth(503);
    assertThat(down.json().getString("status")).isEqualTo("DEGRADED");
    assertThat(down.json().getString("problem")).contains("http://localhost:" + port + "/bfg");
    assertThat(down.json().getJsonObject("identity").getBoolean("discovered")).isFalse();

    issuer = TestIssuer.startOn(port);
    Reply refused = bearer("GET", "/api/evaluation", issuer.token(ANNA));
    if (refused.status != 200) {
      assertThat(refused.status).isEqualTo(503);
      assertThat(refused.code()).isEqualTo("IDENTITY_PROVIDER_UNAVAILABLE");
    }
    Reply up = awaitHealth(200);
    assertThat(up.json().getJsonObject("identity").getBoolean("discovered")).isTrue();
    assertThat(bearer("GET", "/api/evaluation", issuer.token(ANNA)).status).isEqualTo(200);
  }

  @Test
  @DisplayName("a session-cookie POST needs the console's Origin (403 CSRF without or with another); GETs do not")
  void csrf(Vertx vertx) {
    // LOGIN owns the real session cookie; this reader takes "anna" for Anna's session
    IdentityServices.BrowserFactory sessions = (v, provider, actors, dataDir) -> Future.succeededFuture(
        new IdentityServices.Browser(
        cookie -> cookie.equals("anna")
            ? Future.succeededFuture(new Identity(actors.actorFor(ANNA), ANNA, issuer.issuer(),
                Instant.now().plusSeconds(600), Identity.Via.SESSION, "anna-session"))
            : Future.failedFuture(new AuthRefusal(401, "UNAUTHENTICATED", "no such session")),
        BrowserLogin.NONE));
    startConsole(vertx, RunningConsole.BFG, issuer.consoleEnv(), sessions);
    String cookie = "console_session=anna";
    assertThat(send("GET", "/api/me", Map.of("Cookie", cookie)).json().getString("via")).isEqualTo("SESSION");
    Reply none = send("POST", ACCEPT, Map.of("Cookie", cookie));
    assertThat(none.status).isEqualTo(403);
    assertThat(none.code()).isEqualTo("CSRF");
    Reply evil = send("POST", ACCEPT, Map.of("Cookie", cookie, "Origin", "http://evil.example"));
    assertThat(evil.status).isEqualTo(403);
    assertThat(evil.code()).isEqualTo("CSRF");
    Reply own = send("POST", ACCEPT, Map.of("Cookie", cookie, "Origin", console.base()));
    assertThat(own.status).as(own.body).isEqualTo(200);
    Reply forged = send("GET", "/api/me", Map.of("Cookie", "console_session=forged"));
    assertThat(forged.status).isEqualTo(401);
    // a bearer request carries no ambient credential: no Origin needed
    assertThat(bearer("POST", "/api/checks/cutover.contracts-frozen/revoke", issuer.token(ANNA)).status).isEqualTo(200);
  }

  @Test
  @DisplayName("the feed: 401 before the upgrade without a token, hello with one, closed 1008 when the token expires")
  void feed(Vertx vertx) throws Exception {
    startConsole(vertx);
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(4 * 1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
    Throwable refused = connect(client, Map.of()).toCompletionStage().toCompletableFuture()
        .handle((socket, failure) -> failure).get(10, TimeUnit.SECONDS);
    assertThat(refused).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) refused).getStatus()).isEqualTo(401);

    String shortLived = issuer.token(TestIssuer.ISSUER_ID, ANNA, TestIssuer.CLIENT_ID, Map.of(), 3);
    CompletableFuture<String> hello = new CompletableFuture<>();
    CompletableFuture<String> closed = new CompletableFuture<>();
    WebSocket socket = connect(client, Map.of("Authorization", "Bearer " + shortLived))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    socket.textMessageHandler(text -> {
      if (text.contains("\"hello\"")) {
        hello.complete(text);
      }
    });
    socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode() + " " + socket.closeReason()));
    assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo("1008 token expired");
  }

  private Future<WebSocket> connect(WebSocketClient client, Map<String, String> headers) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(console.port())
        .setURI("/ws?lang=en").setConnectTimeout(5_000);
    headers.forEach(options::addHeader);
    return client.connect(options);
  }

  @Test
  @DisplayName("GET /api/me in mock-auth-header mode: the X-Actor-Id actor, 401 without it")
  void meInMockMode(Vertx vertx) {
    console = RunningConsole.bfg(vertx, dataDir);
    JsonObject me = send("GET", "/api/me", Map.of("X-Actor-Id", ANNA)).json();
    assertThat(me.getJsonObject("actor").getString("id")).isEqualTo(ANNA);
    assertThat(me.getString("auth")).isEqualTo("mock-auth-header");
    assertThat(me.getString("via")).isEqualTo("MOCK_HEADER");
    assertThat(me.containsKey("expiresAt")).isTrue();
    assertThat(me.getValue("expiresAt")).isNull();
    Reply anonymous = send("GET", "/api/me", Map.of());
    assertThat(anonymous.status).isEqualTo(401);
    assertThat(send("GET", "/api/evaluation", Map.of()).status).as("reads stay anonymous in mock mode").isEqualTo(200);
  }
  private record Run(int exit, String out, String err) {
  }

  private static Run cli(java.util.function.BiFunction<java.io.PrintStream, java.io.PrintStream, Integer> command) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int exit;
    try (java.io.PrintStream o = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
         java.io.PrintStream e = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)) {
      exit = command.apply(o, e);
    }
    return new Run(exit, out.toString(java.nio.charset.StandardCharsets.UTF_8),
        err.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("gate and watch send --token or CONSOLE_TOKEN as a bearer token; a refused one is one line and exit 2")
  void cli(Vertx vertx) {
    startConsole(vertx);
    String url = console.base();
    String token = issuer.token(ANNA);
    Run gate = cli((o, e) -> io.bfg.console.cli.GateCommand.run(List.of("--url", url, "--token", token), Map.of(), o, e));
    assertThat(gate.out).as(gate.err).startsWith("NO-GO:");
    assertThat(gate.exit).isEqualTo(1);
    Run fromEnv = cli((o, e) -> io.bfg.console.cli.GateCommand.run(List.of("--url", url),
        Map.of("CONSOLE_TOKEN", token), o, e));
    assertThat(fromEnv.exit).as(fromEnv.err).isEqualTo(1);
    Run bare = cli((o, e) -> io.bfg.console.cli.GateCommand.run(List.of("--url", url), Map.of(), o, e));
    assertThat(bare.exit).isEqualTo(2);
    assertThat(bare.err.lines()).singleElement().asString().contains("401", "UNAUTHENTICATED", "--token");
    Run bad = cli((o, e) -> io.bfg.console.cli.GateCommand.run(List.of("--url", url, "--token",
        TestIssuer.unsigned(token)), Map.of(), o, e));
    assertThat(bad.exit).isEqualTo(2);
    assertThat(bad.err.lines()).singleElement().asString().contains("401", "INVALID_TOKEN");

    Run watch = cli((o, e) -> io.bfg.console.cli.WatchCommand.run(List.of("--url", url, "--count", "1"),
        Map.of("CONSOLE_TOKEN", token), o, e));
    assertThat(watch.exit).as(watch.err).isZero();
    assertThat(watch.out).contains("\"hello\"");
    Run stranger = cli((o, e) -> io.bfg.console.cli.WatchCommand.run(List.of("--url", url, "--count", "1",
        "--token", issuer.token("nobody-here")), Map.of(), o, e));
    assertThat(stranger.exit).isEqualTo(2);
    assertThat(stranger.err.lines()).singleElement().asString().contains("403", "NO_ACTOR");
  }
}
