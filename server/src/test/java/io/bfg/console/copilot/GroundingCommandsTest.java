package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.bfg.console.copilot.CopilotFixture.grounding;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command an answer offers someone must be one the server would take from them, whichever model
 * wrote it: a sign-off whose owner lacks checks.accept nobody can give (only the owner may), a check
 * is signed off only by its owner, and a pipeline is started only by someone with pipelines.run. On a
 * fresh Wisła Lockers (the customer notice is owned by Tomasz Dąbrowski, who lacks checks.accept),
 * BFG (role headers are Marek's) and Vltava Care (Lukáš Horák may not run pipelines).
 */
@DisplayName("Grounding: a command offered to someone the server would refuse")
class GroundingCommandsTest {

  private static final Path WISLA = Path.of("server/src/test/resources/scenarios/wisla-lockers");
  private static final Grounding WISLA_EN = grounding(WISLA, Lang.EN);
  private static final Grounding WISLA_PL = grounding(WISLA, Lang.PL);
  private static final Grounding BFG_EN = grounding(Path.of("scenarios", "bfg-flowcontrol"), Lang.EN);
  private static final Grounding VLTAVA_EN = grounding(Path.of("scenarios", "vltava-care"), Lang.EN);

  private static void dropped(Grounding grounding, String text, String reason) {
    Grounding.Checked checked = grounding.check(text);
    assertThat(checked.text()).as("checked %s", text).isEqualTo("");
    assertThat(checked.corrections()).as("corrections of %s", text)
        .containsExactly("dropped \"" + text + "\": " + reason);
  }

  private static void holds(Grounding grounding, String text) {
    Grounding.Checked checked = grounding.check(text);
    assertThat(checked.corrections()).as("corrections of %s", text).isEmpty();
    assertThat(checked.text()).isEqualTo(text);
  }

  @Test
  @DisplayName("the command of a check whose owner lacks the permission is offered to nobody (EN, PL)")
  void ownerLacksPermission() {
    String reason = "nobody can move [routes.customer-notice]: only its owner may, and Tomasz Dąbrowski lacks "
        + "checks.accept";
    dropped(WISLA_EN, "Customers told about new delivery times [routes.customer-notice] is owned by Tomasz Dąbrowski "
        + "(Customer Service Manager), who can do it: POST /api/checks/routes.customer-notice/accept.", reason);
    dropped(WISLA_EN, "Tomasz can do it: POST /api/checks/routes.customer-notice/accept.", reason);
    dropped(WISLA_PL, "Może to zrobić właściciel: Tomasz Dąbrowski (Kierownik obsługi klienta); dotyczy: [routes."
        + "customer-notice]; jak: POST /api/checks/routes.customer-notice/accept.", reason);
    holds(WISLA_EN, "Nobody can accept [routes.customer-notice]: Tomasz Dąbrowski lacks checks.accept.");
  }

  @Test
  @DisplayName("a sign-off offered to someone who does not own it, or a pipeline to someone who may not run it")
  void wrongPerson() {
    dropped(BFG_EN, "Olena Shevchenko can do it: POST /api/checks/cutover.role-headers/accept.",
        "[cutover.role-headers] is moved only by its owner Marek Zielinski, not Olena Shevchenko");
    holds(BFG_EN, "Marek Zielinski can do it, as its owner: POST /api/checks/cutover.role-headers/accept.");
    dropped(VLTAVA_EN, "Mgr. Lukáš Horák can do that one: POST /api/pipelines/dry-run.",
        "Mgr. Lukáš Horák lacks pipelines.run");
    holds(VLTAVA_EN, "Ing. Tomáš Novotný can start it: POST /api/pipelines/dry-run.");
  }
}
