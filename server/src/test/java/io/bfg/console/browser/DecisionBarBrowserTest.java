package io.bfg.console.browser;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.SelectOption;
import io.bfg.console.http.ApiClient;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.ApiClient.DRIVER;
import static io.bfg.console.http.ApiClient.MAREK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision first: the sticky decision bar on the first screen, the overview with ready sections
 * collapsed, decisions that ask before they record, the timeline and the notice of someone else's
 * move across two pages, and axe-core over the page in its four faces.
 */
@DisplayName("The decision bar, overview and timeline, in headless chromium")
class DecisionBarBrowserTest extends BrowserTest {

  private static final String LIVE_PROVIDER = "selection.live-provider";

  JsonObject evaluation;

  /** These tests are about the overview, the dashboard's default. */
  @Override
  boolean startsInFullPage() {
    return false;
  }

  @BeforeEach
  void startConsole() {
    startConsole(RunningConsole.BFG, Map.of());
    evaluation = console.api().evaluation();
  }

  private DashboardPage openAt(int width, int height) {
    return open(new Browser.NewContextOptions().setViewportSize(width, height));
  }

  /** Whether the whole of {@code part} lies inside the viewport as the page now stands. */
  private static boolean onScreen(DashboardPage dashboard, Locator part) {
    return (Boolean) part.evaluate("(el) => { const r = el.getBoundingClientRect();"
        + " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0"
        + " && r.right <= window.innerWidth; }");
  }

  @Test
  @DisplayName("the first screen at 1400x900 and 768x1024 gives the decision in words, the blocking gate, the next "
      + "action and its owner, and they stay on screen when the page scrolls")
  void firstScreenGivesTheDecision() {
    String blocking = ApiClient.group(evaluation, evaluation.getJsonObject("production").getString("blockedBy"))
        .getString("label");
    JsonObject rec = evaluation.getJsonObject("recommendation");
    for (int[] size : new int[][] {{1400, 900}, {768, 1024}}) {
      DashboardPage dashboard = openAt(size[0], size[1]);
      dashboard.actAs(ANNA);
      Locator decision = dashboard.page.locator("#bar-decision");
      assertThat(decision).hasText(Pattern.compile("NO-GO: production is blocked"));
      assertThat(dashboard.page.locator("#bar-blocked")).containsText(blocking);
      assertThat(dashboard.page.locator("#bar-next")).containsText(rec.getString("action"));
      assertThat(dashboard.page.locator("#bar-owner")).containsText("Owner: Anna Kowalska");
      assertThat(dashboard.page.locator("#bar-next button")).hasText("Run connection check");
      assertThat(dashboard.page.locator("#bar-mine a")).hasText(Pattern.compile("My actions: \\d+"));
      for (String id : List.of("#bar-decision", "#bar-blocked", "#bar-next", "#bar-owner", "#bar-mine", "#conn",
          "#actor-select", "#bar-gates")) {
        assertThat(onScreen(dashboard, dashboard.page.locator(id))).as("%s on the first screen at %dx%d", id, size[0], size[1])
            .isTrue();
      }
      dashboard.screenshot(SCREENSHOTS.resolve("first-screen-" + size[0] + ".png"));
      dashboard.page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)");
      dashboard.page.waitForFunction("() => window.scrollY > 1000");
      assertThat(onScreen(dashboard, decision)).as("the decision after scrolling at %d px", size[0]).isTrue();
      assertThat(onScreen(dashboard, dashboard.page.locator("#bar-next"))).isTrue();
      assertThat(dashboard.page.locator(".gate-chip")).hasCount(evaluation.getJsonArray("gates").size());

      dashboard.langButton("pl").click();
      assertThat(decision).hasText(Pattern.compile("NO-GO: produkcja zablokowana"));
      assertThat(dashboard.page.locator("#bar-owner")).containsText("Właściciel: Anna Kowalska");
      dashboard.page.context().close();
    }
  }

  @Test
  @DisplayName("the overview is the default: what blocks, my actions, recent activity; ready sections collapsed, "
      + "and the full page one click away in the seed's order")
  void overviewByDefaultFullPageOneClickAway() {
    DashboardPage dashboard = open();
    dashboard.actAs(ANNA);
    assertThat(dashboard.page.locator("#section-overview")).isVisible();
    assertThat(dashboard.page.locator("#overview-mine li")).not().hasCount(0);
    assertThat(dashboard.page.locator("#overview-mine")).containsText(ApiClient.check(evaluation, LIVE_PROVIDER)
        .getString("label"));
    // Provider contracts are all ready on a fresh console: collapsed, with a way to open them.
    Locator providers = dashboard.section("providers");
    assertThat(providers).hasAttribute("data-collapsed", "");
    assertThat(providers.locator(".provider").first()).isHidden();
    providers.locator(".section-toggle").click();
    assertThat(providers.locator(".provider").first()).isVisible();
    assertThat(providers.locator(".section-toggle")).hasAttribute("aria-expanded", "true");

    List<String> order = dashboard.sectionIds();
    dashboard.page.locator(".view-btn[data-view=\"full\"]").click();
    assertThat(dashboard.page.locator("#section-overview")).hasCount(0);
    assertThat(dashboard.page.locator("#sections > section[data-collapsed]")).hasCount(0);
    assertThat(dashboard.page.locator(".section-toggle")).hasCount(0);
    assertThat(dashboard.sectionIds()).isEqualTo(order);
    dashboard.page.reload();
    assertThat(dashboard.page.locator(".view-btn[data-view=\"full\"]")).hasAttribute("aria-pressed", "true");
  }

  @Test
  @DisplayName("a decision has no option chosen for the reader and records only what they confirm, naming it")
  void decisionAsksBeforeItRecords() {
    DashboardPage dashboard = open();
    dashboard.actAs(ANNA);
    dashboard.page.locator(".view-btn[data-view=\"full\"]").click();
    Locator check = dashboard.check("infra.hosting");
    Locator select = check.locator("select");
    assertThat(select).hasValue("");
    check.getByText("Record decision", new Locator.GetByTextOptions().setExact(true)).click();
    assertThat(check.locator(".error")).containsText("Choose an option first");
    select.selectOption(new SelectOption().setIndex(2));
    String chosen = select.locator("option").nth(2).textContent();
    check.getByText("Record decision", new Locator.GetByTextOptions().setExact(true)).click();
    assertThat(check.locator(".confirm")).containsText("Record “" + chosen + "” as the decision");
    check.locator(".confirm").getByText("Cancel").click();
    assertThat(check.locator(".confirm")).hasCount(0);
    assertThat(console.api().auditEvents()).isEmpty();
    check.getByText("Record decision", new Locator.GetByTextOptions().setExact(true)).click();
    check.locator(".confirm").getByText("Confirm and record").click();
    assertThat(check.locator(".signoff")).containsText(chosen);
    assertThat(console.api().auditEvents()).hasSize(1);
  }

  @Test
  @DisplayName("an actor who can act on nothing is told the view is read-only and offered no command")
  void readOnlyActorIsToldSo() {
    DashboardPage dashboard = open();
    dashboard.actAs(DRIVER);
    assertThat(dashboard.page.locator("#bar-mine")).hasAttribute("data-read-only", "true");
    assertThat(dashboard.page.locator("#bar-mine")).containsText("Read-only view");
    assertThat(dashboard.page.locator("body")).hasAttribute("data-actions", "fresh");
    assertThat(dashboard.page.locator("#overview-mine")).containsText("Read-only view");
    assertThat(dashboard.page.evaluate("() => [...document.querySelectorAll('button[data-focus-key]')]"
        + ".filter((b) => /^(bar:|my:)?(accept|revoke|decide|pipeline|confirm|choose):/.test(b.dataset.focusKey)"
        + " && !b.disabled && b.getClientRects().length > 0).map((b) => b.dataset.focusKey)")).isEqualTo(List.of());
  }

  @Test
  @DisplayName("when someone else signs off or runs a check, the other page says who did what in words, marks "
      + "what changed and lists it in the timeline; the actor's own page gets no notice")
  void timelineAndNoticeAcrossTwoPages() {
    DashboardPage marek = open();
    marek.actAs(MAREK);
    DashboardPage anna = open();
    anna.actAs(ANNA);
    String label = ApiClient.check(evaluation, LIVE_PROVIDER).getString("label");

    anna.page.locator("button[data-focus-key=\"my:accept:" + LIVE_PROVIDER + "\"]").click();
    assertThat(marek.page.locator("#notice")).hasText("Just now: Anna Kowalska signed off “" + label + "”");
    assertThat(marek.check(LIVE_PROVIDER)).hasAttribute("data-changed", "true");
    assertThat(marek.check(LIVE_PROVIDER).locator(".changed-tag")).hasText("Changed just now");
    Locator first = marek.page.locator("#overview-activity .tl-item").first();
    assertThat(first).containsText("Anna Kowalska signed off “" + label + "”");
    assertThat(first).containsText("Signed off");
    assertThat(first.locator("a")).hasAttribute("href", "#check-" + LIVE_PROVIDER);
    assertThat(first.locator("time")).hasAttribute("datetime", Pattern.compile("\\d{4}-\\d\\d-\\d\\dT.*"));
    assertThat(anna.page.locator("#notice")).isEmpty();

    console.api().awaitRun(console.api().startPipeline("connection", ANNA));
    Locator run = marek.page.locator("#overview-activity .tl-item[data-type=\"pipeline.finished\"]");
    assertThat(run).containsText("Anna Kowalska ran “");
    assertThat(run).containsText("Passed, 4/4 steps");
    assertThat(marek.page.locator("#notice")).containsText("Anna Kowalska ran “");
    assertThat(marek.pipeline("connection")).hasAttribute("data-changed", "true");
    // No raw event types or check ids in the session's list either.
    marek.page.locator(".view-btn[data-view=\"full\"]").click();
    assertThat(marek.section("session").locator(".tl-item").first()).not().containsText("pipeline.finished");
    assertThat(marek.section("session").locator(".tl-item").last()).containsText(label);

    marek.langButton("pl").click();
    assertThat(marek.page.locator("#overview-activity, #section-session").locator(".tl-item").last())
        .containsText("zatwierdził(a) „" + ApiClient.check(console.api().get("/api/evaluation?lang=pl").ok(), LIVE_PROVIDER).getString("label"));
  }

  @Test
  @DisplayName("a command that could not reach the console says so, and the message goes once the feed is live again")
  void failedToFetchClearsWhenTheFeedIsBack() {
    DashboardPage dashboard = open();
    dashboard.actAs(ANNA);
    dashboard.page.locator(".view-btn[data-view=\"full\"]").click();
    Locator accept = dashboard.page.locator("button[data-focus-key=\"accept:" + LIVE_PROVIDER + "\"]");
    assertThat(accept).isEnabled();
    dashboard.page.context().setOffline(true);
    accept.click();
    Locator error = dashboard.check(LIVE_PROVIDER).locator(".error");
    assertThat(error).isVisible();
    assertThat(error).containsText("Failed to fetch");
    dashboard.page.context().setOffline(false);
    // The console is heard from again (here: someone else's sign-off over the live feed): the message goes.
    assertThat(console.api().accept(MAREK, "cutover.role-headers").status()).isEqualTo(200);
    assertThat(dashboard.check("cutover.role-headers").locator(".signoff")).isVisible();
    assertThat(dashboard.feedState()).hasAttribute("data-state", "live");
    assertThat(error).hasCount(0);
    assertThat(dashboard.page.locator("button[data-focus-key=\"accept:" + LIVE_PROVIDER + "\"]")).isEnabled();
  }

  @Test
  @DisplayName("a run's progress panel keeps its place on screen while the cards above it grow with the evidence")
  void runPanelDoesNotJump() {
    DashboardPage dashboard = open(new Browser.NewContextOptions().setViewportSize(1400, 900));
    dashboard.actAs(ANNA);
    dashboard.page.locator(".view-btn[data-view=\"full\"]").click();
    Locator panel = dashboard.pipeline("connection");
    panel.evaluate("(el) => { el.scrollIntoView({ block: 'center' }); }");
    dashboard.page.waitForTimeout(300);
    // Records the panel's top on every frame while the run goes and its evidence arrives.
    panel.evaluate("(el) => { window.__tops = []; const tick = () => { window.__tops.push(el.isConnected"
        + " ? el.getBoundingClientRect().top : -1e6); if (window.__tops.length < 100000) requestAnimationFrame(tick); };"
        + " requestAnimationFrame(tick); }");
    dashboard.page.locator("button[data-focus-key=\"pipeline:connection\"]").click();
    assertThat(panel).hasAttribute("data-status", "PASSED", new com.microsoft.playwright.assertions
        .LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
    assertThat(dashboard.section("connection").locator(".check:not([data-status=\"READY\"])")).hasCount(0);
    dashboard.page.waitForTimeout(500);
    @SuppressWarnings("unchecked")
    List<Number> tops = (List<Number>) dashboard.page.evaluate("() => window.__tops");
    double first = tops.get(0).doubleValue();
    double worst = tops.stream().mapToDouble(top -> Math.abs(top.doubleValue() - first)).max().orElse(0);
    assertThat(worst).as("how far the panel moved on screen during the run (px)").isLessThan(2.0);
  }

  @Test
  @DisplayName("axe-core finds no serious or critical violation on the overview, the full page, in Polish and at 768 px")
  void noSeriousAccessibilityViolations() {
    List<String> found = new ArrayList<>();
    DashboardPage dashboard = open();
    dashboard.actAs(ANNA);
    found.addAll(serious(dashboard, "overview"));
    dashboard.page.locator(".view-btn[data-view=\"full\"]").click();
    assertThat(dashboard.page.locator("#section-overview")).hasCount(0);
    found.addAll(serious(dashboard, "full page"));
    dashboard.langButton("pl").click();
    assertThat(dashboard.page.locator("#bar-decision")).containsText("produkcja");
    found.addAll(serious(dashboard, "full page, Polish"));
    DashboardPage tablet = openAt(768, 1024);
    tablet.actAs(ANNA);
    found.addAll(serious(tablet, "768 px"));
    assertThat(found).as("serious or critical axe-core violations").isEmpty();
  }

  private static List<String> serious(DashboardPage dashboard, String where) {
    assertThat(dashboard.page.locator("body")).hasAttribute("data-actions", "fresh");
    List<String> out = new ArrayList<>();
    for (Rule rule : new AxeBuilder(dashboard.page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
        .analyze().getViolations()) {
      if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
        out.add(where + ": " + rule.getId() + " (" + rule.getImpact() + ") x" + rule.getNodes().size() + " e.g. "
            + rule.getNodes().get(0).getTarget() + " " + rule.getNodes().get(0).getFailureSummary());
      }
    }
    return out;
  }

  @Test
  @DisplayName("page figures for the README: what the first screen holds at both sizes, DOM nodes, time to the "
      + "decision bar (measured, printed to target/page-figures.txt)")
  void pageFigures() throws IOException {
    StringBuilder figures = new StringBuilder();
    for (int[] size : new int[][] {{1400, 900}, {768, 1024}}) {
      DashboardPage dashboard = openAt(size[0], size[1]);
      dashboard.actAs(ANNA);
      @SuppressWarnings("unchecked")
      Map<String, Object> m = new java.util.LinkedHashMap<>((Map<String, Object>) dashboard.page.evaluate("() => {"
          + " const nav = performance.getEntriesByType('navigation')[0];"
          + " const onScreen = (el) => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; };"
          + " const texts = ['#bar-decision', '#bar-blocked', '#bar-next', '#bar-owner', '#bar-mine']"
          + "   .filter((s) => document.querySelector(s) && onScreen(document.querySelector(s)));"
          + " return { nodes: document.getElementsByTagName('*').length, height: document.documentElement.scrollHeight,"
          + "   bar: Math.round(document.querySelector('.banner').getBoundingClientRect().height),"
          + "   barVisibleMs: Math.round((performance.getEntriesByName('decision-bar-visible')[0] || { startTime: -1 }).startTime), domContentLoaded: Math.round(nav.domContentLoadedEventEnd),"
          + "   onScreen: texts.join(' ') }; }"));
      dashboard.page.locator(".view-btn[data-view=\"full\"]").click();
      assertThat(dashboard.page.locator("#section-overview")).hasCount(0);
      m.put("fullPageHeight", dashboard.page.evaluate("() => document.documentElement.scrollHeight"));
      m.put("fullPageNodes", dashboard.page.evaluate("() => document.getElementsByTagName('*').length"));
      figures.append(size[0]).append('x').append(size[1]).append(": ").append(m).append('\n');
      assertThat(((Number) m.get("barVisibleMs")).intValue()).as("time to the decision bar was measured").isPositive();
      dashboard.page.context().close();
    }
    Files.writeString(SCREENSHOTS.getParent().resolve("page-figures.txt"), figures);
    System.out.println("page figures:\n" + figures);
  }
}
