package io.bfg.console.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every dashboard test in a real browser shares: one headless chromium per class, a console
 * per test serving {@code web/}, and every page it opened checked for uncaught script errors after.
 */
abstract class BrowserTest {

  /** Surefire sets basedir to the module (server/); its working directory is the project root. */
  static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "server"), "target", "screenshots");

  static Vertx vertx;
  static Browser browser;
  private static Playwright playwright;

  @TempDir
  Path dataDir;
  RunningConsole console;
  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<DashboardPage> dashboards = new ArrayList<>();

  @BeforeAll
  static void startBrowser() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    vertx = Vertx.vertx();
    playwright = HeadlessChromium.playwright();
    browser = HeadlessChromium.launch(playwright);
  }

  @AfterAll
  static void stopBrowser() {
    if (playwright != null) {
      playwright.close();
    }
    if (vertx != null) {
      RunningConsole.await(vertx.close());
    }
  }

  @AfterEach
  void closeContextsAndConsole() {
    try {
      for (DashboardPage dashboard : dashboards) {
        assertThat(dashboard.pageErrors).as("uncaught script errors on %s", dashboard.page.url()).isEmpty();
      }
    } finally {
      contexts.forEach(BrowserContext::close);
      if (console != null) {
        console.stop();
      }
    }
  }

  /** Starts the console on {@code scenarioDir} with its data under this test's directory, plus {@code extra} settings. */
  void startConsole(Path scenarioDir, Map<String, String> extra) {
    startConsole(scenarioDir, extra, "data");
  }

  /**
   * Stops the console this test started, if any, and starts another on {@code scenarioDir} with its
   * data in {@code dataName} under this test's directory: a new name is a fresh console.
   */
  void startConsole(Path scenarioDir, Map<String, String> extra, String dataName) {
    if (console != null) {
      console.stop();
    }
    Map<String, String> env = new HashMap<>(extra);
    env.put("CONSOLE_WEB_DIR", "web");
    console = RunningConsole.start(vertx, scenarioDir, dataDir.resolve(dataName), env);
  }

  DashboardPage open() {
    return open(new Browser.NewContextOptions());
  }

  /** The dashboard in a new browser context (its own storage, as another person's browser would be). */
  DashboardPage open(Browser.NewContextOptions options) {
    return open(options, context -> { });
  }

  /** The dashboard in a new browser context that {@code setup} prepares (e.g. routes) before the page loads. */
  DashboardPage open(Browser.NewContextOptions options, Consumer<BrowserContext> setup) {
    BrowserContext context = newContext(options);
    setup.accept(context);
    DashboardPage dashboard = DashboardPage.open(context, console.base());
    dashboards.add(dashboard);
    return dashboard;
  }

  /**
   * Whether pages of this test start in the full page view. The overview (the dashboard's default)
   * folds the seed's detail sections; tests of those sections read the full page, where the seed's
   * contract lives. A test of the overview itself says false. A page's own choice (the View switch,
   * {@code ?view=}) still wins.
   */
  boolean startsInFullPage() {
    return true;
  }

  /** Pages of {@code context} open on the full page unless they chose a view themselves. */
  static void startInFullPage(BrowserContext context) {
    context.addInitScript("try { if (!localStorage.getItem('integration-console.view'))"
        + " localStorage.setItem('integration-console.view', 'full'); } catch (e) { }");
  }

  /** A new browser context (its own storage), closed after the test. */
  BrowserContext newContext(Browser.NewContextOptions options) {
    BrowserContext context = browser.newContext(options);
    context.setDefaultTimeout(15_000);
    if (startsInFullPage()) {
      startInFullPage(context);
    }
    contexts.add(context);
    return context;
  }

  /** Fails when the page scrolls sideways at its width, naming up to five elements past the edge. */
  static void assertNoHorizontalScroll(DashboardPage dashboard, String where) {
    @SuppressWarnings("unchecked")
    Map<String, Object> widths = (Map<String, Object>) dashboard.page.evaluate("() => ({"
        + " scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth,"
        + " widest: [...document.querySelectorAll('body *')]"
        + "   .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)"
        + "   .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + el.className) })");
    int scroll = ((Number) widths.get("scroll")).intValue();
    int inner = ((Number) widths.get("inner")).intValue();
    assertThat(scroll).as("document scroll width at %d px in %s (elements past the edge: %s)", inner, where,
        widths.get("widest")).isLessThanOrEqualTo(inner);
  }
}
