package io.bfg.console.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second scenario's dashboard (scenarios/vltava-care) in headless chromium against the real console:
 * everything it shows must come from that scenario's declarations. Expected values were worked out by
 * hand from its files: 3/7 gates fresh (interfaces, clinic-session, inventory are facts); the first
 * recommendation is dpia.legal-basis, signed by the DPO Mgr. Lukáš Horák; once he signs, the next root in
 * the dpia group is the hosting region, decided by the IT lead Ing. Tomáš Novotný.
 */
@DisplayName("The Vltava Care dashboard in headless chromium")
class VltavaCareBrowserTest extends BrowserTest {

  private static final Path VLTAVA = Path.of("scenarios", "vltava-care");
  private static final String DPO = "lhorak";
  private static final String IT = "tnovotny";
  private static final List<String> PACKETS = List.of("ProductionAdapterConnection.v1", "ProductionAdapterDryRun.v1",
      "ProductionAdapterMigrationRunbook.v1", "ProductionDataCutoverPlan.v1", "ProductionReleaseHandoff.v1",
      "ProductionRollbackDrill.v1");
  /** The flagship's words and the engine's default product name, which this scenario replaces. */
  private static final Pattern FLAGSHIP_WORDS =
      Pattern.compile("bfg|flowcontrol|ksef|anna|marek|olena|tarasenko|lviv|operations centre|centrum operacyjne",
          Pattern.CASE_INSENSITIVE);

  private static final List<String> GATES = List.of("interfaces", "clinic-session", "inventory", "dpia", "link",
      "replay", "switchover");
  /** Provider id, label and contract, as scenario.yaml declares them; each is proven by the check iface.<id>. */
  private static final List<List<String>> PROVIDERS = List.of(
      List.of("his-records", "Patient records (HIS)", "PatientRecord.v2"),
      List.of("erecept", "E-prescriptions (eRecept)", "EPrescription.v1"),
      List.of("insurer-claims", "Insurer claims", "InsuranceClaim.v1"),
      List.of("staff-identity", "Staff identity and roles", "StaffIdentity.v1"),
      List.of("patient-sms", "Patient reminders (SMS)", "PatientNotice.v1"));

  /** The first run starts the embedded PostgreSQL (initdb on a fresh data dir): give it time. */
  private static final LocatorAssertions.HasAttributeOptions FIRST_RUN =
      new LocatorAssertions.HasAttributeOptions().setTimeout(45_000);

  @BeforeEach
  void startVltava() {
    startConsole(VLTAVA, Map.of());
  }

  @Test
  @DisplayName("brands page and title as the Vltava Care go-live desk; 7 gates, 3 ready; Run buttons in the link, "
      + "replay and staff sign-in sections; the 5 providers with their iface.* checks; the desk session; the DPO's "
      + "recommendation; no flagship word")
  void rendersTheScenario() {
    DashboardPage dashboard = open();
    dashboard.actAs(IT);
    dashboard.waitForPackets(PACKETS.toArray(String[]::new));

    assertThat(dashboard.page.locator("#brand-name")).hasText("Vltava Care go-live desk");
    assertThat(dashboard.page).hasTitle("Clinical records move · 3/7 · Vltava Care go-live desk");

    Locator gates = dashboard.section("gate-list").locator(".gate");
    assertThat(gates).hasCount(7);
    assertThat(gates.evaluateAll("els => els.map(e => e.id)"))
        .isEqualTo(GATES.stream().map(id -> "gate-" + id).toList());
    assertThat(dashboard.section("gate-list").locator(".gate[data-status=\"READY\"]")).hasCount(3);
    for (String ready : List.of("interfaces", "clinic-session", "inventory")) {
      assertThat(dashboard.page.locator("[id=\"gate-" + ready + "\"]")).hasAttribute("data-status", "READY");
    }
    assertThat(dashboard.sectionBadge("gate-list")).hasText("3/7");

    // the pipelines' Run buttons sit in the sections of the groups they prove, once each
    assertThat(dashboard.page.locator("section.pipeline")).hasCount(3);
    assertThat(dashboard.section("link").locator("section.pipeline")).hasAttribute("data-pipeline", "connection");
    assertThat(dashboard.section("replay").locator("section.pipeline")).hasAttribute("data-pipeline", "dry-run");
    assertThat(dashboard.section("staff-sign-in").locator("section.pipeline")).hasAttribute("data-pipeline", "identity");
    assertThat(dashboard.section("link").getByRole(AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Run connection check"))).isEnabled();
    assertThat(dashboard.section("replay").getByRole(AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Run dry-run"))).isVisible();
    assertThat(dashboard.buttons("Run connection check")).hasCount(1);
    assertThat(dashboard.buttons("Run dry-run")).hasCount(1);

    Locator providers = dashboard.section("interface-map");
    assertThat(providers.locator("li.provider")).hasCount(5);
    assertThat(providers.locator("ul.provider-grid")).hasAttribute("id", "group-interfaces");
    for (List<String> provider : PROVIDERS) {
      Locator card = dashboard.check("iface." + provider.get(0));
      assertThat(card).hasClass(Pattern.compile("\\bprovider\\b"));
      assertThat(card).hasAttribute("data-status", "READY");
      assertThat(card.locator(".card-label")).hasText(provider.get(1));
      assertThat(card.locator(".meta code")).containsText(new String[] {provider.get(2), "iface." + provider.get(0)});
    }
    assertThat(dashboard.sectionBadge("interface-map")).hasText("5/5 mapped");

    Locator session = dashboard.section("desk-session");
    assertThat(session.locator(".session-item")).hasCount(4);
    assertThat(session.locator("[id=\"card-desk.store\"] dd")).hasText("file-local");
    assertThat(session.locator("[id=\"card-desk.identity\"] dd")).hasText("mock-auth-header");
    assertThat(session.locator("[id=\"card-desk.org-mode\"] dd")).hasText("org-scoped-network");
    assertThat(dashboard.group("clinic-session").locator(".sub-title"))
        .containsText("Desk session and staff sign-in are bound");
    assertThat(dashboard.group("clinic-session").locator(".check")).hasCount(2);

    Locator recommendation = dashboard.section("assistant").locator(".recommendation");
    assertThat(recommendation.locator(".rec-action")).hasText("Sign off the legal basis for moving patient data");
    assertThat(recommendation.locator(".meta")).containsText("Mgr. Lukáš Horák · Data Protection Officer");
    assertThat(recommendation.locator(".meta code")).hasText("POST /api/checks/dpia.legal-basis/accept");

    assertNoFlagshipWord(dashboard, "en");
    dashboard.screenshot(SCREENSHOTS.resolve("vltava-care-en.png"));
  }

  /**
   * The server refuses the dry-run with 409 while the group it proves (replay) depends on an unproven group
   * (link): the page must not offer it as if it could start. Here the block is a group's dependsOn, not a
   * check's, unlike the kestrel-water fixture of DeclaredScenarioBrowserTest.
   */
  @Test
  @DisplayName("before the link is proven, Run dry-run is offered disabled, saying it waits for the link section")
  void dryRunWaitsForTheLink() {
    DashboardPage dashboard = open();
    dashboard.actAs(IT);

    Locator runReplay = dashboard.section("replay").getByRole(AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Run dry-run"));
    assertThat(runReplay).isVisible();
    assertThat(console.api().post("/api/pipelines/dry-run", IT).status()).as("the server's answer").isEqualTo(409);
    assertThat(runReplay).isDisabled();
    assertThat(dashboard.pipeline("dry-run").locator(".pipeline-waits a")).hasAttribute("href", "#section-link");
  }

  @Test
  @DisplayName("the DPO accepts the legal basis on the page: the check turns READY and the recommendation moves on "
      + "to the hosting region, which the IT lead decides")
  void dpoSignsTheLegalBasis() {
    DashboardPage dashboard = open();
    dashboard.actAs(DPO);
    Locator legalBasis = dashboard.check("dpia.legal-basis");
    assertThat(legalBasis).hasAttribute("data-status", "REVIEW");

    legalBasis.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Accept").setExact(true)).click();

    assertThat(legalBasis).hasAttribute("data-status", "READY");
    assertThat(legalBasis.locator(".signoff")).containsText("Mgr. Lukáš Horák");
    assertThat(dashboard.groupCount("dpia")).hasText("1/4 checks");
    Locator recommendation = dashboard.section("assistant").locator(".recommendation");
    assertThat(recommendation.locator(".rec-action")).hasText("Choose the hosting region");
    assertThat(recommendation.locator(".meta")).containsText("Ing. Tomáš Novotný · IT Operations Lead");
    assertThat(recommendation.locator(".meta code")).hasText("POST /api/decisions/dpia.hosting-region");
    assertThat(dashboard.sectionBadge("gate-list")).hasText("3/7");
    assertNoFlagshipWord(dashboard, "after the sign-off");
  }

  @Test
  @DisplayName("in Polish: the product, title, gates and recommendation with their diacritics, no flagship word")
  void polish() {
    DashboardPage dashboard = open();
    dashboard.langButton("pl").click();

    assertThat(dashboard.page.locator("html")).hasAttribute("lang", "pl");
    assertThat(dashboard.page.locator("#brand-name")).hasText("Pulpit uruchomienia Vltava Care");
    assertThat(dashboard.page).hasTitle("Przeniesienie dokumentacji klinicznej · 3/7 · Pulpit uruchomienia Vltava Care");
    assertThat(dashboard.page.locator("[id=\"gate-dpia\"] .gate-label"))
        .hasText("Ocena skutków dla ochrony danych jest podpisana");
    assertThat(dashboard.page.locator("[id=\"gate-link\"] .gate-label"))
        .hasText("Połączenie z bazą danych klinik jest potwierdzone");
    Locator recommendation = dashboard.section("assistant").locator(".recommendation");
    assertThat(recommendation.locator(".rec-action")).hasText("Zatwierdź podstawę prawną przeniesienia danych pacjentów");
    assertThat(recommendation.locator(".rec-reason")).hasText("DPIA pokazuje 0/4; żaden rekord pacjenta nie zostanie "
        + "przeniesiony, zanim inspektor ochrony danych i dyrektor medyczna jej nie podpiszą.");
    assertThat(recommendation.locator(".meta")).containsText("Mgr. Lukáš Horák · Inspektor ochrony danych");
    assertThat(dashboard.check("iface.insurer-claims").locator(".card-label"))
        .hasText("Rozliczenia z ubezpieczycielami");
    assertThat(dashboard.section("fallback").locator(".eyebrow")).hasText("Droga powrotu");

    dashboard.waitForPackets(PACKETS.toArray(String[]::new));
    assertNoFlagshipWord(dashboard, "pl");
    dashboard.screenshot(SCREENSHOTS.resolve("vltava-care-pl.png"));
  }

  @Test
  @DisplayName("at tablet width (768x1024) the page does not scroll sideways, in English and in Polish")
  void tabletWidth() {
    DashboardPage dashboard = open(new Browser.NewContextOptions().setViewportSize(768, 1024));
    dashboard.waitForPackets(PACKETS.toArray(String[]::new));
    assertNoHorizontalScroll(dashboard, "en");

    dashboard.langButton("pl").click();
    assertThat(dashboard.page.locator("#brand-name")).hasText("Pulpit uruchomienia Vltava Care");
    dashboard.waitForPackets(PACKETS.toArray(String[]::new));
    assertNoHorizontalScroll(dashboard, "pl");
  }

  @Test
  @DisplayName("the IT lead runs the link check, then the replay, from their sections: steps named by the scenario's "
      + "checks, vltava- checksums that match, 5/7 gates")
  void runsBothPipelinesFromThePage() {
    DashboardPage dashboard = open();
    dashboard.actAs(IT);

    dashboard.section("link").getByRole(AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Run connection check")).click();
    assertThat(dashboard.pipeline("connection")).hasAttribute("data-status", "PASSED", FIRST_RUN);
    assertThat(dashboard.pipeline("connection").locator("li.step .step-name")).hasText(new String[] {
        "Database endpoint", "Server certificate", "Org-scoped session", "Write probe"});
    assertThat(dashboard.groupCount("link")).hasText("4/4 checks");

    Locator runReplay = dashboard.section("replay").getByRole(AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Run dry-run"));
    assertThat(runReplay).isEnabled();
    runReplay.click();
    assertThat(dashboard.pipeline("dry-run")).hasAttribute("data-status", "PASSED", FIRST_RUN);
    assertThat(dashboard.pipeline("dry-run").locator("li.step .step-name")).hasText(new String[] {
        "Snapshot freeze", "Schema and org_id policies", "Org isolation", "Round trip", "No residue"});
    Locator exported = dashboard.stepFact("dry-run", "snapshot-export", "checksum");
    assertThat(exported).hasText(Pattern.compile("^vltava-[0-9a-f]{8}$"));
    assertThat(dashboard.stepFact("dry-run", "adapter-replay", "checksum")).hasText(exported.textContent());
    assertThat(dashboard.groupCount("replay")).hasText("5/5 checks");
    assertThat(dashboard.sectionBadge("gate-list")).hasText("5/7");
    assertThat(dashboard.page.locator("#summary-facts")).containsText("BLOCKED_PENDING_DPIA");
    assertNoFlagshipWord(dashboard, "after both runs");
    DashboardPage.screenshot(dashboard.section("replay"), SCREENSHOTS.resolve("vltava-care-replay.png"));
  }

  /** Neither the page's text (packets included: they are this scenario's too) nor its title. */
  private static void assertNoFlagshipWord(DashboardPage dashboard, String when) {
    String text = (String) dashboard.page.evaluate("() => document.body.textContent");
    assertThat(text).as("page text %s", when).isNotBlank().doesNotContainPattern(FLAGSHIP_WORDS);
    assertThat(dashboard.page.title()).as("page title %s", when).doesNotContainPattern(FLAGSHIP_WORDS);
  }
}
