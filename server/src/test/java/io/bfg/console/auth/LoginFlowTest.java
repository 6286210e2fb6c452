package io.bfg.console.auth;

import io.bfg.console.http.RunningConsole;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser login against a real OpenID Connect provider (mock-oauth2-server, non-interactive) and the real
 * console over real sockets: a cookie jar, redirects followed by hand, as a browser would.
 */
class LoginFlowTest {

  static final String CLIENT = "integration-console";
  static final String SECRET = "login-test-secret";
  static final byte[] KEY = new byte[32];
  static final SecureRandom RANDOM = new SecureRandom();

  static Vertx vertx;
  static MockOAuth2Server idp;

  @TempDir
  Path dataDir;
  final List<RunningConsole> consoles = new ArrayList<>();

  @BeforeAll
  static void start() {
    RANDOM.nextBytes(KEY);
    vertx = Vertx.vertx();
    idp = new MockOAuth2Server(OAuth2Config.Companion.fromJson("""
        {"interactiveLogin": false,
         "tokenCallbacks": [{"issuerId": "bfg", "tokenExpiry": 600, "requestMappings": [
           {"requestParam": "grant_type", "match": "authorization_code",
            "claims": {"sub": "user_dispatcher_marek", "aud": ["integration-console"]}}]}]}
        """));
    idp.start();
  }

  @AfterAll
  static void stop() {
    if (idp != null) {
      idp.shutdown();
    }
    if (vertx != null) {
      RunningConsole.await(vertx.close());
    }
  }

  @AfterEach
  void stopConsoles() {
    consoles.forEach(RunningConsole::stop);
  }

  static String issuer() {
    String url = idp.issuerUrl("bfg").toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** A console in oidc mode with the test's session key, its data in {@code data}, ready once discovery is done. */
  RunningConsole console(String data, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("CONSOLE_AUTH", "oidc", "CONSOLE_OIDC_ISSUER", issuer(),
        "CONSOLE_OIDC_CLIENT_ID", CLIENT, "CONSOLE_OIDC_CLIENT_SECRET", SECRET,
        "CONSOLE_SESSION_KEY", Base64.getEncoder().encodeToString(KEY), "CONSOLE_EVENT_LOOPS", "2"));
    env.putAll(extra);
    RunningConsole console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir.resolve(data), env);
    consoles.add(console);
    awaitDiscovery(console.base());
    return console;
  }

  RunningConsole console() {
    return console("data", Map.of());
  }

  static void awaitDiscovery(String base) {
    HttpClient plain = HttpClient.newHttpClient();
    for (int i = 0; i < 200; i++) {
      HttpResponse<String> health = send(plain, HttpRequest.newBuilder(URI.create(base + "/health")).build());
      if (health.body().contains("\"discovered\":true")) {
        return;
      }
      sleep(50);
    }
    throw new AssertionError("the console did not discover " + issuer() + " in 10 s");
  }

  /** A browser: its own cookie jar, redirects followed by hand. */
  static HttpClient browser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  static HttpResponse<String> get(HttpClient client, String url, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(client, request.build());
  }

  static HttpResponse<String> post(HttpClient client, String url, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(client, request.build());
  }

  static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String location(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("redirect from %s: %s", response.uri(), response.body()).isIn(302, 303);
    return response.headers().firstValue("location").orElseThrow();
  }

  static Map<String, String> query(String url) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = URI.create(url).getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The Set-Cookie header for {@code name}, or null. */
  static String setCookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(name + "="))
        .findFirst().orElse(null);
  }

  static String value(String setCookie) {
    return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }

  /** One login: /auth/login -> the provider -> /auth/callback; answers the callback's response. */
  static HttpResponse<String> signIn(HttpClient browser, String base, String loginPath) {
    String authorize = location(get(browser, base + loginPath));
    String callback = location(get(browser, authorize));
    return get(browser, callback);
  }

  static JsonObject json(HttpResponse<String> response) {
    return new JsonObject(response.body());
  }

  static String errorCode(HttpResponse<String> response) {
    return json(response).getJsonObject("error").getString("code");
  }

  static CookieSeal seal() {
    return new CookieSeal(KEY, RANDOM);
  }

  @Test
  @DisplayName("The whole login: 302 to the provider with code + PKCE S256, state and nonce; back at the callback a "
      + "HttpOnly SameSite=Lax session and 302 to the public URL's /; /api/me answers via the session")
  void wholeFlow() {
    RunningConsole console = console();
    HttpClient browser = browser();
    HttpResponse<String> login = get(browser, console.base() + "/auth/login");
    String authorize = location(login);
    Map<String, String> params = query(authorize);
    assertThat(authorize).startsWith(idp.authorizationEndpointUrl("bfg").toString());
    assertThat(params).containsEntry("response_type", "code").containsEntry("client_id", CLIENT)
        .containsEntry("redirect_uri", console.base() + "/auth/callback").containsEntry("code_challenge_method", "S256")
        .containsKeys("state", "nonce");
    assertThat(params.get("scope").split(" ")).contains("openid", "profile", "email");
    assertThat(params.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    assertThat(params.get("state")).isNotEqualTo(params.get("nonce"));
    String loginCookie = setCookie(login, LoginTransaction.COOKIE);
    assertThat(loginCookie).contains("Path=/auth").contains("Max-Age=600").contains("HTTPOnly").contains("SameSite=Lax")
        .doesNotContain("Secure");
    LoginTransaction tx = LoginTransaction.open(seal(), value(loginCookie));
    assertThat(tx.challenge()).isEqualTo(params.get("code_challenge"));
    assertThat(tx.state()).isEqualTo(params.get("state"));
    assertThat(tx.nonce()).isEqualTo(params.get("nonce"));

    String callback = location(get(browser, authorize));
    assertThat(callback).startsWith(console.base() + "/auth/callback?");
    HttpResponse<String> done = get(browser, callback);
    assertThat(location(done)).isEqualTo(console.base() + "/");
    String session = setCookie(done, SessionLookup.COOKIE);
    assertThat(session).contains("Path=/").contains("HTTPOnly").contains("SameSite=Lax").doesNotContain("Secure");
    long maxAge = Long.parseLong(session.replaceAll(".*Max-Age=(\\d+).*", "$1"));
    assertThat(maxAge).isBetween(500L, 600L);
    assertThat(setCookie(done, LoginTransaction.COOKIE)).contains("Max-Age=0");

    HttpResponse<String> me = get(browser, console.base() + "/api/me");
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(json(me).getJsonObject("actor").getString("id")).isEqualTo("user_dispatcher_marek");
    assertThat(json(me).getString("auth")).isEqualTo("oidc");
    assertThat(json(me).getString("via")).isEqualTo("SESSION");
    // the cookie alone is the session: no server-side state but the key
    HttpResponse<String> bare = get(HttpClient.newHttpClient(), console.base() + "/api/me",
        "Cookie", SessionLookup.COOKIE + "=" + value(session));
    assertThat(bare.statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("The callback returns to the path /auth/login was given, and never off the console")
  void returnPath() {
    RunningConsole console = console();
    assertThat(location(signIn(browser(), console.base(), "/auth/login?return=%2Fapi%2Fme%3Flang%3Dpl")))
        .isEqualTo(console.base() + "/api/me?lang=pl");
    assertThat(location(signIn(browser(), console.base(), "/auth/login?return=%2F%2Fevil.example%2Fx")))
        .isEqualTo(console.base() + "/");
    assertThat(location(signIn(browser(), console.base(), "/auth/login?return=https%3A%2F%2Fevil.example%2F")))
        .isEqualTo(console.base() + "/");
  }

  @Test
  @DisplayName("A callback whose state is not the browser's transaction's is refused: 403 STATE_MISMATCH as JSON "
      + "for a script, a page with a way back to the login for a person, and no session either way")
  void stateMismatch() {
    RunningConsole console = console();
    HttpClient browser = browser();
    String authorize = location(get(browser, console.base() + "/auth/login"));
    String callback = location(get(browser, authorize));
    String forged = callback.replaceAll("state=[^&]+", "state=someone-elses");

    HttpResponse<String> asJson = get(browser, forged, "Accept", "application/json");
    assertThat(asJson.statusCode()).isEqualTo(403);
    assertThat(errorCode(asJson)).isEqualTo("STATE_MISMATCH");
    assertThat(setCookie(asJson, SessionLookup.COOKIE)).isNull();

    // the refusal ended the transaction: do it again for the page
    authorize = location(get(browser, console.base() + "/auth/login"));
    callback = location(get(browser, authorize));
    HttpResponse<String> page = get(browser, callback.replaceAll("state=[^&]+", "state=x"),
        "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("Sign-in did not complete").contains("Logowanie nie powiodło się")
        .contains("href=\"/auth/login\"").contains("STATE_MISMATCH");
    assertThat(setCookie(page, SessionLookup.COOKIE)).isNull();
    assertThat(get(browser, console.base() + "/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("A login transaction works once: its cookie and callback replayed after a sign-in get 400 "
      + "LOGIN_REPLAYED; an expired one LOGIN_EXPIRED; none at all LOGIN_MISSING")
  void replayedAndExpiredTransactions() {
    RunningConsole console = console();
    HttpClient browser = browser();
    HttpResponse<String> login = get(browser, console.base() + "/auth/login");
    String txCookie = value(setCookie(login, LoginTransaction.COOKIE));
    String callback = location(get(browser, location(login)));
    assertThat(get(browser, callback).statusCode()).isEqualTo(302);

    HttpClient attacker = HttpClient.newHttpClient();
    HttpResponse<String> replay = get(attacker, callback, "Cookie", LoginTransaction.COOKIE + "=" + txCookie,
        "Accept", "application/json");
    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(errorCode(replay)).isEqualTo("LOGIN_REPLAYED");
    assertThat(setCookie(replay, SessionLookup.COOKIE)).isNull();

    LoginTransaction tx = LoginTransaction.open(seal(), txCookie);
    String expired = new LoginTransaction(tx.state(), tx.nonce(), tx.verifier(), "/", Instant.now().minusSeconds(1))
        .seal(seal());
    HttpResponse<String> late = get(attacker, callback, "Cookie", LoginTransaction.COOKIE + "=" + expired,
        "Accept", "application/json");
    assertThat(late.statusCode()).isEqualTo(400);
    assertThat(errorCode(late)).isEqualTo("LOGIN_EXPIRED");

    HttpResponse<String> none = get(attacker, callback, "Accept", "application/json");
    assertThat(errorCode(none)).isEqualTo("LOGIN_MISSING");
    HttpResponse<String> forged = get(attacker, callback, "Cookie", LoginTransaction.COOKIE + "=v1.AAAA",
        "Accept", "application/json");
    assertThat(errorCode(forged)).isEqualTo("LOGIN_INVALID");
  }

  @Test
  @DisplayName("An ID token whose nonce is not the transaction's is refused (401 NONCE_MISMATCH), and no session is set")
  void nonceMismatch() {
    RunningConsole console = console();
    HttpClient browser = browser();
    HttpResponse<String> login = get(browser, console.base() + "/auth/login");
    String authorize = location(login);
    LoginTransaction tx = LoginTransaction.open(seal(), value(setCookie(login, LoginTransaction.COOKIE)));
    // the same sign-in, but the browser's transaction expects another nonce than the provider was sent
    String tampered = new LoginTransaction(tx.state(), "another-nonce", tx.verifier(), tx.returnPath(),
        tx.expiresAt()).seal(seal());
    String callback = location(get(browser, authorize));

    HttpResponse<String> refused = get(HttpClient.newHttpClient(), callback,
        "Cookie", LoginTransaction.COOKIE + "=" + tampered, "Accept", "application/json");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
    assertThat(errorCode(refused)).isEqualTo("NONCE_MISMATCH");
    assertThat(setCookie(refused, SessionLookup.COOKIE)).isNull();
  }

  @Test
  @DisplayName("The code is exchanged with the transaction's PKCE verifier: another verifier gets no tokens (401 LOGIN_FAILED)")
  void pkceVerifier() {
    RunningConsole console = console();
    HttpClient browser = browser();
    HttpResponse<String> login = get(browser, console.base() + "/auth/login");
    LoginTransaction tx = LoginTransaction.open(seal(), value(setCookie(login, LoginTransaction.COOKIE)));
    String tampered = new LoginTransaction(tx.state(), tx.nonce(), "x".repeat(43), tx.returnPath(), tx.expiresAt())
        .seal(seal());
    String callback = location(get(browser, location(login)));

    HttpResponse<String> refused = get(HttpClient.newHttpClient(), callback,
        "Cookie", LoginTransaction.COOKIE + "=" + tampered, "Accept", "application/json");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
    assertThat(errorCode(refused)).isEqualTo("LOGIN_FAILED");
  }

  @Test
  @DisplayName("A subject that maps to no actor gets a 403 page naming it, and no session")
  void noActor() {
    RunningConsole console = console();
    idp.enqueueCallback(new DefaultOAuth2TokenCallback("bfg", "nobody-here", "JWT", List.of(CLIENT), Map.of(), 600));
    HttpClient browser = browser();
    String callback = location(get(browser, location(get(browser, console.base() + "/auth/login"))));
    HttpResponse<String> page = get(browser, callback, "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("nobody-here").contains("NO_ACTOR").contains("href=\"/auth/login\"");
    assertThat(setCookie(page, SessionLookup.COOKIE)).isNull();
  }

  @Test
  @DisplayName("The provider's error (access_denied) answers a readable page, not a stack trace or a blank")
  void providerError() {
    RunningConsole console = console();
    HttpResponse<String> page = get(browser(), console.base()
        + "/auth/callback?error=access_denied&error_description=The+user+said+no&state=x", "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("access_denied").contains("The user said no").contains("Zaloguj się ponownie");
  }

  @Test
  @DisplayName("Logout needs the console's Origin, revokes the session (the replayed cookie gets 401, also after a "
      + "restart), clears the cookie and points at the login and the provider's end-session endpoint")
  void logout() {
    RunningConsole console = console();
    HttpClient browser = browser();
    String session = value(setCookie(signIn(browser, console.base(), "/auth/login"), SessionLookup.COOKIE));
    HttpClient replayer = HttpClient.newHttpClient();
    String cookie = SessionLookup.COOKIE + "=" + session;

    HttpResponse<String> noOrigin = post(browser, console.base() + "/auth/logout");
    assertThat(noOrigin.statusCode()).isEqualTo(403);
    assertThat(errorCode(noOrigin)).isEqualTo("CSRF");
    HttpResponse<String> evil = post(browser, console.base() + "/auth/logout", "Origin", "http://evil.example");
    assertThat(errorCode(evil)).isEqualTo("CSRF");
    assertThat(get(replayer, console.base() + "/api/me", "Cookie", cookie).statusCode()).isEqualTo(200);

    HttpResponse<String> out = post(browser, console.base() + "/auth/logout", "Origin", console.base(),
        "Accept", "application/json");
    assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
    assertThat(json(out).getBoolean("signedOut")).isTrue();
    assertThat(json(out).getString("login")).isEqualTo("/auth/login");
    assertThat(json(out).getString("idpLogout")).startsWith(idp.endSessionEndpointUrl("bfg").toString());
    assertThat(setCookie(out, SessionLookup.COOKIE)).contains("Max-Age=0").contains("Path=/");

    HttpResponse<String> replayed = get(replayer, console.base() + "/api/me", "Cookie", cookie);
    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(json(replayed).getJsonObject("error").getString("message")).contains("signed out");
    assertThat(post(replayer, console.base() + "/auth/logout", "Cookie", cookie, "Origin", console.base())
        .statusCode()).isEqualTo(401);

    console.restart();
    awaitDiscovery(console.base());
    assertThat(get(replayer, console.base() + "/api/me", "Cookie", cookie).statusCode()).as("after a restart")
        .isEqualTo(401);
    // and the restarted console still signs people in
    HttpClient again = browser();
    assertThat(location(signIn(again, console.base(), "/auth/login"))).isEqualTo(console.base() + "/");
    assertThat(get(again, console.base() + "/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Signing out closes that session's open feeds at once (1008 'signed out'); another session's feed "
      + "goes on")
  void logoutClosesTheSessionsFeeds() throws Exception {
    RunningConsole console = console();
    HttpClient browser = browser();
    String session = value(setCookie(signIn(browser, console.base(), "/auth/login"), SessionLookup.COOKIE));
    String otherSession = value(setCookie(signIn(browser(), console.base(), "/auth/login"), SessionLookup.COOKIE));
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(4 * 1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
    try {
      Feed signedOut = Feed.open(client, console, session);
      Feed other = Feed.open(client, console, otherSession);

      HttpResponse<String> out = post(browser, console.base() + "/auth/logout", "Origin", console.base(),
          "Accept", "application/json");
      assertThat(out.statusCode()).as(out.body()).isEqualTo(200);

      assertThat(signedOut.closed.get(10, TimeUnit.SECONDS)).isEqualTo("1008 signed out");
      other.socket.writeTextMessage("{\"type\":\"ping\"}");
      assertThat(other.pong.get(10, TimeUnit.SECONDS)).contains("\"pong\"");
      assertThat(other.closed).isNotDone();
    } finally {
      RunningConsole.await(client.close());
    }
  }

  /** One feed opened with a session cookie, and what it heard. */
  private record Feed(WebSocket socket, CompletableFuture<String> closed, CompletableFuture<String> pong) {

    static Feed open(WebSocketClient client, RunningConsole console, String session) throws Exception {
      WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(console.port())
          .setURI("/ws?lang=en").setConnectTimeout(5_000)
          .addHeader("Cookie", SessionLookup.COOKIE + "=" + session);
      CompletableFuture<String> hello = new CompletableFuture<>();
      CompletableFuture<String> closed = new CompletableFuture<>();
      CompletableFuture<String> pong = new CompletableFuture<>();
      // the handlers are set before connecting, so no message can come before them
      ClientWebSocket socket = client.webSocket();
      socket.textMessageHandler(text -> {
        if (text.contains("\"hello\"")) {
          hello.complete(text);
        } else if (text.contains("\"pong\"")) {
          pong.complete(text);
        }
      });
      socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode() + " " + socket.closeReason()));
      socket.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      // the hello is written once the console holds the subscriber, so a sign-out after it must reach it
      hello.get(10, TimeUnit.SECONDS);
      return new Feed(socket, closed, pong);
    }
  }

  @Test
  @DisplayName("A form post to /auth/logout from a page (Accept: text/html) is answered 303 to /")
  void logoutFromForm() {
    RunningConsole console = console();
    HttpClient browser = browser();
    signIn(browser, console.base(), "/auth/login");
    HttpResponse<String> out = post(browser, console.base() + "/auth/logout", "Origin", console.base(),
        "Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded");
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(location(out)).isEqualTo(console.base() + "/");
    assertThat(get(browser, console.base() + "/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("Two consoles with one CONSOLE_SESSION_KEY: a session signed in on one opens on the other; a console "
      + "with another key refuses it")
  void twoInstancesOneKey() {
    RunningConsole first = console("first", Map.of());
    RunningConsole second = console("second", Map.of());
    byte[] other = new byte[32];
    RANDOM.nextBytes(other);
    RunningConsole foreign = console("foreign", Map.of("CONSOLE_SESSION_KEY", Base64.getEncoder().encodeToString(other)));
    String session = value(setCookie(signIn(browser(), first.base(), "/auth/login"), SessionLookup.COOKIE));

    HttpClient plain = HttpClient.newHttpClient();
    HttpResponse<String> me = get(plain, second.base() + "/api/me", "Cookie", SessionLookup.COOKIE + "=" + session);
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(json(me).getJsonObject("actor").getString("id")).isEqualTo("user_dispatcher_marek");
    HttpResponse<String> refused = get(plain, foreign.base() + "/api/me", "Cookie", SessionLookup.COOKIE + "=" + session);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(errorCode(refused)).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  @DisplayName("A session cookie whose expiry has passed gets 401 'session expired'")
  void expiredSession() {
    RunningConsole console = console();
    Instant then = Instant.now().minusSeconds(3600);
    SessionCookies past = new SessionCookies(seal(), null, claim -> null, issuer(), Clock.fixed(then, ZoneOffset.UTC),
        RANDOM);
    String sealed = past.seal(past.open("user_dispatcher_marek", "user_dispatcher_marek", then.plusSeconds(600)));
    HttpResponse<String> me = get(HttpClient.newHttpClient(), console.base() + "/api/me",
        "Cookie", SessionLookup.COOKIE + "=" + sealed);
    assertThat(me.statusCode()).isEqualTo(401);
    assertThat(json(me).getJsonObject("error").getString("message")).contains("session expired");
    // the same cookie with a future expiry opens: only the expiry made the difference
    String fresh = past.seal(past.open("user_dispatcher_marek", "user_dispatcher_marek", Instant.now().plusSeconds(600)));
    assertThat(get(HttpClient.newHttpClient(), console.base() + "/api/me", "Cookie", SessionLookup.COOKIE + "=" + fresh)
        .statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("In mock-auth-header mode /auth/login is 404 JSON saying login needs CONSOLE_AUTH=oidc")
  void mockMode() {
    RunningConsole console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir.resolve("mock"), Map.of());
    consoles.add(console);
    HttpResponse<String> login = get(HttpClient.newHttpClient(), console.base() + "/auth/login");
    assertThat(login.statusCode()).isEqualTo(404);
    assertThat(json(login).getJsonObject("error").getString("message")).contains("CONSOLE_AUTH=oidc");
  }
}
