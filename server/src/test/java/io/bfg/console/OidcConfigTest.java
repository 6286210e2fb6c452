package io.bfg.console;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("CONSOLE_AUTH=oidc configuration")
class OidcConfigTest {

  private static Map<String, String> oidc() {
    Map<String, String> env = new HashMap<>();
    env.put("CONSOLE_SCENARIO", "scenarios/bfg-flowcontrol");
    env.put("CONSOLE_AUTH", "oidc");
    env.put("CONSOLE_OIDC_ISSUER", "https://idp.example.com/realms/ops/");
    env.put("CONSOLE_OIDC_CLIENT_ID", "integration-console");
    env.put("CONSOLE_OIDC_CLIENT_SECRET", "s3cr3t-value");
    return env;
  }

  private static void refused(Map<String, String> env, String variable) {
    assertThatThrownBy(() -> AppConfig.from(env, List.of())).isInstanceOf(AppConfig.ConfigException.class)
        .hasMessageStartingWith(variable + ":").hasMessageNotContaining("s3cr3t-value");
  }

  @Test
  @DisplayName("defaults: audience = client id, actor claim sub; the secret is never in toString; any bind address")
  void defaults() {
    Map<String, String> env = oidc();
    env.put("CONSOLE_HOST", "0.0.0.0");
    env.put("CONSOLE_PUBLIC_URL", "https://console.example.com");
    AppConfig config = AppConfig.from(env, List.of());
    assertThat(config.oidc().issuerId()).isEqualTo("https://idp.example.com/realms/ops");
    assertThat(config.oidc().audience()).isEqualTo("integration-console");
    assertThat(config.oidc().actorClaim()).isEqualTo("sub");
    assertThat(config.oidc().clientSecret()).isEqualTo("s3cr3t-value");
    assertThat(config.toString()).doesNotContain("s3cr3t-value").contains("oidc");
  }

  @Test
  @DisplayName("a missing or bad setting names its variable")
  void badSettings() {
    Map<String, String> env = oidc();
    env.remove("CONSOLE_OIDC_ISSUER");
    refused(env, "CONSOLE_OIDC_ISSUER");
    env = oidc();
    env.put("CONSOLE_OIDC_ISSUER", "ftp://idp.example.com");
    refused(env, "CONSOLE_OIDC_ISSUER");
    env = oidc();
    env.remove("CONSOLE_OIDC_CLIENT_ID");
    refused(env, "CONSOLE_OIDC_CLIENT_ID");
    env = oidc();
    env.put("CONSOLE_OIDC_ACTOR_CLAIM", "two words");
    refused(env, "CONSOLE_OIDC_ACTOR_CLAIM");
    env = oidc();
    env.put("CONSOLE_SESSION_KEY", Base64.getEncoder().encodeToString(new byte[16]));
    refused(env, "CONSOLE_SESSION_KEY");
    env.put("CONSOLE_SESSION_KEY", "not base64!");
    refused(env, "CONSOLE_SESSION_KEY");
    env.put("CONSOLE_SESSION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    assertThat(AppConfig.from(env, List.of()).oidc().sessionKey()).hasSize(32);
    env = oidc();
    env.put("CONSOLE_AUTH", "ldap");
    refused(env, "CONSOLE_AUTH");
  }
}
