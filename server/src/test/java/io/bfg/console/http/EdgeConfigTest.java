package io.bfg.console.http;

import io.bfg.console.AppConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP edge's settings are checked at start-up, each refusal naming its variable. */
@DisplayName("The HTTP edge's configuration")
class EdgeConfigTest {

  static AppConfig config(Map<String, String> env) {
    return AppConfig.from(env, List.of());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ftp://console.example.com", "console.example.com", "https://console.example.com/console",
      "https://user@console.example.com", "https://console.example.com/?a=b", "https://", "http://exa mple.com"})
  @DisplayName("CONSOLE_PUBLIC_URL must be an http(s) URL with nothing after the host and port")
  void badPublicUrl(String url) {
    assertThatThrownBy(() -> config(Map.of("CONSOLE_PUBLIC_URL", url)))
        .isInstanceOf(AppConfig.ConfigException.class).hasMessageContaining("CONSOLE_PUBLIC_URL");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"https://console.example.com", "http://10.0.0.5:8080/", "http://[fd00::5]:8080"})
  @DisplayName("CONSOLE_PUBLIC_URL takes a scheme, a host and an optional port")
  void goodPublicUrl(String url) {
    assertThatCode(() -> config(Map.of("CONSOLE_PUBLIC_URL", url))).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"http://console.lan", "console.lan/x", "console.lan:port", "console.lan:70000", "*.example.com", "a b"})
  @DisplayName("CONSOLE_ALLOWED_HOSTS entries must be host names or host:port")
  void badAllowedHosts(String list) {
    assertThatThrownBy(() -> config(Map.of("CONSOLE_ALLOWED_HOSTS", list)))
        .isInstanceOf(AppConfig.ConfigException.class).hasMessageContaining("CONSOLE_ALLOWED_HOSTS");
  }

  @Test
  @DisplayName("CONSOLE_ALLOWED_HOSTS takes names, addresses and ports, separated by commas")
  void goodAllowedHosts() {
    assertThatCode(() -> config(Map.of("CONSOLE_ALLOWED_HOSTS", "console.lan, ops.lan:9443,10.0.0.5,[fd00::5]:8080")))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "CONSOLE_HOST={0}")
  @ValueSource(strings = {"0.0.0.0", "::", "[::]"})
  @DisplayName("listening on every interface without naming the console's hosts refuses to start, naming CONSOLE_ALLOWED_HOSTS")
  void everyInterfaceNeedsNames(String host) {
    assertThatThrownBy(() -> config(Map.of("CONSOLE_HOST", host, "CONSOLE_ALLOW_REMOTE_MOCK_AUTH", "true")))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessageStartingWith("CONSOLE_ALLOWED_HOSTS").hasMessageContaining("CONSOLE_PUBLIC_URL");
    assertThatCode(() -> config(Map.of("CONSOLE_HOST", host, "CONSOLE_ALLOW_REMOTE_MOCK_AUTH", "true",
        "CONSOLE_ALLOWED_HOSTS", "console.lan"))).doesNotThrowAnyException();
    assertThatCode(() -> config(Map.of("CONSOLE_HOST", host, "CONSOLE_ALLOW_REMOTE_MOCK_AUTH", "true",
        "CONSOLE_PUBLIC_URL", "https://console.example.com"))).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("a specific non-loopback bind address needs no list: its own address is one of the console's names")
  void specificAddress() {
    assertThatCode(() -> config(Map.of("CONSOLE_HOST", "10.0.0.5", "CONSOLE_ALLOW_REMOTE_MOCK_AUTH", "true")))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}={1}")
  @ValueSource(strings = {"CONSOLE_HTTP_HEADER_TIMEOUT_MS=0", "CONSOLE_HTTP_IDLE_TIMEOUT_MS=-1",
      "CONSOLE_HTTP_IDLE_TIMEOUT_MS=soon", "CONSOLE_MAX_CONNECTIONS=0", "CONSOLE_MAX_CONNECTIONS=many"})
  @DisplayName("timeouts and the connection limit must be positive whole numbers")
  void badLimits(String setting) {
    String[] parts = setting.split("=");
    assertThatThrownBy(() -> config(Map.of(parts[0], parts[1])))
        .isInstanceOf(AppConfig.ConfigException.class).hasMessageStartingWith(parts[0]);
  }

  @Test
  @DisplayName("CONSOLE_MAX_CONNECTIONS at or past the process's open-file limit is refused: accepting would fail first")
  void connectionsBelowTheFileLimit() {
    long limit = ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getMaxFileDescriptorCount();
    assertThatThrownBy(() -> config(Map.of("CONSOLE_MAX_CONNECTIONS", String.valueOf(limit))))
        .isInstanceOf(AppConfig.ConfigException.class).hasMessageStartingWith("CONSOLE_MAX_CONNECTIONS")
        .hasMessageContaining(String.valueOf(limit));
    assertThatCode(() -> config(Map.of("CONSOLE_MAX_CONNECTIONS", String.valueOf(limit - 1))))
        .doesNotThrowAnyException();
  }
}
