package io.bfg.console.scenario;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sign-off (or decision) whose owner lacks the permission can never be given: only the owner may.
 * The scenario still loads, with a warning naming the check, its owner and the permission. A pipeline
 * step owned by someone who may not run pipelines is fine (whoever may run them proves it).
 */
@DisplayName("Scenario validation: an owner who may not move their own check is a warning")
class ScenarioOwnerPermissionTest {

  @Test
  @DisplayName("Wisła Lockers loads, warned that the customer notice's owner lacks checks.accept")
  void warned() {
    var loaded = ScenarioLoader.load(Path.of("server/src/test/resources/scenarios/wisla-lockers"));
    assertThat(loaded.warnings()).hasSize(1);
    assertThat(loaded.warnings().get(0).toString())
        .contains("routes.customer-notice").contains("tdabrowski").contains("checks.accept")
        .contains(".owner");
  }

  @Test
  @DisplayName("BFG and Vltava Care load without warnings: Vltava's pipeline step owned by the DPO is fine")
  void notWarned() {
    assertThat(ScenarioLoader.load(Path.of("scenarios", "bfg-flowcontrol")).warnings()).isEmpty();
    assertThat(ScenarioLoader.load(Path.of("scenarios", "vltava-care")).warnings()).isEmpty();
  }
}
