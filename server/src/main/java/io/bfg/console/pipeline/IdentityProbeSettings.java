package io.bfg.console.pipeline;

import io.bfg.console.model.Label;
import java.util.ArrayList;
import java.util.List;

/**
 * What the identity check proves and with which client. {@code issuer}, {@code clientId},
 * {@code audience} and {@code actorClaim} are the console's own OIDC settings (CONSOLE_OIDC_*), read in
 * every auth mode so an operator can prove the IdP before switching CONSOLE_AUTH to oidc; the probe
 * pair (CONSOLE_OIDC_PROBE_CLIENT_ID/_SECRET) is a client allowed the client-credentials grant, and
 * {@code probeScope} (CONSOLE_OIDC_PROBE_SCOPE, optional) the scope it asks for, where the IdP derives
 * the token's audience from it. Null means unset; the secret never appears in {@link #toString()}.
 */
public record IdentityProbeSettings(String issuer, String clientId, String audience, String actorClaim,
                                    String probeClientId, String probeClientSecret, String probeScope,
                                    int timeoutMs) {

  public static final String DEFAULT_ACTOR_CLAIM = "sub";
  public static final int DEFAULT_TIMEOUT_MS = 10_000;

  public IdentityProbeSettings {
    actorClaim = actorClaim == null ? DEFAULT_ACTOR_CLAIM : actorClaim;
  }

  /** None of it set: what a console without an IdP has. */
  public static IdentityProbeSettings none() {
    return new IdentityProbeSettings(null, null, null, null, null, null, null, DEFAULT_TIMEOUT_MS);
  }

  /**
   * The issuer as tokens and the discovery document name it: the configured URL without a trailing
   * slash, as the console's bearer check compares it; null when unset.
   */
  public String issuerId() {
    return issuer == null || !issuer.endsWith("/") ? issuer : issuer.substring(0, issuer.length() - 1);
  }

  /** The audience a token must name: CONSOLE_OIDC_AUDIENCE, else the console's client id; null when neither. */
  public String expectedAudience() {
    return audience != null ? audience : clientId;
  }

  /** The variables the check cannot run without, each with why (in English and Polish); empty when it can run. */
  List<Label> missing() {
    List<Label> out = new ArrayList<>();
    if (issuer == null) {
      out.add(new Label("CONSOLE_OIDC_ISSUER (the issuer to prove, e.g. https://login.example.com/realms/<realm>)",
          "CONSOLE_OIDC_ISSUER (wydawca do sprawdzenia, np. https://login.example.com/realms/<realm>)"));
    }
    if (expectedAudience() == null) {
      out.add(new Label("CONSOLE_OIDC_AUDIENCE or CONSOLE_OIDC_CLIENT_ID (the audience a token for the console must "
          + "name)", "CONSOLE_OIDC_AUDIENCE lub CONSOLE_OIDC_CLIENT_ID (odbiorca, którego musi wskazać token dla "
          + "konsoli)"));
    }
    if (probeClientId == null) {
      out.add(new Label("CONSOLE_OIDC_PROBE_CLIENT_ID (a client allowed the client-credentials grant)",
          "CONSOLE_OIDC_PROBE_CLIENT_ID (klient z prawem do grantu client-credentials)"));
    }
    if (probeClientSecret == null) {
      out.add(new Label("CONSOLE_OIDC_PROBE_CLIENT_SECRET (that client's secret)",
          "CONSOLE_OIDC_PROBE_CLIENT_SECRET (sekret tego klienta)"));
    }
    return out;
  }

  @Override
  public String toString() {
    return "IdentityProbeSettings[issuer=" + issuer + ", clientId=" + clientId + ", audience=" + audience
        + ", actorClaim=" + actorClaim + ", probeClientId=" + probeClientId + ", probeClientSecret="
        + (probeClientSecret == null ? "unset" : "***") + ", probeScope=" + probeScope + ", timeoutMs=" + timeoutMs
        + "]";
  }
}
