package io.bfg.console;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which scenario the console serves when CONSOLE_SCENARIO is unset: the one scenarios/DEFAULT names. */
@DisplayName("The default scenario")
class DefaultScenarioTest {

  @TempDir
  Path scenarios;

  @Test
  @DisplayName("is the folder scenarios/DEFAULT names, read past blank and comment lines")
  void named() throws IOException {
    Files.writeString(scenarios.resolve("DEFAULT"), "# served when CONSOLE_SCENARIO is unset\n\n  acme-care \n");

    assertThat(AppConfig.scenarioDir(Map.of(), scenarios)).isEqualTo(scenarios.resolve("acme-care"));
  }

  @Test
  @DisplayName("gives way to CONSOLE_SCENARIO, and to --scenario over both")
  void configured() {
    assertThat(AppConfig.scenarioDir(Map.of("CONSOLE_SCENARIO", "elsewhere/x"), scenarios))
        .isEqualTo(Path.of("elsewhere/x"));
    assertThat(AppConfig.from(Map.of("CONSOLE_SCENARIO", "a"), List.of("--scenario", "b")).scenarioDir())
        .isEqualTo(Path.of("b"));
  }

  @Test
  @DisplayName("without a DEFAULT file, fails naming CONSOLE_SCENARIO and the file it looked for")
  void missing() {
    assertThatThrownBy(() -> AppConfig.scenarioDir(Map.of(), scenarios))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessageStartingWith("CONSOLE_SCENARIO: not set, and " + scenarios.resolve("DEFAULT").toAbsolutePath())
        .hasMessageContaining("set CONSOLE_SCENARIO to a scenario folder");
  }

  @Test
  @DisplayName("a DEFAULT that names no plain folder fails saying what it read")
  void notAFolderName() throws IOException {
    Files.writeString(scenarios.resolve("DEFAULT"), "../etc\n");

    assertThatThrownBy(() -> AppConfig.scenarioDir(Map.of(), scenarios))
        .isInstanceOf(AppConfig.ConfigException.class).hasMessageContaining("but '../etc'");
  }

  @Test
  @DisplayName("from the project root, is the flagship scenario the project ships, named nowhere in Java")
  void shipped() {
    Path served = AppConfig.from(Map.of(), List.of()).scenarioDir();

    assertThat(served.getParent()).isEqualTo(Path.of("scenarios"));
    assertThat(served.resolve("scenario.yaml")).isRegularFile();
  }
}
