package io.bfg.console.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.ApiClient.DRIVER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: Debian's chromium, headless, driven by Playwright against the real
 * console on port 0 serving {@code web/}. One browser for the class; every test gets a fresh console
 * (its own journal, so the seed's numbers) and fresh browser contexts. Screenshots go to
 * {@code server/target/screenshots/}.
 */
@DisplayName("The dashboard in headless chromium")
class DashboardBrowserTest extends BrowserTest {

  /** The seed page's sections, in page order (evaluation.sections). */
  private static final List<String> SECTIONS = List.of("header", "kpis", "copilot", "checklist",
      "production-decision", "provider-selection", "infrastructure", "wiring", "providers", "session", "rbac",
      "cutover", "board", "runbook", "data-cutover", "connection", "dry-run", "preflight", "release", "rollback",
      "environments");

  private static final String RUNBOOK = "ProductionAdapterMigrationRunbook.v1";
  private static final String RELEASE = "ProductionReleaseHandoff.v1";
  private static final List<String> RELEASE_VARS = List.of("BFG_RELEASE_ENVIRONMENT", "BFG_RELEASE_TARGET",
      "BFG_SCENARIO_ADAPTER", "BFG_STORAGE_ADAPTER", "BFG_AUTH_MODE", "BFG_TENANT_MODE", "BFG_ROLLBACK_OWNER",
      "BFG_RELEASE_EVIDENCE", "BFG_RELEASE_DECISION");

  private static final String CONTRACTS_FROZEN = "cutover.contracts-frozen";

  @BeforeEach
  void startConsole() {
    startConsole(RunningConsole.BFG, Map.of());
  }

  @Test
  @DisplayName("shows every section of the seed page in order, with its counts, decisions and packets")
  void showsEverySectionWithItsCounts() {
    DashboardPage dashboard = open();
    dashboard.waitForPackets(RUNBOOK, RELEASE);

    assertThat(dashboard.sectionIds()).containsExactlyElementsOf(SECTIONS.stream().map(id -> "section-" + id).toList());
    for (String id : SECTIONS) {
      assertThat(dashboard.section(id)).isVisible();
    }

    assertThat(dashboard.sectionBadge("checklist")).hasText("2/9");
    assertThat(dashboard.page.locator("#section-checklist .gate")).hasCount(9);
    assertThat(dashboard.page.locator("#section-checklist .gate[data-status=\"READY\"]")).hasCount(2);
    assertThat(dashboard.groupCount("preflight")).hasText("1/5 checks");
    assertThat(dashboard.groupCount("cutover")).hasText("0/6 checks");
    assertThat(dashboard.groupCount("connection")).hasText("0/4 checks");
    assertThat(dashboard.groupCount("dry-run")).hasText("0/5 checks");
    assertThat(dashboard.groupCount("wiring")).hasText("0/7 checks");
    assertThat(dashboard.groupDecision("wiring")).containsText("BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS");
    assertThat(dashboard.groupCount("release")).hasText("3/5 checks");
    assertThat(dashboard.groupDecision("release")).containsText("BLOCKED_PENDING_DRY_RUN");
    assertThat(dashboard.sectionBadge("release")).hasText("3/5 ready");
    assertThat(dashboard.sectionBadge("preflight")).hasText("1/5 ready");
    assertThat(dashboard.sectionBadge("cutover")).hasText("0/6 rehearsed");
    assertThat(dashboard.sectionBadge("connection")).hasText("0/4 connection checks");
    assertThat(dashboard.sectionBadge("dry-run")).hasText("0/5 dry-run checks");
    assertThat(dashboard.sectionBadge("wiring")).hasText("0/7 local checks");

    assertThat(dashboard.page.locator("#section-copilot .rec-action")).hasText("Record adapter connection evidence");
    assertThat(dashboard.packetCode(RUNBOOK)).containsText("force row level security");
    assertThat(envNames(dashboard.packetCode(RELEASE).textContent())).containsExactlyElementsOf(RELEASE_VARS);

    dashboard.screenshot(SCREENSHOTS.resolve("dashboard-en.png"));
  }

  @Test
  @DisplayName("shows the seed's card texts: board subtitles and evidence, the wiring's preflight line, the "
      + "decision badges and the connection packet's endpoint lines, in English and in Polish")
  void showsTheSeedCardTexts() {
    DashboardPage dashboard = open();
    Locator environment = dashboard.check("board.environment-readiness");
    assertThat(environment.locator(".check-subtitle")).hasText("Staging to production");
    assertThat(environment.locator(".meta")).containsText("0/2 checks accepted");
    assertThat(dashboard.check("board.adapter-selection").locator(".meta")).containsText("Target locked");
    assertThat(dashboard.check("board.release-approvals").locator(".check-subtitle")).hasText("6 owner checks");

    assertThat(dashboard.section("wiring").locator(".card-evidence"))
        .hasText("Preflight not run; infrastructure status: blocked.");

    Locator decisionHeads = dashboard.section("production-decision").locator(".card .card-head");
    assertThat(decisionHeads).hasCount(4);
    assertThat(decisionHeads.nth(0)).containsText("Production blocked");
    assertThat(decisionHeads.nth(1)).containsText("Rehearsal");
    assertThat(decisionHeads.nth(1)).not().containsText("Ready");
    assertThat(decisionHeads.nth(2)).containsText("Needed");
    assertThat(decisionHeads.nth(3)).containsText("Guarded");

    Locator packetLines = dashboard.page.locator("[id=\"packet-ProductionAdapterConnection.v1\"] .card-lines");
    assertThat(packetLines).containsText("Redacted endpoint");
    assertThat(packetLines).containsText("Not recorded");
    assertThat(packetLines).containsText("Endpoint fingerprint");
    assertThat(packetLines).containsText("Fingerprint not recorded");

    dashboard.langButton("pl").click();
    assertThat(environment.locator(".meta")).containsText("0/2 kontroli zaakceptowanych");
    assertThat(dashboard.section("wiring").locator(".card-evidence"))
        .hasText("Preflight nieuruchomiony; status infrastruktury: blocked.");
    assertThat(decisionHeads.nth(1)).containsText("Próba");
    assertThat(packetLines).containsText("Odcisk nie zapisany");
  }

  @Test
  @DisplayName("switches to Polish: scenario labels, statuses and the console's own chrome")
  void switchesToPolish() {
    DashboardPage dashboard = open();
    dashboard.langButton("pl").click();

    assertThat(dashboard.page.locator("html")).hasAttribute("lang", "pl");
    assertThat(dashboard.langButton("pl")).hasAttribute("aria-pressed", "true");
    assertThat(dashboard.section("cutover").locator(".eyebrow")).hasText("Przejście produkcyjne");
    assertThat(dashboard.section("rbac").locator(".eyebrow")).hasText("Mapa RBAC");
    assertThat(dashboard.check(CONTRACTS_FROZEN).locator(".check-title")).hasText("Kontrakty zamrożone");
    assertThat(dashboard.check(CONTRACTS_FROZEN).locator(".status")).containsText("Do przeglądu");
    assertThat(dashboard.groupCount("cutover")).hasText("0/6 kontroli");
    assertThat(dashboard.page.locator("#section-copilot .rec-action")).hasText("Zapisz dowody connection adaptera");

    assertThat(dashboard.page.locator("label[for=\"actor-select\"]")).hasText("Działasz jako");
    assertThat(dashboard.page.locator("#conn-state")).hasText("Na żywo");
    assertThat(dashboard.page.locator("#toc-title")).hasText("Sekcje");
    assertThat(dashboard.buttons("Akceptuj").first()).isVisible();
    assertThat(dashboard.buttons("Accept")).hasCount(0);
    assertThat(dashboard.page.locator(".status-REVIEW", new Page.LocatorOptions()
        .setHasText("Next"))).hasCount(0);

    dashboard.waitForPackets(RUNBOOK, RELEASE);
    dashboard.screenshot(SCREENSHOTS.resolve("dashboard-pl.png"));
  }

  /** Applies the page's own patch.js to the feed frames it got and compares with a fresh GET (key order aside). */
  private static final String PATCHES_REBUILD_THE_EVALUATION = """
      async (frames) => {
        const { applyPatch } = await import('/js/patch.js');
        let held = null;
        for (const message of frames.map((f) => JSON.parse(f))) {
          if (message.type === 'evaluation') held = message.evaluation;
          if (message.type === 'evaluation.patch') held = applyPatch(held, message.patch);
        }
        const canonical = (v) => Array.isArray(v) ? v.map(canonical)
          : v !== null && typeof v === 'object'
            ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;
        const fresh = await (await fetch('/api/evaluation?lang=en')).json();
        return JSON.stringify(canonical(held)) === JSON.stringify(canonical(fresh));
      }""";

  @Test
  @DisplayName("an owner's sign-off in one page shows up live in another page, through the WebSocket feed")
  void signOffShowsUpLiveInAnotherPage() {
    DashboardPage owner = open();
    DashboardPage watcher = open();
    assertThat(watcher.groupCount("cutover")).hasText("0/6 checks");
    assertThat(watcher.sectionBadge("cutover")).hasText("0/6 rehearsed");
    assertThat(watcher.check(CONTRACTS_FROZEN)).hasAttribute("data-status", "REVIEW");
    watcher.page.evaluate("() => { window.sameDocument = true; }");
    List<String> evaluationFetches = new CopyOnWriteArrayList<>();
    watcher.page.onRequest(request -> {
      if (request.url().contains("/api/evaluation")) {
        evaluationFetches.add(request.url());
      }
    });
    int framesBefore = watcher.feedFrames.size();

    owner.actAs(ANNA);
    owner.check(CONTRACTS_FROZEN).getByRole(AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Accept").setExact(true)).click();

    LocatorAssertions.HasAttributeOptions fewSeconds = new LocatorAssertions.HasAttributeOptions().setTimeout(5_000);
    assertThat(watcher.check(CONTRACTS_FROZEN)).hasAttribute("data-status", "READY", fewSeconds);
    assertThat(watcher.groupCount("cutover")).hasText("1/6 checks");
    assertThat(watcher.sectionBadge("cutover")).hasText("1/6 rehearsed");
    assertThat(watcher.check(CONTRACTS_FROZEN).locator(".signoff")).containsText("Anna Kowalska");
    assertThat(watcher.feedState()).hasAttribute("data-state", "live");
    assertThat(watcher.page.locator("#conn-state")).hasText("Live");

    assertThat(watcher.page.evaluate("() => window.sameDocument === true")).as("the watching page was not reloaded")
        .isEqualTo(true);
    assertThat(evaluationFetches).as("evaluation fetches of the watching page (the feed should carry the change)")
        .isEmpty();
    List<String> frames = List.copyOf(watcher.feedFrames);
    assertThat(frames.subList(framesBefore, frames.size()))
        .as("feed frames received by the watching page after the sign-off: a patch, not the whole evaluation")
        .anySatisfy(frame -> assertThat(frame).contains("\"type\":\"evaluation.patch\"", "\"op\":\"replace\""))
        .noneSatisfy(frame -> assertThat(frame).contains("\"type\":\"evaluation\""));
    assertThat(watcher.page.evaluate(PATCHES_REBUILD_THE_EVALUATION, frames))
        .as("the page's patch code, fed the frames it received, rebuilds GET /api/evaluation").isEqualTo(true);
    assertThat(owner.check(CONTRACTS_FROZEN)).hasAttribute("data-status", "READY");

    watcher.check(CONTRACTS_FROZEN).scrollIntoViewIfNeeded();
    DashboardPage.screenshot(watcher.section("cutover"), SCREENSHOTS.resolve("live-update.png"));
  }

  @Test
  @DisplayName("a command the server refuses (the page had not yet heard of a change) shows the server's own message "
      + "in an alert")
  void refusalIsShownPlainly() {
    // The page's feed goes through a relay that can hold back what the server says, so the page falls behind.
    AtomicBoolean relay = new AtomicBoolean(true);
    DashboardPage dashboard = open(new Browser.NewContextOptions(), context -> context.routeWebSocket(
        Pattern.compile(".*/ws(\\?.*)?$"), page -> {
          WebSocketRoute server = page.connectToServer();
          server.onMessage(frame -> {
            if (relay.get()) {
              page.send(frame.text());
            }
          });
        }));
    dashboard.actAs(ANNA);
    Locator check = dashboard.check(CONTRACTS_FROZEN);
    console.api().accept(ANNA, CONTRACTS_FROZEN).ok();
    assertThat(check.locator(".signoff")).isVisible();

    relay.set(false);
    console.api().revoke(ANNA, CONTRACTS_FROZEN).ok(); // elsewhere: this page does not hear of it
    Response response = dashboard.page.waitForResponse(
        r -> r.url().endsWith("/api/checks/" + CONTRACTS_FROZEN + "/revoke"),
        () -> check.getByRole(AriaRole.BUTTON,
            new Locator.GetByRoleOptions().setName("Revoke").setExact(true)).click());
    assertThat(response.status()).isEqualTo(409);
    String message = new JsonObject(response.text()).getJsonObject("error").getString("message");
    assertThat(message).isNotBlank();

    Locator alert = check.locator("[role=\"alert\"]");
    assertThat(alert).isVisible();
    assertThat(alert).containsText("409");
    assertThat(alert).containsText(message);
  }

  @Test
  @DisplayName("a driver is offered no Accept button anywhere, though the owner is")
  void driverGetsNoAcceptButtons() {
    DashboardPage dashboard = open();
    dashboard.actAs(ANNA);
    assertThat(dashboard.buttons("Accept").first()).isVisible();

    dashboard.actAs(DRIVER);
    assertThat(dashboard.buttons("Accept")).hasCount(0);
    assertThat(dashboard.buttons("Revoke")).hasCount(0);
  }

  @Test
  @DisplayName("the actor switcher and the EN/PL buttons are reached with Tab")
  void toolbarIsReachedWithTab() {
    DashboardPage dashboard = open();
    assertThat(dashboard.actorSelect()).isVisible();

    List<String> focused = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      dashboard.page.keyboard().press("Tab");
      focused.add((String) dashboard.page.evaluate("() => { const el = document.activeElement;"
          + " return el.dataset.lang ? 'lang-' + el.dataset.lang : (el.id || el.tagName.toLowerCase()); }"));
    }

    assertThat(focused).as("elements focused by successive Tabs").containsSubsequence("actor-select", "lang-en", "lang-pl");
  }

  @Test
  @DisplayName("at tablet width (768x1024) the page has no horizontal scrollbar, in English and in Polish")
  void tabletWidthHasNoHorizontalScroll() {
    DashboardPage dashboard = open(new Browser.NewContextOptions().setViewportSize(768, 1024));
    dashboard.waitForPackets(RUNBOOK, RELEASE);
    assertNoHorizontalScroll(dashboard, "en");
    dashboard.page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tablet.png")));

    dashboard.langButton("pl").click();
    assertThat(dashboard.section("cutover").locator(".eyebrow")).hasText("Przejście produkcyjne");
    dashboard.waitForPackets(RUNBOOK, RELEASE);
    assertNoHorizontalScroll(dashboard, "pl");
  }

  private static List<String> envNames(String envBlock) {
    List<String> names = new ArrayList<>();
    Matcher matcher = Pattern.compile("(?m)^(BFG_[A-Z0-9_]+)=").matcher(envBlock);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }
}
