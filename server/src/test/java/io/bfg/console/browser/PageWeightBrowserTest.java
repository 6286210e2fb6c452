package io.bfg.console.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import io.bfg.console.http.RunningConsole;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a load costs on the wire, in chromium's own accounting (Resource Timing's transferSize: headers and
 * encoded body of what came over the network, 0 for what the cache answered). A reload must not download the
 * dashboard again, and a load asks for each resource once.
 */
@DisplayName("The dashboard's weight on the wire")
class PageWeightBrowserTest extends BrowserTest {

  /** Bytes over HTTP since the page's navigation, and what each request was. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> transferred(Page page) {
    return (Map<String, Object>) page.evaluate("() => {"
        + " const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]"
        + "   .filter(e => !e.name.startsWith('ws'));"
        + " return { bytes: entries.reduce((sum, e) => sum + e.transferSize, 0),"
        + "   each: entries.map(e => new URL(e.name).pathname + new URL(e.name).search + ' ' + e.transferSize) };"
        + "}");
  }

  /** The page settled: the feed is live, the runs were fetched when it opened, nothing is in flight. */
  static void settle(DashboardPage dashboard) {
    dashboard.page.waitForFunction("() => performance.getEntriesByType('resource')"
        + ".some(e => new URL(e.name).pathname === '/api/pipelines' && e.responseEnd > 0)");
    dashboard.page.waitForLoadState(LoadState.NETWORKIDLE);
  }

  /** Each URL asked more than once among {@code urls}, with how often. */
  static Map<String, Integer> repeated(List<String> urls) {
    Map<String, Integer> counts = new TreeMap<>();
    urls.forEach(url -> counts.merge(url, 1, Integer::sum));
    counts.values().removeIf(count -> count == 1);
    return counts;
  }

  @Test
  @DisplayName("a warm reload transfers at most 10% of a cold load's bytes, and each load asks for each resource once")
  void coldThenWarm() {
    startConsole(RunningConsole.BFG, Map.of());
    BrowserContext context = newContext(new Browser.NewContextOptions());
    List<String> requests = new CopyOnWriteArrayList<>();
    // a request is the URL and who asks: mock mode asks /api/me as nobody (which auth mode?) and then as
    // the actor the page picked, two different questions
    context.onRequest(request -> {
      if (request.url().startsWith("http")) {
        String actor = request.headers().get("x-actor-id");
        requests.add(request.method() + " " + request.url() + (actor == null ? "" : " as " + actor));
      }
    });
    DashboardPage dashboard = DashboardPage.open(context, console.base());
    settle(dashboard);
    Map<String, Object> cold = transferred(dashboard.page);
    List<String> coldRequests = new ArrayList<>(requests);
    long coldFeed = dashboard.feedFrames.stream().mapToLong(String::length).sum();

    requests.clear();
    dashboard.feedFrames.clear();
    dashboard.page.reload();
    assertThat(dashboard.page.locator("#sections > section").last()).isVisible();
    assertThat(dashboard.feedState()).hasAttribute("data-state", "live");
    settle(dashboard);
    Map<String, Object> warm = transferred(dashboard.page);
    long warmFeed = dashboard.feedFrames.stream().mapToLong(String::length).sum();

    long coldBytes = ((Number) cold.get("bytes")).longValue();
    long warmBytes = ((Number) warm.get("bytes")).longValue();
    System.out.printf("[page weight] cold %d bytes over HTTP (%d requests), warm reload %d bytes (%.1f%%);"
            + " feed frames (WebSocket, not counted above) cold %d chars, warm %d chars%n  cold: %s%n  warm: %s%n",
        coldBytes, coldRequests.size(), warmBytes, 100.0 * warmBytes / coldBytes, coldFeed, warmFeed,
        cold.get("each"), warm.get("each"));
    assertThat(repeated(coldRequests)).as("requests asked more than once on a cold load: %s", coldRequests).isEmpty();
    assertThat(repeated(requests)).as("requests asked more than once on a warm reload: %s", requests).isEmpty();
    assertThat(coldRequests).as("the modules come from versioned URLs")
        .anyMatch(url -> url.matches("GET http://[^/]+/v/[0-9a-f]{12}/js/main\\.js"));
    assertThat(warmBytes).as("warm reload bytes %s against cold %s", warm.get("each"), cold.get("each"))
        .isLessThanOrEqualTo(coldBytes / 10);
    dashboard.pageErrors.forEach(error -> {
      throw new AssertionError("uncaught script error: " + error);
    });
  }
}
