package io.bfg.console.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.Vertx;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser login in real chromium: the console sends it to the provider's own login page
 * (mock-oauth2-server, interactive), the person types who they are, and the browser lands back on the
 * dashboard signed in. Only the URL and what /api/me answers inside the page are asserted: the dashboard's
 * text is not this test's business.
 */
class LoginBrowserTest {

  private static Vertx vertx;
  private static Playwright playwright;
  private static Browser browser;
  private static MockOAuth2Server idp;

  @TempDir
  Path dataDir;
  private RunningConsole console;
  private BrowserContext context;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    idp = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
    idp.start();
    playwright = HeadlessChromium.playwright();
    browser = HeadlessChromium.launch(playwright);
  }

  @AfterAll
  static void stop() {
    if (playwright != null) {
      playwright.close();
    }
    if (idp != null) {
      idp.shutdown();
    }
    if (vertx != null) {
      RunningConsole.await(vertx.close());
    }
  }

  @AfterEach
  void close() {
    if (context != null) {
      context.close();
    }
    if (console != null) {
      console.stop();
    }
  }

  @Test
  @DisplayName("Signing in through the provider's login page lands on the dashboard, where /api/me answers the "
      + "signed-in actor and no script can read the session cookie; signing out ends it")
  void signInThroughTheProvidersPage() throws Exception {
    String issuer = idp.issuerUrl("bfg").toString().replaceAll("/$", "");
    console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, Map.of("CONSOLE_WEB_DIR", "web",
        "CONSOLE_AUTH", "oidc", "CONSOLE_OIDC_ISSUER", issuer, "CONSOLE_OIDC_CLIENT_ID", "integration-console"));
    awaitDiscovery(console.base());
    context = browser.newContext();
    context.setDefaultTimeout(15_000);
    Page page = context.newPage();

    page.navigate(console.base() + "/auth/login");
    assertThat(page.url()).startsWith(idp.authorizationEndpointUrl("bfg").toString());
    page.locator("input[name=username]").fill("user_dispatcher_marek");
    page.locator("[type=submit]").first().click();
    page.waitForURL(console.base() + "/");

    @SuppressWarnings("unchecked")
    Map<String, Object> me = (Map<String, Object>) page.evaluate(
        "() => fetch('/api/me').then(r => r.json().then(body => ({status: r.status, body})))");
    assertThat(me.get("status")).as("GET /api/me in the page: %s", me).isEqualTo(200);
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) me.get("body");
    @SuppressWarnings("unchecked")
    Map<String, Object> actor = (Map<String, Object>) body.get("actor");
    assertThat(actor.get("id")).isEqualTo("user_dispatcher_marek");
    assertThat(body.get("via")).isEqualTo("SESSION");
    assertThat((String) page.evaluate("() => document.cookie")).doesNotContain("console_session");

    Object out = page.evaluate("() => fetch('/auth/logout', {method: 'POST', credentials: 'same-origin',"
        + " headers: {Accept: 'application/json'}}).then(r => r.status)");
    assertThat(out).isEqualTo(200);
    Object after = page.evaluate("() => fetch('/api/me').then(r => r.status)");
    assertThat(after).isEqualTo(401);
  }

  private static void awaitDiscovery(String base) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < 200; i++) {
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (health.body().contains("\"discovered\":true")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the console did not discover the provider in 10 s");
  }
}
