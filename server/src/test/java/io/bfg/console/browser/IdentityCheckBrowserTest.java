package io.bfg.console.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import io.bfg.console.eval.Checksums;
import io.bfg.console.http.RunningConsole;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.bfg.console.http.ApiClient.ANNA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity check driven from the dashboard in headless chromium, against a real OIDC provider
 * (mock-oauth2-server in process, plain http on loopback) and a console in mock-auth mode, as an
 * operator proves the IdP before switching CONSOLE_AUTH. What is asserted is what the panel renders:
 * the Run label, every step's status, its evidence under a label (lists as lists), the failure's
 * reason. Screenshots go to {@code server/target/screenshots/}.
 */
@DisplayName("The identity check on the dashboard, in headless chromium")
class IdentityCheckBrowserTest extends BrowserTest {

  private static final List<String> STEPS = List.of("discovery", "jwks", "client-token", "roles-mapped");
  private static final String SECRET = "probe-secret-52c1e0";
  private static final String AUDIENCE = "console-api";

  private MockOAuth2Server idp;

  @BeforeEach
  void startProvider() {
    idp = new MockOAuth2Server();
    idp.start();
  }

  @AfterEach
  void stopProvider() {
    idp.shutdown();
  }

  private String issuer() {
    return idp.issuerUrl("bfg").toString();
  }

  /** A probe client whose token names the console's audience; actor ids serve as preferred_username values. */
  private Map<String, String> settings() {
    Map<String, String> env = new HashMap<>();
    env.put("CONSOLE_OIDC_ISSUER", issuer());
    env.put("CONSOLE_OIDC_CLIENT_ID", "integration-console");
    env.put("CONSOLE_OIDC_AUDIENCE", AUDIENCE);
    env.put("CONSOLE_OIDC_ACTOR_CLAIM", "preferred_username");
    env.put("CONSOLE_OIDC_PROBE_CLIENT_ID", "console-probe");
    env.put("CONSOLE_OIDC_PROBE_CLIENT_SECRET", SECRET);
    env.put("CONSOLE_OIDC_PROBE_SCOPE", AUDIENCE);
    return env;
  }

  /** The label a step shows above a piece of its evidence. */
  private static Locator factLabel(DashboardPage page, String step, String key) {
    return page.pipelineStep("identity", step).locator("[data-fact=\"" + key + "\"] dt");
  }

  @Test
  @DisplayName("Run identity check streams the four steps to Passed, each with its evidence labelled and lists "
      + "readable, in English and in Polish")
  void passesWithLabelledEvidence() {
    startConsole(RunningConsole.BFG, settings());
    DashboardPage anna = open();
    anna.actAs(ANNA);
    assertThat(anna.pipeline("identity").locator(".pipeline-state")).hasText("No run yet");
    assertThat(anna.page.locator("#copilot-chat .chat-suggest").getByRole(AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("What is missing for the identity check?").setExact(true)))
        .isVisible();

    anna.buttons("Run identity check").click();

    assertThat(anna.pipeline("identity")).hasAttribute("data-status", "PASSED");
    for (String step : STEPS) {
      assertThat(anna.pipelineStep("identity", step)).hasAttribute("data-status", "PASSED");
      assertThat(anna.pipelineStep("identity", step).locator(".step-status")).containsText("Passed");
    }
    assertThat(anna.feedFrames).as("the steps came over the feed one by one")
        .anySatisfy(frame -> assertThat(frame).contains("\"type\":\"pipeline\"", "\"step\":\"discovery\""))
        .anySatisfy(frame -> assertThat(frame).contains("\"type\":\"pipeline\"", "\"step\":\"roles-mapped\""));
    assertThat(anna.pipeline("identity").locator(".run-summary")).hasText("4/4 steps passed");
    assertThat(anna.pipeline("identity").locator(".run-meta")).containsText("Target" + issuer());
    assertThat(anna.groupCount("identity")).hasText("4/4 checks");

    Map<String, String> english = Map.ofEntries(
        Map.entry("discovery/issuer", "Issuer"), Map.entry("discovery/transport", "Transport"),
        Map.entry("discovery/warning", "Warning"), Map.entry("jwks/kids", "Signing key ids (kid)"),
        Map.entry("jwks/algs", "Signing algorithms"), Map.entry("client-token/claims", "Token claims"),
        Map.entry("client-token/audience", "Audience (aud)"),
        Map.entry("client-token/subjectFingerprint", "Subject fingerprint"),
        Map.entry("client-token/lifetimeSeconds", "Token lifetime"),
        Map.entry("client-token/expiresAt", "Token expires"),
        Map.entry("roles-mapped/unmapped", "Actors not mapped"),
        Map.entry("roles-mapped/rolesWithoutMapping", "Roles without a mapping"));
    english.forEach((fact, label) -> assertThat(factLabel(anna, fact.split("/")[0], fact.split("/")[1]))
        .hasText(label));
    assertThat(anna.stepFact("identity", "discovery", "issuer")).hasText(issuer());
    assertThat(anna.stepFact("identity", "discovery", "transport")).hasText("not TLS: loopback only");
    assertThat(anna.stepFact("identity", "discovery", "warning")).hasText("not TLS: loopback only");
    Locator kids = anna.stepFact("identity", "jwks", "kids").locator("li");
    assertThat(kids).not().hasCount(0);
    assertThat(kids.first()).hasText(Pattern.compile("^\\S+$"));
    assertThat(anna.stepFact("identity", "jwks", "algs").locator("li")).hasText(new String[] {"RS256"});
    List<String> claims = anna.stepFact("identity", "client-token", "claims").locator("li").allTextContents();
    assertThat(claims).contains("iss", "aud", "exp", "sub").isSorted();
    assertThat(anna.stepFact("identity", "client-token", "audience").locator("li")).hasText(new String[] {AUDIENCE});
    assertThat(anna.stepFact("identity", "client-token", "subjectFingerprint")).hasText("sha256:"
        + Checksums.sha256Hex("console-probe".getBytes(StandardCharsets.UTF_8)).substring(0, 16));
    assertThat(anna.stepFact("identity", "client-token", "lifetimeSeconds")).hasText("1 h");
    assertThat(anna.stepFact("identity", "client-token", "expiresAt").locator("time"))
        .hasAttribute("datetime", Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT"));
    assertThat(anna.stepFact("identity", "client-token", "expiresAt"))
        .hasText(Pattern.compile("^\\d\\d/\\d\\d/\\d{4}, \\d\\d:\\d\\d:\\d\\d$"));
    assertThat(anna.stepFact("identity", "roles-mapped", "unmapped")).hasText("none");
    assertThat(anna.stepFact("identity", "roles-mapped", "rolesWithoutMapping")).hasText("none");
    String shown = anna.pipeline("identity").textContent();
    assertThat(shown).doesNotContain("[object Object]", "subjectFingerprint", "lifetimeSeconds", "expiresAt",
        "rolesWithoutMapping", SECRET);
    DashboardPage.screenshot(anna.pipeline("identity"), SCREENSHOTS.resolve("pipeline-identity-en.png"));

    anna.langButton("pl").click();
    assertThat(anna.buttons("Uruchom kontrolę tożsamości")).isVisible();
    assertThat(anna.pipeline("identity").locator(".run-summary")).hasText("4/4 kroków zaliczonych");
    assertThat(anna.pipelineStep("identity", "jwks").locator(".step-status")).containsText("Zaliczone");
    Map<String, String> polish = Map.ofEntries(
        Map.entry("discovery/issuer", "Wystawca"), Map.entry("discovery/transport", "Transport"),
        Map.entry("discovery/warning", "Ostrzeżenie"), Map.entry("jwks/kids", "Identyfikatory kluczy podpisu (kid)"),
        Map.entry("jwks/algs", "Algorytmy podpisu"), Map.entry("client-token/claims", "Claimy tokenu"),
        Map.entry("client-token/audience", "Odbiorca (aud)"),
        Map.entry("client-token/subjectFingerprint", "Odcisk podmiotu"),
        Map.entry("client-token/lifetimeSeconds", "Czas życia tokenu"),
        Map.entry("client-token/expiresAt", "Token wygasa"),
        Map.entry("roles-mapped/unmapped", "Aktorzy bez mapowania"),
        Map.entry("roles-mapped/rolesWithoutMapping", "Role bez mapowania"));
    polish.forEach((fact, label) -> assertThat(factLabel(anna, fact.split("/")[0], fact.split("/")[1]))
        .hasText(label));
    assertThat(anna.stepFact("identity", "roles-mapped", "unmapped")).hasText("brak");
    assertThat(anna.stepFact("identity", "client-token", "lifetimeSeconds")).hasText("1 godz.");
    assertThat(anna.stepFact("identity", "client-token", "expiresAt"))
        .hasText(Pattern.compile("^\\d\\d\\.\\d\\d\\.\\d{4}, \\d\\d:\\d\\d:\\d\\d$"));
    assertThat(anna.page.locator("#copilot-chat .chat-suggest").getByRole(AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Czego brakuje do kontroli tożsamości?").setExact(true)))
        .isVisible();
    assertThat(anna.pipeline("identity").textContent()).doesNotContain("[object Object]");
    DashboardPage.screenshot(anna.pipeline("identity"), SCREENSHOTS.resolve("pipeline-identity-pl.png"));
  }

  @Test
  @DisplayName("without CONSOLE_OIDC_ISSUER the run fails its first step and the panel says which variable is "
      + "missing; the rest show Skipped and the button is offered again")
  void missingIssuerIsNamed() {
    Map<String, String> env = settings();
    env.remove("CONSOLE_OIDC_ISSUER");
    startConsole(RunningConsole.BFG, env);
    DashboardPage anna = open();
    anna.actAs(ANNA);

    anna.buttons("Run identity check").click();

    assertThat(anna.pipeline("identity")).hasAttribute("data-status", "FAILED");
    assertThat(anna.pipeline("identity").locator(".run-status")).containsText("Failed");
    assertThat(anna.pipeline("identity").locator(".run-summary"))
        .hasText("0/4 steps passed; OIDC discovery failed");
    Locator discovery = anna.pipelineStep("identity", "discovery");
    assertThat(discovery).hasAttribute("data-status", "FAILED");
    Locator detail = discovery.locator(".step-detail");
    assertThat(detail).isVisible();
    assertThat(detail).containsText("not set: CONSOLE_OIDC_ISSUER");
    assertThat(detail.locator("code")).containsText(new String[] {"CONSOLE_OIDC_ISSUER"});
    for (String step : STEPS.subList(1, STEPS.size())) {
      assertThat(anna.pipelineStep("identity", step).locator(".step-status")).containsText("Skipped");
    }
    assertThat(anna.buttons("Run identity check")).not().hasAttribute("aria-disabled", "true");
    assertThat(anna.groupCount("identity")).hasText("0/4 checks");
    assertThat(anna.pipeline("identity").textContent()).doesNotContain("[object Object]", SECRET);
    DashboardPage.screenshot(anna.pipeline("identity"), SCREENSHOTS.resolve("pipeline-identity-no-issuer-en.png"));

    anna.langButton("pl").click();
    assertThat(anna.pipelineStep("identity", "discovery").locator(".step-status")).containsText("Nieudane");
    assertThat(anna.pipelineStep("identity", "discovery").locator(".step-detail"))
        .containsText("CONSOLE_OIDC_ISSUER");
    assertThat(anna.buttons("Uruchom kontrolę tożsamości")).isVisible();
    DashboardPage.screenshot(anna.pipeline("identity"), SCREENSHOTS.resolve("pipeline-identity-no-issuer-pl.png"));
  }
}
