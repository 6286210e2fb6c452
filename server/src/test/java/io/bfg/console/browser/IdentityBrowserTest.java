package io.bfg.console.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.Cookie;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.ApiClient.DRIVER;
import static io.bfg.console.http.ApiClient.MAREK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's side of team identity (ARCHITECTURE.md "Identity"), in headless chromium. The console
 * under it runs in mock mode; page routes answer /api/me, /api/*, /auth/* and the feed the way the
 * contract says an oidc console does (a session cookie, 401 without it), so these are the page's own
 * behaviour: who is shown as signed in, what is offered, the sign-in round trip and sign-out. The
 * end-to-end login against a real identity provider is the server's test.
 */
@DisplayName("Who is signed in, on the dashboard, in headless chromium")
class IdentityBrowserTest extends BrowserTest {

  private static final String PLACE_KEY = "integration-console.place.v1";
  private static final String LIVE_PROVIDER = "selection.live-provider";
  private static final String ROLE_HEADERS = "cutover.role-headers";

  private JsonArray actors;

  @BeforeEach
  void startConsole() {
    startConsole(RunningConsole.BFG, Map.of());
    actors = console.api().evaluation().getJsonArray("actors");
  }

  @Test
  @DisplayName("in oidc mode the header shows who is signed in and Sign out, no actor switcher exists, and only the "
      + "signed-in actor's commands are offered, sent with the session cookie and no X-Actor-Id")
  void signedInHeaderAndOnlyOwnCommands() {
    OidcConsole oidc = new OidcConsole(ANNA);
    DashboardPage dashboard = open(new Browser.NewContextOptions().setViewportSize(768, 1024), oidc::install);
    JsonObject anna = actor(ANNA);

    assertThat(dashboard.page.locator("#signed-in-name")).hasText(anna.getString("name"));
    assertThat(dashboard.page.locator("#signed-in-role")).hasText(anna.getString("role"));
    assertThat(dashboard.page.locator("#signed-in")).containsText("Signed in as");
    Locator signOut = dashboard.page.locator("#sign-out");
    assertThat(signOut).hasText("Sign out");
    assertThat(dashboard.page.locator("#actor-select")).hasCount(0);
    assertThat(dashboard.page.locator("#actor-switch")).hasCount(0);
    assertThat(dashboard.page.locator("[id=\"actor-" + ANNA + "\"]")).hasClass(Pattern.compile("\\bselected\\b"));
    signOut.focus();
    assertThat(signOut).isFocused();
    assertNoHorizontalScroll(dashboard, "the signed-in header (en)");

    Locator accept = dashboard.check(LIVE_PROVIDER).getByText("Accept", new Locator.GetByTextOptions().setExact(true));
    assertThat(accept).isEnabled();
    accept.click();
    assertThat(dashboard.check(LIVE_PROVIDER).locator(".signoff")).isVisible();
    assertThat(oidc.commands).hasSize(1);
    Map<String, String> sent = oidc.commands.get(0);
    assertThat(sent).as("headers of the Accept request").doesNotContainKey("x-actor-id");
    assertThat(sent.get("cookie")).as("cookie of the Accept request").contains("console_session=");
    // The audit trail names the signed-in actor: the console took the command as theirs.
    assertThat(dashboard.check(LIVE_PROVIDER).locator(".signoff")).containsText(anna.getString("name"));

    dashboard.langButton("pl").click();
    assertThat(signOut).hasText("Wyloguj się");
    assertThat(dashboard.page.locator("#signed-in")).containsText("Zalogowano jako");
    assertNoHorizontalScroll(dashboard, "the signed-in header (pl)");
    DashboardPage.screenshot(dashboard.page.locator(".banner"), SCREENSHOTS.resolve("signed-in-pl.png"));

    // Another person's browser, signed in as the driver: nothing to accept, decide or run.
    DashboardPage driver = open(new Browser.NewContextOptions(), new OidcConsole(DRIVER)::install);
    assertThat(driver.page.locator("#signed-in-name")).hasText(actor(DRIVER).getString("name"));
    for (String command : List.of("Accept", "Revoke", "Record decision", "Run connection check", "Run dry-run")) {
      assertThat(driver.buttons(command)).hasCount(0);
    }
    assertThat(driver.page.locator("#actor-select")).hasCount(0);
  }

  @Test
  @DisplayName("a 401 while the page is open goes to /auth/login?return=<path and query> with the place saved, and "
      + "after signing in the page is back at the same section, scroll and copilot draft, once")
  void a401GoesThroughSignInAndComesBackToTheSamePlace() {
    OidcConsole oidc = new OidcConsole(ANNA);
    BrowserContext context = context(new Browser.NewContextOptions().setViewportSize(1280, 1000), oidc);
    DashboardPage dashboard = DashboardPage.open(context, console.base(), "/?lang=en");
    Page page = dashboard.page;
    dashboard.copilotQuestion().fill("Who signs the live provider off?");
    page.evaluate("() => { location.hash = '#section-provider-selection'; window.scrollBy(0, -40); }");
    Locator accept = dashboard.check(LIVE_PROVIDER).getByText("Accept", new Locator.GetByTextOptions().setExact(true));
    assertThat(accept).isInViewport();
    double top = sectionTop(page, "section-provider-selection");
    // Anchors land below the sticky decision bar, which never scrolls away.
    double bar = ((Number) page.evaluate("() => document.querySelector('.banner').getBoundingClientRect().bottom"))
        .doubleValue();
    assertThat(top).as("the section's top in the window before, below the decision bar (%s px)", bar)
        .isBetween(bar + 20.0, bar + 80.0);

    oidc.signedIn.set(null); // the session ends on the server
    accept.click();
    page.waitForURL(Pattern.compile(".*/auth/login\\?return=.*"));
    assertThat(oidc.logins).hasSize(1);
    assertThat(returnOf(oidc.logins.get(0))).isEqualTo("/?lang=en");
    JsonObject saved = new JsonObject((String) page.evaluate("k => sessionStorage.getItem(k)", PLACE_KEY));
    assertThat(saved.getString("hash")).isEqualTo("#section-provider-selection");
    assertThat(saved.getString("draft")).isEqualTo("Who signs the live provider off?");

    oidc.signedIn.set(actor(ANNA)); // signed in again: the identity provider sends the browser back
    page.navigate(console.base() + returnOf(oidc.logins.get(0)));
    assertThat(dashboard.copilotQuestion()).hasValue("Who signs the live provider off?");
    page.waitForFunction("([id, top]) => Math.abs(document.getElementById(id).getBoundingClientRect().top - top) <= 2",
        List.of("section-provider-selection", top));
    assertThat(page.evaluate("() => location.hash")).isEqualTo("#section-provider-selection");
    assertThat(page.evaluate("k => sessionStorage.getItem(k)", PLACE_KEY)).as("the place, once restored").isNull();
    assertThat(page.locator("#signed-in-name")).hasText(actor(ANNA).getString("name"));
    assertThat(page.locator("#auth-notice")).isEmpty();
    assertThat(oidc.logins).hasSize(1);
    assertThat(dashboard.pageErrors).as("uncaught script errors").isEmpty();
  }

  @Test
  @DisplayName("a 401 right after coming back from signing in shows a message with Sign in again instead of "
      + "looping through the identity provider")
  void a401RightAfterSigningInDoesNotLoop() {
    OidcConsole oidc = new OidcConsole(null);
    BrowserContext context = context(new Browser.NewContextOptions(), oidc);
    Page page = context.newPage();
    List<String> errors = new CopyOnWriteArrayList<>();
    page.onPageError(errors::add);

    page.navigate(console.base() + "/?lang=en");
    page.waitForURL(Pattern.compile(".*/auth/login\\?return=.*"));
    assertThat(returnOf(oidc.logins.get(0))).isEqualTo("/?lang=en");

    // The identity provider sends the browser back, but the session did not take (a blocked cookie).
    page.navigate(console.base() + "/?lang=en");
    Locator notice = page.locator("#sign-in-loop");
    assertThat(notice).isVisible();
    assertThat(notice).containsText("still answers 401");
    Locator again = page.locator("#sign-in-again");
    assertThat(again).hasText("Sign in again");
    assertThat(again).hasAttribute("href", "/auth/login?return=%2F%3Flang%3Den");
    assertThat(page.locator("#actor-select")).hasCount(0);
    assertThat(oidc.logins).as("visits to /auth/login").hasSize(1);

    page.locator(".lang-btn[data-lang=\"pl\"]").click();
    assertThat(again).hasText("Zaloguj się ponownie");
    assertThat(notice).containsText("nadal odpowiada 401");
    DashboardPage.screenshot(notice, SCREENSHOTS.resolve("sign-in-loop-pl.png"));

    again.focus();
    page.keyboard().press("Enter");
    page.waitForURL(Pattern.compile(".*/auth/login\\?return=.*"));
    assertThat(oidc.logins).hasSize(2);
    assertThat(errors).as("uncaught script errors").isEmpty();
  }

  @Test
  @DisplayName("Sign out posts /auth/logout and shows the signed-out state with a Sign in link, in Polish with its "
      + "diacritics, without going back to the identity provider")
  void signOutShowsTheSignedOutState() {
    OidcConsole oidc = new OidcConsole(ANNA);
    DashboardPage dashboard = open(new Browser.NewContextOptions().setViewportSize(768, 1024), oidc::install);
    Page page = dashboard.page;
    dashboard.langButton("pl").click();
    Locator signOut = page.locator("#sign-out");
    assertThat(signOut).hasText("Wyloguj się");

    signOut.click();
    Locator signedOut = page.locator("#signed-out");
    assertThat(signedOut.locator("h2")).hasText("Wylogowano z konsoli");
    assertThat(signedOut).containsText("Konsola zakończyła Twoją sesję");
    Locator signIn = page.locator("#sign-in");
    assertThat(signIn).hasText("Zaloguj się");
    assertThat(signIn).hasAttribute("href", "/auth/login?return=%2F");
    assertThat(page.locator("#signed-out-title")).isFocused();
    assertThat(oidc.logouts).containsExactly("POST x-actor-id=null cookie=true");
    assertThat(page.locator("#sections > section")).hasCount(0);
    assertThat(page.locator("#sign-out")).hasCount(0);
    assertThat(page.locator("#actor-select")).hasCount(0);
    assertThat(dashboard.feedState()).hasAttribute("data-state", "stopped");
    assertNoHorizontalScroll(dashboard, "the signed-out page (pl)");
    DashboardPage.screenshot(page.locator("main"), SCREENSHOTS.resolve("signed-out-pl.png"));

    dashboard.langButton("en").click();
    assertThat(signedOut.locator("h2")).hasText("You are signed out");
    assertThat(signIn).hasText("Sign in");
    assertThat(page.url()).doesNotContain("/auth/login");
    assertThat(oidc.logins).isEmpty();

    signIn.click();
    page.waitForURL(Pattern.compile(".*/auth/login\\?return=%2F$"));
    assertThat(oidc.logins).hasSize(1);
  }

  @Test
  @DisplayName("the feed closing with 1008 when the session has expired sends the page through sign-in, not into "
      + "reconnecting")
  void aFeedClosedFor1008GoesThroughSignIn() {
    OidcConsole oidc = new OidcConsole(ANNA);
    DashboardPage dashboard = open(new Browser.NewContextOptions(), oidc::install);
    assertThat(dashboard.page.locator("#signed-in-name")).hasText(actor(ANNA).getString("name"));

    int sockets = oidc.feeds.get();

    oidc.signedIn.set(null);
    oidc.feed.get().close(new WebSocketRoute.CloseOptions().setCode(1008).setReason("session expired"));
    dashboard.page.waitForURL(Pattern.compile(".*/auth/login\\?return=.*"));
    assertThat(returnOf(oidc.logins.get(0))).isEqualTo("/");
    // Straight to sign-in: no reconnect first, whose refusal would have led there only later.
    assertThat(oidc.feeds.get()).as("feed sockets opened").isEqualTo(sockets);
  }

  @Test
  @DisplayName("in mock mode the switcher stays, /api/me is asked with the chosen actor's X-Actor-Id, commands carry "
      + "it, and a 401 never sends the page to sign in")
  void mockModeKeepsTheSwitcher() {
    List<String> meAsked = new CopyOnWriteArrayList<>();
    List<String> commandActors = new CopyOnWriteArrayList<>();
    DashboardPage dashboard = open(new Browser.NewContextOptions(), context -> {
      // /api/me as the console answers it in mock mode: the actor X-Actor-Id names, 401 without one.
      context.route("**/api/me", route -> {
        String actorId = route.request().headers().get("x-actor-id");
        meAsked.add(String.valueOf(actorId));
        JsonObject actor = actorId == null ? null : actor(actorId);
        if (actor == null) {
          unauthenticated(route);
        } else {
          json(route, 200, new JsonObject().put("actor", actor).put("auth", "mock-auth-header")
              .put("via", "MOCK_HEADER").putNull("expiresAt"));
        }
      });
      context.route(url -> url.contains("/api/checks/"), route -> {
        commandActors.add(String.valueOf(route.request().headers().get("x-actor-id")));
        route.resume();
      });
    });
    Page page = dashboard.page;
    assertThat(dashboard.actorSelect()).isVisible();
    assertThat(page.locator("#sign-out")).hasCount(0);
    assertThat(page.locator("#signed-in")).hasCount(0);

    dashboard.actAs(MAREK);
    page.waitForCondition(() -> meAsked.contains(MAREK));
    assertThat(meAsked).as("X-Actor-Id of each /api/me").startsWith("null");
    dashboard.check(ROLE_HEADERS).getByText("Accept", new Locator.GetByTextOptions().setExact(true)).click();
    assertThat(dashboard.check(ROLE_HEADERS).locator(".signoff")).isVisible();
    assertThat(commandActors).containsExactly(MAREK);
    assertThat(page.url()).doesNotContain("/auth/login");
  }

  /** The scenario's actor as /api/me names it, or null when the scenario has none by that id. */
  private JsonObject actor(String id) {
    for (int i = 0; i < actors.size(); i++) {
      JsonObject actor = actors.getJsonObject(i);
      if (id.equals(actor.getString("id"))) {
        return new JsonObject().put("id", id).put("name", actor.getString("name")).put("role", actor.getString("role"))
            .put("permissions", actor.getJsonArray("permissions", new JsonArray()).copy());
      }
    }
    return null;
  }

  /** A browser context playing {@code oidc}, for tests that do not start on a loaded dashboard. */
  private BrowserContext context(Browser.NewContextOptions options, OidcConsole oidc) {
    BrowserContext context = newContext(options);
    oidc.install(context);
    return context;
  }

  private static double sectionTop(Page page, String id) {
    return ((Number) page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", id)).doubleValue();
  }

  /** The return path a /auth/login URL carries. */
  private static String returnOf(String loginUrl) {
    String query = URI.create(loginUrl).getRawQuery();
    assertThat(query).as("query of %s", loginUrl).startsWith("return=");
    return URLDecoder.decode(query.substring("return=".length()), StandardCharsets.UTF_8);
  }

  private static void json(Route route, int status, JsonObject body) {
    route.fulfill(new Route.FulfillOptions().setStatus(status).setContentType("application/json")
        .setBody(body.encode()));
  }

  private static void unauthenticated(Route route) {
    route.fulfill(new Route.FulfillOptions().setStatus(401).setContentType("application/json")
        .setHeaders(Map.of("WWW-Authenticate", "Bearer"))
        .setBody("{\"error\":{\"code\":\"UNAUTHENTICATED\",\"message\":\"sign in first\"}}"));
  }

  /**
   * An oidc console as the page sees it, played over the mock-mode one: the session cookie stands for
   * {@link #signedIn} (null: no session, every API call and the feed refused with 401), a command goes on
   * to the console as that actor, /auth/login is the identity provider's page, /auth/logout ends it.
   */
  private final class OidcConsole {
    final AtomicReference<JsonObject> signedIn = new AtomicReference<>();
    /** /auth/login URLs the browser visited, in order. */
    final List<String> logins = new CopyOnWriteArrayList<>();
    /** All headers (cookie included) of each command the page sent. */
    final List<Map<String, String>> commands = new CopyOnWriteArrayList<>();
    /** "METHOD x-actor-id=... cookie=true|false" of each /auth/logout. */
    final List<String> logouts = new CopyOnWriteArrayList<>();
    /** The page's side of its latest feed socket. */
    final AtomicReference<WebSocketRoute> feed = new AtomicReference<>();
    /** Feed sockets the page opened. */
    final AtomicInteger feeds = new AtomicInteger();

    OidcConsole(String actorId) {
      signedIn.set(actorId == null ? null : actor(actorId));
    }

    void install(BrowserContext context) {
      context.addCookies(List.of(new Cookie("console_session", "sealed-by-the-console").setUrl(console.base())));
      context.route(url -> {
        String path = URI.create(url).getPath();
        return path.startsWith("/api/") || path.startsWith("/auth/");
      }, this::answer);
      context.routeWebSocket(Pattern.compile(".*/ws(\\?.*)?$"), socket -> {
        feed.set(socket);
        feeds.incrementAndGet();
        if (signedIn.get() == null) {
          socket.close(new WebSocketRoute.CloseOptions().setCode(4401).setReason("no session"));
        } else {
          socket.connectToServer();
        }
      });
    }

    private void answer(Route route) {
      Request request = route.request();
      String path = URI.create(request.url()).getPath();
      JsonObject who = signedIn.get();
      if (path.equals("/auth/login")) {
        logins.add(request.url());
        route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html; charset=utf-8")
            .setBody("<!doctype html><title>Identity provider</title><h1>Identity provider</h1>"));
        return;
      }
      if (path.equals("/auth/logout")) {
        Map<String, String> headers = request.allHeaders();
        logouts.add(request.method() + " x-actor-id=" + headers.get("x-actor-id") + " cookie="
            + String.valueOf(headers.get("cookie")).contains("console_session="));
        signedIn.set(null);
        route.fulfill(new Route.FulfillOptions().setStatus(204));
        return;
      }
      if (who == null) {
        unauthenticated(route);
        return;
      }
      if (path.equals("/api/me")) {
        json(route, 200, new JsonObject().put("actor", who).put("auth", "oidc").put("via", "SESSION")
            .put("expiresAt", "2099-01-01T00:00:00Z"));
        return;
      }
      if (path.equals("/api/actions")) {
        // What the signed-in actor may do: the console knows them from the session, the mock one from the header.
        Map<String, String> asActor = new HashMap<>(request.headers());
        asActor.put("x-actor-id", who.getString("id"));
        route.resume(new Route.ResumeOptions().setHeaders(asActor));
        return;
      }
      if ("GET".equals(request.method())) {
        route.resume();
        return;
      }
      commands.add(request.allHeaders());
      // The console knows the actor from the session; the mock-mode console under this test, from the header.
      Map<String, String> forwarded = new HashMap<>(request.headers());
      forwarded.put("x-actor-id", who.getString("id"));
      route.resume(new Route.ResumeOptions().setHeaders(forwarded));
    }
  }
}
