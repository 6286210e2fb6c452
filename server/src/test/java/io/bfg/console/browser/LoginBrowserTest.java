package io.bfg.console.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.Vertx;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser login in real chromium: the console sends it to the provider's own login page
 * (mock-oauth2-server, interactive), the person types who they are, and the browser lands back on the
 * dashboard signed in, acting as that person and nobody else; a session that ends while the page is open
 * takes the page through the provider and back to where it was.
 */
class LoginBrowserTest {

  private static Vertx vertx;
  private static Playwright playwright;
  private static Browser browser;
  private static MockOAuth2Server idp;
  /** Signs in without a login page, with the tokens (and lifetimes) the test enqueues. */
  private static MockOAuth2Server quietIdp;

  @TempDir
  Path dataDir;
  private RunningConsole console;
  private BrowserContext context;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    idp = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
    idp.start();
    quietIdp = new MockOAuth2Server();
    quietIdp.start();
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
    if (quietIdp != null) {
      quietIdp.shutdown();
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

    // Signed out from another tab: the dashboard's feed ends with the session and the dashboard goes to sign in
    // again, so this tab is one of ours that runs no script of its own (evaluating in the dashboard would race
    // its navigation).
    Page other = context.newPage();
    other.navigate(console.base() + "/health");
    Object out = other.evaluate("() => fetch('/auth/logout', {method: 'POST', credentials: 'same-origin',"
        + " headers: {Accept: 'application/json'}}).then(r => r.status)");
    assertThat(out).isEqualTo(200);
    Object after = other.evaluate("() => fetch('/api/me').then(r => r.status)");
    assertThat(after).isEqualTo(401);
    page.waitForURL(url -> url.startsWith(idp.authorizationEndpointUrl("bfg").toString()));
  }

  @Test
  @DisplayName("Signed in through the provider, the dashboard names Marek, has no actor switcher, takes his sign-off "
      + "through the session cookie and signs him out")
  void theDashboardActsAsTheSignedInPerson() {
    console = oidcConsole(idp);
    Page page = newPage();
    page.navigate(console.base() + "/auth/login?return=/%3Flang%3Den");
    page.locator("input[name=username]").fill("user_dispatcher_marek");
    page.locator("[type=submit]").first().click();
    page.waitForURL(console.base() + "/?lang=en");

    assertThat(page.locator("#signed-in-name")).hasText("Marek Zielinski");
    assertThat(page.locator("#actor-select")).hasCount(0);
    Locator roles = page.locator("[id='check-cutover.role-headers']");
    roles.getByText("Accept", new Locator.GetByTextOptions().setExact(true)).click();
    assertThat(roles.locator(".signoff")).containsText("Marek Zielinski");
    // another person's check offers Marek nothing to accept
    assertThat(page.locator("[id='check-cutover.contracts-frozen']")
        .getByText("Accept", new Locator.GetByTextOptions().setExact(true))).hasCount(0);

    page.locator("#sign-out").click();
    assertThat(page.locator("#signed-out")).isVisible();
    assertThat(page.evaluate("() => fetch('/api/me').then(r => r.status)")).isEqualTo(401);
  }

  @Test
  @DisplayName("A session that ends while the page is open closes the feed; the page goes through the provider and "
      + "comes back signed in, to the section it showed")
  void anEndedSessionComesBackToTheSamePlace() {
    // the first sign-in's tokens live 8 s, the second's 10 minutes
    quietIdp.enqueueCallback(new DefaultOAuth2TokenCallback("bfg", "user_md_anna", "JWT",
        List.of("integration-console"), Map.of(), 8));
    quietIdp.enqueueCallback(new DefaultOAuth2TokenCallback("bfg", "user_md_anna", "JWT",
        List.of("integration-console"), Map.of(), 600));
    console = oidcConsole(quietIdp);
    Page page = newPage();
    page.navigate(console.base() + "/auth/login");
    page.waitForURL(console.base() + "/");
    assertThat(page.locator("#signed-in-name")).hasText("Anna Kowalska");
    Locator section = page.locator("#sections > section").nth(6);
    String sectionId = section.getAttribute("id");
    section.evaluate("el => el.scrollIntoView({block: 'start'})");
    // the round trip is a chain of redirects ending on the dashboard: the requests tell it, not the URL
    List<String> logins = new CopyOnWriteArrayList<>();
    page.onRequest(request -> {
      if (request.isNavigationRequest() && request.url().contains("/auth/login")) {
        logins.add(request.url());
      }
    });

    page.waitForCondition(() -> !logins.isEmpty(), new Page.WaitForConditionOptions().setTimeout(30_000));
    assertThat(logins.get(0)).isEqualTo(console.base() + "/auth/login?return=%2F");
    page.waitForURL(console.base() + "/");
    assertThat(page.locator("#signed-in-name")).hasText("Anna Kowalska");
    // back at the section, which lands below the sticky decision bar
    page.waitForFunction("id => { const el = document.getElementById(id); const top = el && "
        + "el.getBoundingClientRect().top; const bar = document.querySelector('.banner').getBoundingClientRect().bottom;"
        + " return el && top > bar - 40 && top < bar + 120; }", sectionId);
    assertThat(page.evaluate("() => fetch('/api/me').then(r => r.json()).then(b => b.actor.id)"))
        .isEqualTo("user_md_anna");
  }

  private RunningConsole oidcConsole(MockOAuth2Server provider) {
    String issuer = provider.issuerUrl("bfg").toString().replaceAll("/$", "");
    RunningConsole started = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, Map.of("CONSOLE_WEB_DIR", "web",
        "CONSOLE_AUTH", "oidc", "CONSOLE_OIDC_ISSUER", issuer, "CONSOLE_OIDC_CLIENT_ID", "integration-console"));
    try {
      awaitDiscovery(started.base());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return started;
  }

  private Page newPage() {
    context = browser.newContext();
    context.setDefaultTimeout(15_000);
    // These tests read the seed's sections, which the overview folds: they read the full page.
    BrowserTest.startInFullPage(context);
    return context.newPage();
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
