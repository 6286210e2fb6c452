package io.bfg.console.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketFrame;
import com.microsoft.playwright.options.AriaRole;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The dashboard in one browser page, addressed the way the page addresses itself: sections
 * {@code section-<id>}, groups {@code group-<id>}, checks {@code check-<id>} (ids contain dots, so
 * they are matched as attribute values, never as CSS {@code #id}).
 */
final class DashboardPage {

  final Page page;
  /** Text frames the page received over its WebSocket feed, in order. */
  final List<String> feedFrames = new CopyOnWriteArrayList<>();
  /** Uncaught exceptions thrown by the page's scripts. */
  final List<String> pageErrors = new CopyOnWriteArrayList<>();

  private DashboardPage(Page page) {
    this.page = page;
  }

  /**
   * Opens {@code base}/ in a new page of {@code context} and waits for the sections (rendered together,
   * whatever the scenario names them) and a live feed.
   */
  static DashboardPage open(BrowserContext context, String base) {
    return open(context, base, "/");
  }

  /** As {@link #open(BrowserContext, String)}, at {@code path} (with its query) on the console. */
  static DashboardPage open(BrowserContext context, String base, String path) {
    DashboardPage dashboard = new DashboardPage(context.newPage());
    Page page = dashboard.page;
    page.onPageError(dashboard.pageErrors::add);
    page.onWebSocket(socket -> socket.onFrameReceived(frame -> dashboard.feedFrames.add(text(frame))));
    page.navigate(base + path);
    assertThat(page.locator("#loading")).hasCount(0);
    assertThat(page.locator("#sections > section").last()).isVisible();
    assertThat(dashboard.feedState()).hasAttribute("data-state", "live");
    return dashboard;
  }

  private static String text(WebSocketFrame frame) {
    String text = frame.text();
    return text == null ? "" : text;
  }

  Locator section(String id) {
    return byId("section-" + id);
  }

  Locator group(String id) {
    return byId("group-" + id);
  }

  Locator check(String id) {
    return byId("check-" + id);
  }

  /** The run panel of a pipeline section: {@code data-status} is NONE, RUNNING, PASSED or FAILED. */
  Locator pipeline(String pipeline) {
    return byId("pipeline-progress-" + pipeline);
  }

  /** One step of a pipeline's run panel, {@code data-status} PENDING, RUNNING, PASSED, FAILED or SKIPPED. */
  Locator pipelineStep(String pipeline, String step) {
    return pipeline(pipeline).locator("li.step[data-step=\"" + step + "\"]");
  }

  /** A piece of evidence or a metric a step shows, by its server key ({@code sha256}, {@code checksum} ...). */
  Locator stepFact(String pipeline, String step, String key) {
    return pipelineStep(pipeline, step).locator("[data-fact=\"" + key + "\"] dd");
  }

  Locator packetCode(String packetId) {
    return byId("packet-code-" + packetId);
  }

  /** The done/total count of a gate group, as the dashboard prints it ("0/6 checks"). */
  Locator groupCount(String id) {
    return group(id).locator(".group-meta .count");
  }

  Locator groupDecision(String id) {
    return group(id).locator(".group-meta .decision");
  }

  Locator sectionBadge(String id) {
    return section(id).locator(".panel-head .badge");
  }

  /** The feed badge: {@code data-state} is connecting, live, reconnecting, polling or offline. */
  Locator feedState() {
    return page.locator("#conn");
  }

  Locator actorSelect() {
    return page.locator("#actor-select");
  }

  Locator langButton(String lang) {
    return page.locator(".lang-btn[data-lang=\"" + lang + "\"]");
  }

  Locator buttons(String name) {
    return page.locator("#sections").getByRole(AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName(name).setExact(true));
  }

  /** The copilot's question box (a textarea: Enter sends, Shift+Enter adds a line). */
  Locator copilotQuestion() {
    return page.locator("#copilot-question");
  }

  Locator copilotSend() {
    return page.locator("#copilot-send");
  }

  /** The copilot's exchanges, oldest first: {@code data-status} is streaming, answered or failed. */
  Locator copilotExchanges() {
    return page.locator("#copilot-chat-log > li.exchange");
  }

  /** The answer text of an exchange, with its inline citations. */
  Locator copilotAnswer(Locator exchange) {
    return exchange.locator(".msg-a .answer-text");
  }

  /** Citation links of an exchange (inline and under Sources), {@code data-cite} the cited id. */
  Locator copilotCitations(Locator exchange) {
    return exchange.locator("a.cite[data-cite]");
  }

  /** The copilot's refusal and failure region (role=alert). */
  Locator copilotAlert() {
    return page.locator("#copilot-alert");
  }

  /** Types {@code question} into the copilot's box and sends it with Enter. */
  void askCopilot(String question) {
    copilotQuestion().fill(question);
    copilotQuestion().press("Enter");
  }

  /** The id of the focused element (or its tag name when it has none). */
  String focusedId() {
    return (String) page.evaluate("() => document.activeElement.id || document.activeElement.tagName.toLowerCase()");
  }

  /** Chooses the actor and waits until the RBAC table marks them as the one acting. */
  void actAs(String actorId) {
    actorSelect().selectOption(actorId);
    assertThat(byId("actor-" + actorId)).hasClass("selected");
  }

  void waitForPackets(String... packetIds) {
    for (String id : packetIds) {
      assertThat(packetCode(id)).isVisible();
    }
  }

  @SuppressWarnings("unchecked")
  List<String> sectionIds() {
    return (List<String>) page.evaluate("() => [...document.querySelectorAll('#sections > section')].map(s => s.id)");
  }

  void screenshot(Path file) {
    // A full page is some 20,000 px tall: on a shared, loaded machine its picture takes longer than a click.
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true).setTimeout(60_000));
  }

  /**
   * A picture of one part of the page, for people, asserting nothing. The live page re-renders a
   * section when an evaluation arrives, which can detach the element mid-shot: take it again.
   */
  static void screenshot(Locator part, Path file) {
    for (int attempt = 1; ; attempt++) {
      try {
        part.screenshot(new Locator.ScreenshotOptions().setPath(file));
        return;
      } catch (com.microsoft.playwright.PlaywrightException e) {
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("not attached")) {
          throw e;
        }
      }
    }
  }

  private Locator byId(String id) {
    return page.locator("[id=\"" + id + "\"]");
  }
}
