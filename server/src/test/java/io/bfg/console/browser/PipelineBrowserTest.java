package io.bfg.console.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.bfg.console.cli.GenerateCommand;
import io.bfg.console.http.RunningConsole;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.bfg.console.http.ApiClient.ANNA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection check and the dry-run driven from the dashboard in headless chromium, against the
 * real console and its embedded PostgreSQL target (started by the first run, under the test's data
 * dir). What is asserted is what the pages render: step statuses, evidence, the refusal, the gates.
 * Screenshots go to {@code server/target/screenshots/}.
 */
@DisplayName("Pipeline runs on the dashboard, in headless chromium")
class PipelineBrowserTest extends BrowserTest {

  private static final List<String> CONNECTION_STEPS = List.of("endpoint-reachability", "tls-fingerprint",
      "rbac-session", "write-probe");
  private static final List<String> DRY_RUN_STEPS = List.of("snapshot-export", "schema-map", "rbac-claims",
      "adapter-replay", "rollback-checkpoint");

  private static final String PASSWORD = "never-shown-3f9a";

  /**
   * Installed in a page before it starts a run: records, from DOM mutations rather than polling,
   * whether a Run button was ever aria-disabled and every value a replay progress bar showed, since
   * both may last less than an assertion's polling interval.
   */
  private static final String RECORD_RUN_UI = """
      () => {
        const log = { disabled: [], progress: [] };
        window.pipelineLog = log;
        const look = (records) => {
          for (const record of records) {
            const button = record.target;
            if (record.type !== 'attributes' || !button.classList.contains('pipeline-start')) continue;
            const pipeline = button.closest('.pipeline').dataset.pipeline;
            const was = record.oldValue === 'true' || button.getAttribute('aria-disabled') === 'true';
            if (was && !log.disabled.includes(pipeline)) log.disabled.push(pipeline);
          }
          for (const bar of document.querySelectorAll('.pipeline progress')) {
            const last = log.progress[log.progress.length - 1];
            if (last && last.value === bar.value) continue;
            log.progress.push({ tag: bar.tagName.toLowerCase(), value: bar.value, max: bar.max,
              valueText: bar.getAttribute('aria-valuetext'), label: bar.labels[0] ? bar.labels[0].textContent : null,
              shown: bar.closest('.step-progress').textContent });
          }
        };
        new MutationObserver(look).observe(document.body,
          { subtree: true, childList: true, attributeOldValue: true, attributeFilter: ['aria-disabled'] });
      }""";

  /** The first run starts the embedded PostgreSQL (initdb on a fresh data dir): give it time. */
  private static final LocatorAssertions.HasAttributeOptions FIRST_RUN =
      new LocatorAssertions.HasAttributeOptions().setTimeout(45_000);

  private void startConsole(Path scenarioDir) {
    startConsole(scenarioDir, Map.of());
  }

  @Test
  @DisplayName("a dry-run waits, disabled, for the connection check; both runs then show live in two pages, "
      + "with their evidence, in English and in Polish")
  void runsBothPipelinesLiveInTwoPages() {
    startConsole(RunningConsole.BFG);
    DashboardPage anna = open();
    DashboardPage watcher = open();
    watcher.page.evaluate("() => { window.sameDocument = true; }");
    anna.actAs(ANNA);
    assertThat(anna.pipeline("connection").locator(".pipeline-state")).hasText("No run yet");
    assertThat(watcher.groupCount("connection")).hasText("0/4 checks");

    // The server would refuse a dry-run before the connection check: the page offers none, and says why.
    assertThat(anna.buttons("Run dry-run")).isDisabled();
    Locator dryRunWaits = anna.pipeline("dry-run").locator(".pipeline-waits");
    assertThat(dryRunWaits).containsText("Waits for:");
    assertThat(dryRunWaits).containsText("(Anna Kowalska)");
    assertThat(dryRunWaits.getByRole(AriaRole.LINK)).hasAttribute("href", "#section-connection");
    assertThat(anna.pipeline("dry-run")).hasAttribute("data-status", "NONE");

    anna.page.evaluate(RECORD_RUN_UI);
    watcher.page.evaluate(RECORD_RUN_UI);
    anna.buttons("Run connection check").click();

    for (DashboardPage page : List.of(anna, watcher)) {
      assertThat(page.pipeline("connection")).hasAttribute("data-status", "PASSED", FIRST_RUN);
      for (String step : CONNECTION_STEPS) {
        assertThat(page.pipelineStep("connection", step)).hasAttribute("data-status", "PASSED");
        assertThat(page.pipelineStep("connection", step).locator(".step-status")).containsText("Passed");
        assertThat(page.pipelineStep("connection", step).locator(".step-ms"))
            .hasText(Pattern.compile("^[\\d.,]+ m?s$"));
      }
      assertThat(page.pipeline("connection").locator(".run-status")).containsText("Passed");
      assertThat(page.pipeline("connection").locator(".run-summary")).hasText("4/4 steps passed");
      assertThat(page.pipeline("connection").locator(".run-meta"))
          .containsText(Pattern.compile("Target\\s*postgresql://bfg_app:\\*\\*\\*@127\\.0\\.0\\.1:\\d+/bfg_adapter"));
      assertThat(page.pipeline("connection").locator(".run-meta")).containsText("Anna Kowalska");
      assertThat(page.stepFact("connection", "tls-fingerprint", "sha256"))
          .hasText(Pattern.compile("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"));
      assertThat(page.stepFact("connection", "endpoint-reachability", "serverVersion"))
          .hasText(Pattern.compile("^PostgreSQL \\d+"));
      assertThat(page.stepFact("connection", "endpoint-reachability", "sessionEncrypted")).hasText("yes");
      assertThat(page.groupCount("connection")).hasText("4/4 checks");
      assertThat(page.page.locator("[id=\"gate-connection\"] .gate-count")).hasText("4/4 checks");
    }
    assertThat(anna.page.textContent("body")).doesNotContainPattern("postgresql://bfg_app:(?!\\*\\*\\*@)");
    DashboardPage.screenshot(anna.section("connection"), SCREENSHOTS.resolve("pipeline-connection-en.png"));

    assertThat(dryRunWaits).isHidden(); // the connection check passed: nothing to wait for
    anna.buttons("Run dry-run").click();
    for (DashboardPage page : List.of(anna, watcher)) {
      assertThat(page.pipeline("dry-run")).hasAttribute("data-status", "PASSED", FIRST_RUN);
      for (String step : DRY_RUN_STEPS) {
        assertThat(page.pipelineStep("dry-run", step).locator(".step-status")).containsText("Passed");
      }
      assertThat(page.pipeline("dry-run").locator(".run-summary")).hasText("5/5 steps passed");
      assertThat(page.stepFact("dry-run", "adapter-replay", "checksum")).hasText(Pattern.compile("^bfg-[0-9a-f]{8}$"));
      assertThat(page.stepFact("dry-run", "snapshot-export", "checksum"))
          .hasText(page.stepFact("dry-run", "adapter-replay", "checksum").textContent());
      assertThat(page.stepFact("dry-run", "adapter-replay", "rowsWritten")).hasText("286");
      assertThat(page.stepFact("dry-run", "adapter-replay", "rowsReadBack")).hasText("286");
      assertThat(page.stepFact("dry-run", "adapter-replay", "matchesExport")).hasText("yes");
      assertThat(page.stepFact("dry-run", "adapter-replay", "writeRowsPerSecond"))
          .hasText(Pattern.compile("^[\\d,]+ rows/s$"));
      assertThat(page.groupCount("dry-run")).hasText("5/5 checks");
    }
    // The watching page never sent a start: its buttons were disabled by the runs it saw on the feed.
    @SuppressWarnings("unchecked")
    Map<String, Object> log = (Map<String, Object>) watcher.page.evaluate("() => window.pipelineLog");
    assertThat((List<Object>) log.get("disabled")).as("Run buttons seen aria-disabled while their run went on")
        .contains("connection", "dry-run");
    assertThat(watcher.page.evaluate("() => window.sameDocument === true")).as("the watching page was not reloaded")
        .isEqualTo(true);
    assertThat(watcher.feedFrames).as("feed frames of the watching page")
        .anySatisfy(frame -> assertThat(frame).contains("\"type\":\"pipeline\"", "\"step\":\"adapter-replay\""));
    // the embedded target is said to start on the run that starts it, not on every run after
    assertThat(watcher.feedFrames).as("the first run's frames")
        .anySatisfy(frame -> assertThat(frame).contains("\"pipeline\":\"connection\"", "starting the embedded"));
    assertThat(watcher.feedFrames).as("the dry-run's frames, the target up already")
        .noneSatisfy(frame -> assertThat(frame).contains("\"pipeline\":\"dry-run\"", "starting the embedded"));
    DashboardPage.screenshot(anna.section("dry-run"), SCREENSHOTS.resolve("pipeline-dry-run-en.png"));

    watcher.langButton("pl").click();
    assertThat(watcher.pipelineStep("dry-run", "adapter-replay").locator(".step-status")).containsText("Zaliczone");
    assertThat(watcher.pipeline("dry-run").locator(".run-summary")).hasText("5/5 kroków zaliczonych");
    assertThat(watcher.stepFact("dry-run", "adapter-replay", "matchesExport")).hasText("tak");
    assertThat(watcher.pipeline("connection").locator(".pipeline-state")).containsText("Zaliczone");
    DashboardPage.screenshot(watcher.section("dry-run"), SCREENSHOTS.resolve("pipeline-dry-run-pl.png"));

    // A page opened afterwards shows the latest runs from GET /api/pipelines, with no message to wait for.
    DashboardPage late = open();
    late.page.setViewportSize(768, 1024);
    assertThat(late.pipeline("connection")).hasAttribute("data-status", "PASSED");
    assertThat(late.pipeline("dry-run")).hasAttribute("data-status", "PASSED");
    assertThat(late.pipelineStep("dry-run", "rollback-checkpoint").locator(".step-status")).containsText("Passed");
    assertThat(late.stepFact("dry-run", "adapter-replay", "checksum")).hasText(Pattern.compile("^bfg-[0-9a-f]{8}$"));
    assertThat(late.feedFrames).noneSatisfy(frame -> assertThat(frame).contains("\"type\":\"pipeline\""));
    assertNoHorizontalScroll(late, "the pipeline panels");
    DashboardPage.screenshot(late.section("connection"), SCREENSHOTS.resolve("pipeline-connection-tablet.png"));
  }

  @Test
  @DisplayName("an unreachable target fails the first step with the server's reason; the rest show Skipped, "
      + "the run Failed, and the Run button is offered again")
  void unreachableTargetFailsAndSkips() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    startConsole(RunningConsole.BFG, Map.of("CONSOLE_TARGET_PG_URL",
        "postgresql://bfg_app:" + PASSWORD + "@127.0.0.1:" + closedPort + "/bfg_adapter?sslmode=require",
        "CONSOLE_TARGET_TIMEOUT_MS", "3000"));
    DashboardPage anna = open();
    anna.actAs(ANNA);

    anna.buttons("Run connection check").click();
    assertThat(anna.pipeline("connection")).hasAttribute("data-status", "FAILED");
    assertThat(anna.pipeline("connection").locator(".run-status")).containsText("Failed");
    assertThat(anna.pipeline("connection").locator(".run-summary"))
        .hasText("0/4 steps passed; Endpoint reachability failed");
    assertThat(anna.pipelineStep("connection", "endpoint-reachability")).hasAttribute("data-status", "FAILED");
    assertThat(anna.pipelineStep("connection", "endpoint-reachability").locator(".step-detail")).not().isEmpty();
    for (String step : CONNECTION_STEPS.subList(1, CONNECTION_STEPS.size())) {
      assertThat(anna.pipelineStep("connection", step).locator(".step-status")).containsText("Skipped");
      assertThat(anna.pipelineStep("connection", step).locator(".step-detail")).containsText("not run");
    }
    assertThat(anna.buttons("Run connection check")).not().hasAttribute("aria-disabled", "true");
    assertThat(anna.groupCount("connection")).hasText("0/4 checks");
    assertThat(anna.page.textContent("body")).doesNotContain(PASSWORD);

    anna.langButton("pl").click();
    assertThat(anna.pipelineStep("connection", "write-probe").locator(".step-status")).containsText("Pominięte");
    assertThat(anna.pipelineStep("connection", "endpoint-reachability").locator(".step-status"))
        .containsText("Nieudane");
    // the server's reasons in Polish too, as the feed brought them while the run went on
    assertThat(anna.pipelineStep("connection", "endpoint-reachability").locator(".step-detail"))
        .containsText("nie można połączyć się z 127.0.0.1:" + closedPort);
    assertThat(anna.pipelineStep("connection", "write-probe").locator(".step-detail"))
        .hasText("nie uruchomiono: wcześniejszy krok nie przeszedł");
    DashboardPage.screenshot(anna.section("connection"), SCREENSHOTS.resolve("pipeline-connection-failed-pl.png"));
  }

  @Test
  @DisplayName("while a large dry-run replays its rows, the step shows a labelled progress bar that fills up")
  void replayShowsAProgressBar() throws IOException {
    // Progress is reported at most every 200 ms: 56,000 rows keep the replay writing well past that
    // even on a fast machine (about 35,000 rows/s here).
    startConsole(scenarioWithRows(dataDir.resolve("scenario"), 8_000));
    DashboardPage anna = open();
    anna.actAs(ANNA);
    anna.page.evaluate(RECORD_RUN_UI);

    anna.buttons("Run connection check").click();
    assertThat(anna.pipeline("connection")).hasAttribute("data-status", "PASSED", FIRST_RUN);
    anna.buttons("Run dry-run").click();
    Locator bar = anna.pipelineStep("dry-run", "adapter-replay").getByRole(AriaRole.PROGRESSBAR);
    bar.waitFor();
    DashboardPage.screenshot(anna.section("dry-run"), SCREENSHOTS.resolve("pipeline-dry-run-progress.png"));
    assertThat(anna.pipeline("dry-run")).hasAttribute("data-status", "PASSED",
        new LocatorAssertions.HasAttributeOptions().setTimeout(45_000));
    assertThat(bar).hasCount(0);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> progress = (List<Map<String, Object>>) ((Map<String, Object>) anna.page
        .evaluate("() => window.pipelineLog")).get("progress");
    assertThat(progress).as("progress bars shown during the replay").isNotEmpty();
    long written = ((Number) progress.get(0).get("max")).longValue();
    assertThat(written).as("rows to write").isGreaterThan(50_000);
    for (Map<String, Object> shown : progress) {
      assertThat(shown.get("tag")).isEqualTo("progress");
      assertThat(shown.get("label")).isEqualTo("Rows written");
      double value = ((Number) shown.get("value")).doubleValue();
      assertThat(value).isGreaterThan(0).isLessThanOrEqualTo(written);
      assertThat((String) shown.get("valueText")).matches("[\\d,]+ of [\\d,]+ rows \\(\\d+ %\\)");
      assertThat((String) shown.get("shown")).contains((String) shown.get("valueText"));
    }
    assertThat(progress).extracting(shown -> ((Number) shown.get("value")).doubleValue()).isSorted();
    assertThat(anna.stepFact("dry-run", "adapter-replay", "rowsReadBack").textContent().replace(",", ""))
        .isEqualTo(String.valueOf(written + 6));
  }

  /** The BFG scenario with generated sample data, {@code rowsPerTable} rows in each operational table. */
  private static Path scenarioWithRows(Path dir, int rowsPerTable) throws IOException {
    Files.createDirectories(dir);
    Files.copy(RunningConsole.BFG.resolve(ScenarioLoader.SCENARIO_FILE), dir.resolve(ScenarioLoader.SCENARIO_FILE));
    Files.copy(RunningConsole.BFG.resolve("data-model.yaml"), dir.resolve("data-model.yaml"));
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(messages, true, StandardCharsets.UTF_8);
    int exit = GenerateCommand.run(List.of("--rows", String.valueOf(rowsPerTable), "--scenario",
        RunningConsole.BFG.toString(), "--out", dir.resolve("sample-data.json").toString()), err, err);
    assertThat(exit).as("generate: %s", messages.toString(StandardCharsets.UTF_8)).isZero();
    return dir;
  }
}
