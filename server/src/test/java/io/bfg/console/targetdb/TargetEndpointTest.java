package io.bfg.console.targetdb;

import io.bfg.console.AppConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The target endpoint and its password")
class TargetEndpointTest {

  private static final String URL = "postgresql://bfg_app:s%40cret+pw@db.example.com:6432/adapter"
      + "?sslmode=verify-full&sslrootcert=/etc/ca.pem";

  @Test
  @DisplayName("reads every part of the URL, percent-decoding the password and keeping a literal +")
  void parses() {
    TargetEndpoint endpoint = TargetEndpoint.parse(URL);

    assertThat(endpoint).extracting(TargetEndpoint::host, TargetEndpoint::port, TargetEndpoint::database,
            TargetEndpoint::user, TargetEndpoint::password, TargetEndpoint::sslMode, TargetEndpoint::rootCert)
        .containsExactly("db.example.com", 6432, "adapter", "bfg_app", "s@cret+pw", "verify-full", "/etc/ca.pem");
    assertThat(TargetEndpoint.parse("postgres://u@h/d")).extracting(TargetEndpoint::port, TargetEndpoint::sslMode,
        TargetEndpoint::password).containsExactly(5432, "prefer", null);
  }

  @Test
  @DisplayName("shows itself redacted, however it is printed")
  void redacted() {
    TargetEndpoint endpoint = TargetEndpoint.parse(URL);

    assertThat(endpoint.redacted()).isEqualTo("postgresql://bfg_app:***@db.example.com:6432/adapter?sslmode=verify-full");
    assertThat(endpoint.toString()).isEqualTo(endpoint.redacted());
  }

  @Test
  @DisplayName("scrubs its password and anything shaped like a credential from text")
  void scrubs() {
    TargetEndpoint endpoint = TargetEndpoint.parse(URL);

    assertThat(endpoint.scrub("login with s@cret+pw failed")).isEqualTo("login with *** failed");
    assertThat(endpoint.scrub("see postgresql://other:hunter2@host/db")).isEqualTo("see postgresql://other:***@host/db");
    assertThat(endpoint.scrub("password=hunter2 user=x")).isEqualTo("password=*** user=x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mysql://u:TopSecret1@h/d", "postgresql://u:TopSecret1@/d", "postgresql://u:TopSecret1@h",
      "postgresql://:TopSecret1@h/d", "postgresql://u:TopSecret1@h/d?sslmode=sometimes", "postgresql://u:Top Secret1@h/d"})
  @DisplayName("a bad CONSOLE_TARGET_PG_URL stops start-up with a reason that never echoes the password")
  void badUrl(String url) {
    assertThatThrownBy(() -> AppConfig.from(Map.of("CONSOLE_TARGET_PG_URL", url), List.of()))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessageStartingWith("CONSOLE_TARGET_PG_URL: ")
        .hasMessageNotContaining("TopSecret1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"verify-full", "verify-ca"})
  @DisplayName("a verifying sslmode without a CA stops start-up: every run would fail before reaching the server, "
      + "recorded as the target's failure")
  void verifyingWithoutCa(String sslMode) {
    assertThatThrownBy(() -> AppConfig.from(Map.of("CONSOLE_TARGET_PG_URL", "postgresql://u:TopSecret1@h/d?sslmode="
        + sslMode), List.of()))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessageStartingWith("CONSOLE_TARGET_PG_URL: sslmode=" + sslMode + " needs sslrootcert=")
        .hasMessageNotContaining("TopSecret1");
  }

  @Test
  @DisplayName("a CA file the console cannot read stops start-up, for the target and for the store alike")
  void unreadableCa(@TempDir Path dir) {
    String url = "postgresql://u:TopSecret1@h/d?sslmode=verify-full&sslrootcert=" + dir.resolve("missing.pem");
    for (String variable : List.of("CONSOLE_TARGET_PG_URL", "CONSOLE_STORE_PG_URL")) {
      assertThatThrownBy(() -> AppConfig.from(Map.of(variable, url), List.of()))
          .isInstanceOf(AppConfig.ConfigException.class)
          .hasMessage(variable + ": sslrootcert '" + dir.resolve("missing.pem") + "' is not a file the console can "
              + "read")
          .hasMessageNotContaining("TopSecret1");
    }
  }

  @Test
  @DisplayName("the configuration prints without the target's password or the copilot's API key")
  void configPrintsRedacted(@TempDir Path dir) throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    AppConfig config = AppConfig.from(Map.of("CONSOLE_TARGET_PG_URL", URL.replace("/etc/ca.pem", ca.toString()),
        "CONSOLE_COPILOT_API_KEY", "sk-TopSecret"), List.of());

    assertThat(config.toString()).doesNotContain("s@cret", "TopSecret").contains("bfg_app:***@db.example.com");
    assertThat(config.liveCredentials()).isTrue();
    assertThat(config.target().connectTimeoutMs()).isEqualTo(5_000);
  }
}
