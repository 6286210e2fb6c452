package io.bfg.console.auth;

import java.net.URI;
import java.util.Arrays;

/**
 * CONSOLE_AUTH=oidc's settings, validated by AppConfig. {@code clientSecret} (may be null) and
 * {@code sessionKey} (CONSOLE_SESSION_KEY's 32 bytes, null when unset) never appear in
 * {@link #toString()}.
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, String audience, String actorClaim,
                           byte[] sessionKey) {

  public OidcSettings {
    sessionKey = sessionKey == null ? null : sessionKey.clone();
  }

  /** The issuer as tokens name it in {@code iss}: the configured URL without a trailing slash. */
  public String issuerId() {
    String text = issuer.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  @Override
  public byte[] sessionKey() {
    return sessionKey == null ? null : sessionKey.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OidcSettings o && issuer.equals(o.issuer) && clientId.equals(o.clientId)
        && java.util.Objects.equals(clientSecret, o.clientSecret) && audience.equals(o.audience)
        && actorClaim.equals(o.actorClaim) && Arrays.equals(sessionKey, o.sessionKey);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(issuer, clientId, audience, actorClaim);
  }

  @Override
  public String toString() {
    return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
        + (clientSecret == null ? "unset" : "(set)") + ", audience=" + audience + ", actorClaim=" + actorClaim
        + ", sessionKey=" + (sessionKey == null ? "unset" : "(set)") + "]";
  }
}
