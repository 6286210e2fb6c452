package io.bfg.console.targetdb;

import io.bfg.console.AppConfig;
import io.bfg.console.model.DatabaseNames;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The runtime role the pipelines prove isolation under: the scenario's, unless configured. */
@DisplayName("The target's runtime role")
class TargetProviderTest {

  private static final DatabaseNames CARE = new DatabaseNames("care_records", "care_app", "care_runtime");
  private static Vertx vertx;

  @TempDir
  Path dataDir;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("is the one the scenario declares when CONSOLE_TARGET_RUNTIME_ROLE is unset")
  void declared() {
    AppConfig config = AppConfig.from(Map.of(), List.of());

    assertThat(config.target().runtimeRole()).isNull();
    assertThat(new TargetProvider(vertx, config.target(), dataDir, CARE).settings().runtimeRole())
        .isEqualTo("care_runtime");
  }

  @Test
  @DisplayName("is CONSOLE_TARGET_RUNTIME_ROLE when that is set")
  void configured() {
    AppConfig config = AppConfig.from(Map.of("CONSOLE_TARGET_RUNTIME_ROLE", "ops_runtime"), List.of());

    assertThat(new TargetProvider(vertx, config.target(), dataDir, CARE).settings().runtimeRole())
        .isEqualTo("ops_runtime");
  }
}
