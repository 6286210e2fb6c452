package io.bfg.console.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copilot chat of the dashboard in headless chromium, against the real console and its local
 * (deterministic, offline) model: answers streamed over {@code POST /api/copilot/ask}, citations that
 * lead to the cited gate or check, Polish, the history a reload keeps, refusals shown plainly, and the
 * WebSocket feed carrying the question when the HTTP route is missing. Screenshots go to
 * {@code server/target/screenshots/}.
 */
@DisplayName("The copilot chat on the dashboard, in headless chromium")
class CopilotBrowserTest extends BrowserTest {

  private static final Pattern DECISION_CODE = Pattern.compile("BLOCKED_PENDING_[A-Z_]+");

  /**
   * Installed in a page before it asks: records, from DOM mutations rather than polling, whether Send
   * was ever disabled and the log ever marked busy, since both last only as long as the answer streams.
   */
  private static final String RECORD_CHAT = """
      () => {
        const log = { sendDisabled: false, busy: false };
        window.chatLog = log;
        new MutationObserver(() => {
          const send = document.getElementById('copilot-send');
          if (send && send.disabled) log.sendDisabled = true;
          const list = document.getElementById('copilot-chat-log');
          if (list && list.getAttribute('aria-busy') === 'true') log.busy = true;
        }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      }""";

  private void startConsole(Map<String, String> extra) {
    startConsole(RunningConsole.BFG, extra);
  }

  private static Response askAndWait(DashboardPage dashboard, Runnable ask) {
    return dashboard.page.waitForResponse(
        r -> r.url().endsWith("/api/copilot/ask") && "POST".equals(r.request().method()), ask);
  }

  @Test
  @DisplayName("answers what blocks production as a stream, with its decision code and citations that lead to the "
      + "cited gate; answers in Polish; a reload keeps the history and Clear empties it")
  void answersCitesSpeaksPolishAndKeepsHistory() {
    startConsole(Map.of());
    DashboardPage dashboard = open(new Browser.NewContextOptions().setViewportSize(1280, 900));
    Locator exchanges = dashboard.copilotExchanges();
    assertThat(exchanges).hasCount(0);
    assertThat(dashboard.page.locator("#copilot-chat-log")).hasAttribute("aria-live", "polite");
    assertThat(dashboard.page.locator("label[for=\"copilot-question\"]")).hasText("Question");
    assertThat(dashboard.copilotSend()).hasText("Send");
    dashboard.page.evaluate(RECORD_CHAT);

    Response response = askAndWait(dashboard, () -> dashboard.askCopilot("What blocks production?"));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headerValue("content-type")).startsWith("text/event-stream");
    Locator first = exchanges.first();
    assertThat(first).hasAttribute("data-status", "answered");
    String stream = response.text();
    assertThat(count(stream, "event: delta")).as("delta events in %s", stream).isPositive();
    assertThat(count(stream, "event: answer")).as("answer events in %s", stream).isEqualTo(1);
    assertThat(count(stream, "event: error")).as("error events in %s", stream).isZero();

    assertThat(first.locator(".msg-q")).containsText("What blocks production?");
    Locator answer = dashboard.copilotAnswer(first);
    assertThat(answer).containsText(DECISION_CODE);
    assertThat(answer).hasAttribute("lang", "en");
    assertThat(answer.locator("a.cite")).not().hasCount(0); // inline [id] markers became links
    assertThat(answer).not().containsText("[production]");
    assertThat(dashboard.copilotCitations(first).first()).isVisible();
    assertThat(first.locator(".next-action")).containsText("Next action: Record adapter connection evidence");
    assertThat(first.locator(".chat-warning")).hasCount(0); // the local model's answers are grounded
    assertThat(dashboard.copilotQuestion()).hasValue("");
    assertThat(dashboard.copilotQuestion()).isFocused();
    assertThat(dashboard.copilotSend()).isEnabled();
    @SuppressWarnings("unchecked")
    Map<String, Object> recorded = (Map<String, Object>) dashboard.page.evaluate("() => window.chatLog");
    assertThat(recorded.get("sendDisabled")).as("Send disabled while the answer streamed").isEqualTo(true);
    assertThat(recorded.get("busy")).as("the log marked aria-busy while the answer streamed").isEqualTo(true);
    String englishAnswer = answer.textContent();
    DashboardPage.screenshot(dashboard.section("copilot"), SCREENSHOTS.resolve("copilot-en.png"));

    // A citation of a gate group or a check scrolls to it and focuses it, so the keyboard continues there.
    Locator cite = answer.locator("a.cite:not([data-cite=\"production\"])").first();
    String cited = cite.getAttribute("data-cite");
    cite.click();
    String focused = dashboard.focusedId();
    assertThat(focused).as("focus after following the citation [%s]", cited).isIn(targets(cited));
    Locator target = dashboard.page.locator("[id=\"" + focused + "\"]");
    assertThat(target).isFocused();
    assertThat(target).isInViewport();
    assertThat(target).hasClass(Pattern.compile("\\bcited\\b"));
    dashboard.page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("copilot-citation.png")));

    dashboard.langButton("pl").click();
    assertThat(dashboard.copilotSend()).hasText("Wyślij");
    assertThat(first.locator(".next-action")).containsText("Następna akcja");
    Locator suggestion = dashboard.page.locator("#copilot-chat .chat-suggest").getByRole(AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Co blokuje produkcję?").setExact(true));
    assertThat(askAndWait(dashboard, suggestion::click).status()).isEqualTo(200);
    Locator second = exchanges.nth(1);
    assertThat(second).hasAttribute("data-status", "answered");
    assertThat(second.locator(".msg-q")).containsText("Co blokuje produkcję?");
    Locator polish = dashboard.copilotAnswer(second);
    assertThat(polish).hasAttribute("lang", "pl");
    assertThat(polish).containsText(Pattern.compile("produkcj", Pattern.CASE_INSENSITIVE));
    assertThat(polish).containsText(DECISION_CODE);
    assertThat(dashboard.copilotCitations(second)).not().hasCount(0);
    assertThat(exchanges).hasCount(2);
    String polishAnswer = polish.textContent();
    DashboardPage.screenshot(dashboard.section("copilot"), SCREENSHOTS.resolve("copilot-pl.png"));

    dashboard.page.reload();
    assertThat(dashboard.section("environments")).isVisible();
    assertThat(exchanges).hasCount(2);
    assertThat(exchanges.first().locator(".msg-q")).containsText("What blocks production?");
    assertThat(dashboard.copilotAnswer(exchanges.first())).hasText(englishAnswer);
    assertThat(dashboard.copilotAnswer(exchanges.nth(1))).hasText(polishAnswer);
    assertThat(dashboard.copilotCitations(exchanges.first())).not().hasCount(0);

    dashboard.page.locator("#copilot-clear").click();
    assertThat(exchanges).hasCount(0);
    assertThat(dashboard.page.locator("#copilot-status")).hasText("Historia wyczyszczona.");
    assertThat(dashboard.page.evaluate("() => sessionStorage.getItem('integration-console.copilot.v1')")).isNull();
    dashboard.page.reload();
    assertThat(dashboard.section("environments")).isVisible();
    assertThat(exchanges).hasCount(0);
    assertThat(dashboard.page.locator("#copilot-chat .chat-empty")).isVisible();

    // The tab keeps the last 20 exchanges, however many it was handed.
    dashboard.page.evaluate("() => sessionStorage.setItem('integration-console.copilot.v1', JSON.stringify("
        + "Array.from({ length: 25 }, (_, i) => ({ id: 'old-' + i, question: 'Question ' + i, lang: 'en',"
        + " at: new Date().toISOString(), status: 'answered', text: 'Answer ' + i, answer: null, error: null }))))");
    dashboard.page.reload();
    assertThat(dashboard.section("environments")).isVisible();
    assertThat(exchanges).hasCount(20);
    assertThat(exchanges.first().locator(".msg-q .msg-text")).hasText("Question 5");
    assertThat(exchanges.last().locator(".msg-q .msg-text")).hasText("Question 24");
  }

  @Test
  @DisplayName("a question over 1,000 characters and one over the rate limit are refused in an alert with the "
      + "server's words, and go back into the question box; Shift+Enter adds a line instead of sending")
  void refusalsAreShownPlainly() {
    startConsole(Map.of("CONSOLE_COPILOT_RATE_PER_MINUTE", "1"));
    DashboardPage dashboard = open(new Browser.NewContextOptions());
    Locator question = dashboard.copilotQuestion();
    Locator exchanges = dashboard.copilotExchanges();
    Locator alert = dashboard.copilotAlert();
    assertThat(alert).hasAttribute("role", "alert");
    assertThat(question).hasAttribute("maxlength", "1000");

    question.fill("First line");
    question.press("Shift+Enter");
    question.pressSequentially("second line");
    assertThat(question).hasValue("First line\nsecond line");
    assertThat(exchanges).hasCount(0);
    question.fill("What should we do next?");
    assertThat(dashboard.page.locator("#copilot-counter")).hasText("23/1,000 characters");

    // The box stops typing at 1,000 characters; a script (or an old browser) may still send more.
    dashboard.page.evaluate("() => document.getElementById('copilot-question').removeAttribute('maxlength')");
    String tooLong = "Which gate blocks the release? ".repeat(40).strip();
    assertThat(tooLong.length()).isGreaterThan(1_000);
    Response refused = askAndWait(dashboard, () -> dashboard.askCopilot(tooLong));
    assertThat(refused.status()).isEqualTo(413);
    JsonObject error = new JsonObject(refused.text()).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("QUESTION_TOO_LONG");
    assertThat(alert).isVisible();
    assertThat(alert).containsText("at most 1,000 characters");
    assertThat(alert).containsText(error.getString("message"));
    assertThat(exchanges).hasCount(0);
    assertThat(question).hasValue(tooLong);

    assertThat(askAndWait(dashboard, () -> dashboard.askCopilot("What should we do next?")).status())
        .isEqualTo(200);
    assertThat(exchanges.first()).hasAttribute("data-status", "answered");
    assertThat(alert).isHidden(); // a new question clears the last refusal

    Response limited = askAndWait(dashboard, () -> dashboard.askCopilot("What blocks production?"));
    assertThat(limited.status()).isEqualTo(429);
    String retryAfter = limited.headerValue("retry-after");
    assertThat(retryAfter).as("Retry-After of the 429").matches("\\d+");
    error = new JsonObject(limited.text()).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("RATE_LIMITED");
    assertThat(alert).isVisible();
    assertThat(alert).containsText("try again in " + retryAfter + " s");
    assertThat(alert).containsText(error.getString("message"));
    assertThat(exchanges).hasCount(1);
    assertThat(question).hasValue("What blocks production?");
    assertThat(dashboard.copilotSend()).isEnabled();
    DashboardPage.screenshot(dashboard.section("copilot"), SCREENSHOTS.resolve("copilot-refused.png"));

    dashboard.langButton("pl").click();
    assertThat(alert).containsText("spróbuj ponownie za " + retryAfter + " s");
  }

  @Test
  @DisplayName("at tablet width and with the keyboard only: a suggested question goes over the live feed when the "
      + "HTTP route is missing, and a citation is followed with Enter")
  void keyboardAndFeedAtTabletWidth() {
    startConsole(Map.of());
    DashboardPage dashboard = open(new Browser.NewContextOptions().setViewportSize(768, 1024));
    dashboard.page.route("**/api/copilot/ask", route -> route.fulfill(new Route.FulfillOptions()
        .setStatus(404).setContentType("application/json")
        .setBody("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no such route\"}}")));
    int framesBefore = dashboard.feedFrames.size();

    dashboard.copilotQuestion().focus();
    dashboard.page.keyboard().press("Shift+Tab");
    assertThat(dashboard.page.locator(":focus")).hasText("Which infrastructure decisions are open?");
    dashboard.page.keyboard().press("Enter");
    Locator exchange = dashboard.copilotExchanges().first();
    assertThat(exchange).hasAttribute("data-status", "answered");
    assertThat(dashboard.copilotAnswer(exchange)).containsText(Pattern.compile("infra\\.|infrastructure",
        Pattern.CASE_INSENSITIVE));
    assertThat(dashboard.feedFrames.subList(framesBefore, dashboard.feedFrames.size()))
        .as("feed frames after the question")
        .anySatisfy(frame -> assertThat(frame).contains("\"type\":\"copilot.answer\"", "\"askId\""));
    assertThat(dashboard.copilotAlert()).isHidden();

    // Back past the four suggestions, the last link of the answer is its last source.
    for (int i = 0; i < 4; i++) {
      dashboard.page.keyboard().press("Shift+Tab");
    }
    Locator link = dashboard.page.locator(":focus");
    assertThat(link).hasClass(Pattern.compile("\\bcite\\b"));
    String cited = link.getAttribute("data-cite");
    dashboard.page.keyboard().press("Enter");
    assertThat(dashboard.focusedId()).as("focus after following the citation [%s]", cited).isIn(targets(cited));
    assertThat(dashboard.page.locator(":focus")).isInViewport();

    assertNoHorizontalScroll(dashboard, "the copilot chat");
    DashboardPage.screenshot(dashboard.section("copilot"), SCREENSHOTS.resolve("copilot-tablet.png"));
  }

  /** Where a citation may lead: the check, the group block, or for "production" the decision section. */
  private static List<String> targets(String cited) {
    return "production".equals(cited) ? List.of("section-production-decision")
        : List.of("check-" + cited, "group-" + cited);
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }
}
