package io.bfg.console;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code validate} run as an author runs it on the second scenario: a child JVM, judged by its exit code. */
@DisplayName("validate --scenario scenarios/vltava-care")
class VltavaCareValidateTest {

  @TempDir
  Path temp;

  @Test
  @DisplayName("exits 0 and names the scenario, its 12 groups and its 261-row vltava- snapshot")
  void valid() throws Exception {
    try (MainTest.Child child = MainTest.Child.start(temp, Map.of(),
        List.of("validate", "--scenario", "scenarios/vltava-care"))) {
      assertThat(child.exitCode()).as(child.stderr()).isZero();
      assertThat(child.stdout()).matches("scenario vltava-care is valid: 12 groups, snapshot vltava-[0-9a-f]{8} "
          + "\\(261 rows\\)\\R");
      assertThat(child.stderr()).isEmpty();
    }
  }
}
