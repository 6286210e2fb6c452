package io.bfg.console.pipeline;

import io.bfg.console.model.Label;

import io.bfg.console.auth.TokenRules;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.Actor;
import io.bfg.console.model.Pipelines;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;

/**
 * The identity check: proves the configured OIDC issuer the way the console's bearer check will use
 * it, without the console being in oidc mode. Four steps over one HTTP client:
 * <ol>
 *   <li>discovery: the issuer's discovery document over TLS (plain http only on loopback, with a
 *       warning), naming exactly the configured issuer and the endpoints the console needs;</li>
 *   <li>jwks: the published keys, at least one for signing, every one asymmetric (no HMAC, no none);</li>
 *   <li>client-token: a client-credentials grant for the probe client, and the token validated end to
 *       end: signature against the JWKS, issuer, audience, expiry;</li>
 *   <li>roles-mapped: every role of the scenario has an actor a token's actor claim can name.</li>
 * </ol>
 * Evidence names keys, claims and fingerprints, never key material, a token or the probe's secret.
 */
final class IdentityPipeline implements PipelineSteps {

  static final String NOT_TLS = "not TLS: loopback only";
  private static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
      "ES256", "ES384", "ES512", "ES256K", "EdDSA");
  private static final Set<String> ASYMMETRIC_KEY_TYPES = Set.of("RSA", "EC", "OKP");
  private static final List<String> REQUIRED_ENDPOINTS = List.of("authorization_endpoint", "token_endpoint",
      "jwks_uri");

  private final Vertx vertx;
  private final IdentityProbeSettings settings;
  private final List<Actor> actors;
  private final List<String> ids = Pipelines.STEPS.get(Pipelines.IDENTITY);
  private final TokenRules rules = new TokenRules(Clock.systemUTC());
  private WebClient client;
  private JsonObject discovery;
  private List<JsonObject> signingKeys;

  IdentityPipeline(Vertx vertx, IdentityProbeSettings settings, List<Actor> actors) {
    this.vertx = vertx;
    this.settings = settings;
    this.actors = List.copyOf(actors);
  }

  @Override
  public List<StepDef> steps() {
    return List.of(
        StepDef.step(ids.get(0), this::discovery),
        StepDef.step(ids.get(1), this::jwks),
        StepDef.step(ids.get(2), this::clientToken),
        StepDef.step(ids.get(3), this::rolesMapped));
  }

  @Override
  public Future<Void> close() {
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }

  private Future<StepOutcome> discovery() {
    List<Label> missing = settings.missing();
    if (!missing.isEmpty()) {
      throw new StepFailed("not set: " + String.join("; ", missing.stream().map(Label::en).toList())
          + ". The identity check proves the IdP the console would trust with these; nothing was contacted",
          "nie ustawiono: " + String.join("; ", missing.stream().map(Label::pl).toList())
          + ". Kontrola tożsamości sprawdza dostawcę tożsamości, któremu konsola by z nimi zaufała; z nikim się nie "
          + "łączono");
    }
    String issuer = settings.issuerId();
    String transport = transport("CONSOLE_OIDC_ISSUER", issuer);
    client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(settings.timeoutMs())
        .setFollowRedirects(false).setVerifyHost(true).setTrustAll(false));
    String url = issuer + "/.well-known/openid-configuration";
    return getJson(url, "the discovery document").map(doc -> {
      Object named = doc.getValue("issuer");
      if (!issuer.equals(named)) {
        throw new StepFailed("the discovery document at " + url + " names the issuer " + quoted(named)
            + ", not the configured CONSOLE_OIDC_ISSUER '" + issuer + "': the two must be identical, or every "
            + "token it issues (iss) would be refused");
      }
      List<String> absent = REQUIRED_ENDPOINTS.stream().filter(key -> text(doc, key) == null).toList();
      if (!absent.isEmpty()) {
        throw new StepFailed("the discovery document at " + url + " lacks " + String.join(", ", absent)
            + ": the console needs the authorization, token and JWKS endpoints");
      }
      Map<String, Object> endpoints = new LinkedHashMap<>();
      for (String key : REQUIRED_ENDPOINTS) {
        transport(key + " of the discovery document", text(doc, key));
        endpoints.put(key, text(doc, key));
      }
      discovery = doc;
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("issuer", issuer);
      evidence.put("transport", transport);
      if (NOT_TLS.equals(transport)) {
        evidence.put("warning", NOT_TLS);
      }
      evidence.put("endpoints", endpoints);
      putList(evidence, "grantTypes", doc, "grant_types_supported");
      putList(evidence, "idTokenSigningAlgs", doc, "id_token_signing_alg_values_supported");
      String how = NOT_TLS.equals(transport) ? "over plain http (" + NOT_TLS + "; a deployment needs https)"
          : "over TLS (certificate verified for its host)";
      return new StepOutcome("discovered " + issuer + " " + how + ": it names itself exactly and publishes the "
          + "authorization, token and JWKS endpoints", evidence);
    });
  }

  private Future<StepOutcome> jwks() {
    String url = text(discovery, "jwks_uri");
    return getJson(url, "the JWKS").map(doc -> {
      if (!(doc.getValue("keys") instanceof JsonArray keys)) {
        throw new StepFailed("the JWKS at " + url + " has no \"keys\" array");
      }
      List<Map<String, Object>> listed = new ArrayList<>();
      List<String> refused = new ArrayList<>();
      List<JsonObject> signing = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        if (!(keys.getValue(i) instanceof JsonObject key)) {
          refused.add("key #" + (i + 1) + " is not a JSON object");
          continue;
        }
        String kid = text(key, "kid");
        String kty = text(key, "kty");
        String alg = text(key, "alg");
        String use = text(key, "use");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kid", kid);
        entry.put("kty", kty);
        entry.put("alg", alg);
        entry.put("use", use);
        entry.values().removeIf(Objects::isNull);
        listed.add(entry);
        String named = "kid " + (kid == null ? "(none)" : "'" + kid + "'") + " (kty " + kty
            + (alg == null ? "" : ", alg " + alg) + ")";
        if ("oct".equals(kty) || alg != null && (alg.startsWith("HS") || alg.equalsIgnoreCase("none"))) {
          refused.add(named + " is " + ("none".equalsIgnoreCase(alg) ? "alg none (unsigned)" : "a symmetric HMAC "
              + "key: published in a JWKS, its secret is public and anyone could sign tokens with it"));
        } else if (alg != null ? !ASYMMETRIC.contains(alg) : !ASYMMETRIC_KEY_TYPES.contains(kty)) {
          refused.add(named + " is not an asymmetric signing algorithm (RS*, PS*, ES*, EdDSA)");
        } else if (use == null || "sig".equals(use)) {
          try {
            new JWK(key);
            signing.add(key);
          } catch (RuntimeException e) {
            refused.add(named + " cannot be read as a public key (" + e.getMessage() + ")");
          }
        }
      }
      if (!refused.isEmpty()) {
        throw new StepFailed("the JWKS at " + url + " publishes keys no verifier may trust: " + String.join("; ",
            refused) + ". Every key must be asymmetric (RS*, PS*, ES*, EdDSA); HMAC and none are refused");
      }
      if (signing.isEmpty()) {
        throw new StepFailed("the JWKS at " + url + " has no signing key (" + keys.size() + " key(s), none with "
            + "use 'sig' or no use): no token could be verified");
      }
      signingKeys = signing;
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("jwksUri", url);
      evidence.put("keys", listed);
      evidence.put("kids", signing.stream().map(k -> text(k, "kid")).filter(Objects::nonNull).toList());
      evidence.put("algs", new TreeSet<>(signing.stream().map(IdentityPipeline::algOf).toList()).stream().toList());
      return new StepOutcome(signing.size() + " signing key(s) published, all asymmetric ("
          + String.join(", ", new TreeSet<>(signing.stream().map(IdentityPipeline::algOf).toList())) + "); kids: "
          + signing.stream().map(k -> String.valueOf(text(k, "kid"))).toList(), evidence);
    });
  }

  private Future<StepOutcome> clientToken() {
    String endpoint = text(discovery, "token_endpoint");
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials");
    if (settings.probeScope() != null) {
      form.add("scope", settings.probeScope());
    }
    var request = client.postAbs(endpoint).timeout(settings.timeoutMs()).putHeader("accept", "application/json");
    if (basicAuthentication()) {
      String pair = formEncode(settings.probeClientId()) + ":" + formEncode(settings.probeClientSecret());
      request.putHeader("authorization", "Basic " + Base64.getEncoder().encodeToString(
          pair.getBytes(StandardCharsets.UTF_8)));
    } else {
      form.add("client_id", settings.probeClientId()).add("client_secret", settings.probeClientSecret());
    }
    return request.sendForm(form)
        .recover(cause -> Future.failedFuture(new StepFailed("cannot reach the token endpoint " + endpoint + ": "
            + reason(cause))))
        .compose(response -> {
          JsonObject body = json(response);
          if (response.statusCode() != 200 || body == null || text(body, "access_token") == null) {
            String error = body == null ? null : text(body, "error");
            String description = body == null ? null : text(body, "error_description");
            throw new StepFailed(scrub("the token endpoint " + endpoint + " refused the client-credentials grant "
                + "for CONSOLE_OIDC_PROBE_CLIENT_ID '" + settings.probeClientId() + "': HTTP "
                + response.statusCode() + (error == null ? "" : " " + error)
                + (description == null ? "" : " (" + description + ")")
                + (body != null && response.statusCode() == 200 ? ", no access_token in the answer" : "")));
          }
          return validate(text(body, "access_token"));
        });
  }

  /** RFC 6749 makes client_secret_basic the default; a provider listing only client_secret_post gets that. */
  private boolean basicAuthentication() {
    if (!(discovery.getValue("token_endpoint_auth_methods_supported") instanceof JsonArray methods)) {
      return true;
    }
    return methods.contains("client_secret_basic") || !methods.contains("client_secret_post");
  }

  /**
   * The token judged by the console's own {@link TokenRules}, against the keys this run fetched: what
   * passes here passes the bearer check, what fails says so with advice for the IdP.
   */
  private Future<StepOutcome> validate(String token) {
    String issuer = settings.issuerId();
    String audience = settings.expectedAudience();
    Map<String, JsonObject> keysByKid = new LinkedHashMap<>();
    signingKeys.stream().filter(k -> text(k, "kid") != null).forEach(k -> keysByKid.put(text(k, "kid"), k));
    TokenRules.Header header;
    JsonObject claims;
    try {
      TokenRules.Compact jwt = TokenRules.Compact.of(token);
      header = TokenRules.header(jwt);
      claims = rules.verify(jwt, header, header.kid() == null ? null : keysByKid.get(header.kid()), issuer,
          audience);
    } catch (TokenRules.Refused refused) {
      throw new StepFailed(refusal(refused, keysByKid.keySet(), audience));
    }
    String alg = header.alg();
    String kid = header.kid();
    long exp = claims.getLong("exp");
    List<String> audiences = TokenRules.audiences(claims.getValue("aud"));
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("probeClientId", settings.probeClientId());
    evidence.put("alg", alg);
    evidence.put("kid", kid);
    evidence.put("claims", new TreeSet<>(claims.fieldNames()).stream().toList());
    evidence.put("issuer", issuer);
    evidence.put("audience", audiences);
    Object subject = claims.getValue("sub");
    if (subject != null) {
      evidence.put("subjectFingerprint", "sha256:" + Checksums.sha256Hex(String.valueOf(subject)
          .getBytes(StandardCharsets.UTF_8)).substring(0, 16));
    }
    if (claims.getValue("iat") instanceof Number iat) {
      evidence.put("lifetimeSeconds", exp - iat.longValue());
    }
    evidence.put("actorClaim", settings.actorClaim());
    evidence.put("actorClaimPresent", claims.containsKey(settings.actorClaim()));
    String expires = Instant.ofEpochSecond(exp).toString();
    return Future.succeededFuture(new StepOutcome("a client-credentials token for " + settings.probeClientId()
        + " verified end to end: signature (" + alg + ", kid " + kid + ") against the JWKS, iss, aud " + audiences
        + " containing '" + audience + "', expires " + expires, null, evidence, Map.of("expiresAt", expires)));
  }

  /** The rules' reason for the step, with what the IdP's administrator can do about it. */
  private String refusal(TokenRules.Refused refused, Set<String> kids, String audience) {
    String why = "the access token is refused: " + refused.getMessage();
    return switch (refused.reason()) {
      case NOT_JWT -> why + ": the console validates bearer tokens locally against the JWKS, so the IdP must issue "
          + "JWT access tokens to this client";
      case UNKNOWN_KEY -> why + " (the JWKS publishes kids " + kids + ")";
      case SIGNATURE -> why + ": the token was altered or signed with another key";
      case AUDIENCE -> "the access token's aud " + TokenRules.audiences(refused.claims().getValue("aud"))
          + " does not contain '" + audience + "' (" + (settings.audience() != null ? "CONSOLE_OIDC_AUDIENCE"
          : "CONSOLE_OIDC_CLIENT_ID, as CONSOLE_OIDC_AUDIENCE is unset") + "): the console would refuse it as a "
          + "bearer token; have the IdP add that audience to the probe client's tokens"
          + (settings.probeScope() == null ? " (or ask for it with CONSOLE_OIDC_PROBE_SCOPE)" : "");
      case NO_EXPIRY -> why + ": the console refuses tokens that never expire";
      case EXPIRED -> why + " (the IdP's clock or token lifetime is wrong)";
      case NOT_YET_VALID -> why + " (the IdP's clock is ahead of the console's)";
      default -> why;
    };
  }

  /**
   * An actor is named by a claim value when it lists identities, or when its id can be that value: not
   * with {@code sub}, which IdPs mint themselves (a Keycloak UUID, an Entra object id), and with
   * {@code email} only when the id is an address. Every role needs at least one named actor.
   */
  private Future<StepOutcome> rolesMapped() {
    String claim = settings.actorClaim();
    Map<String, List<String>> mappedByRole = new LinkedHashMap<>();
    Map<String, String> roleNames = new LinkedHashMap<>();
    Map<String, Object> how = new LinkedHashMap<>();
    List<String> unmapped = new ArrayList<>();
    for (Actor actor : actors) {
      mappedByRole.computeIfAbsent(actor.roleKey(), role -> new ArrayList<>());
      roleNames.putIfAbsent(actor.roleKey(), actor.role().en());
      if (!actor.identities().isEmpty()) {
        mappedByRole.get(actor.roleKey()).add(actor.id());
        how.put(actor.id(), "identities (" + actor.identities().size() + ")");
      } else if (idUsable(claim, actor.id())) {
        mappedByRole.get(actor.roleKey()).add(actor.id());
        how.put(actor.id(), "id as " + claim);
      } else {
        unmapped.add(actor.id());
      }
    }
    List<String> bare = mappedByRole.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
        .toList();
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("actorClaim", claim);
    evidence.put("mapped", how);
    evidence.put("unmapped", unmapped);
    evidence.put("rolesWithoutMapping", bare);
    if (!bare.isEmpty()) {
      List<String> named = new ArrayList<>();
      for (String role : bare) {
        List<String> of = actors.stream().filter(a -> a.roleKey().equals(role)).map(Actor::id).toList();
        named.add(roleNames.get(role) + " (" + role + ": " + String.join(", ", of) + ")");
      }
      String why = "sub".equals(claim) ? "with CONSOLE_OIDC_ACTOR_CLAIM=sub the IdP mints its own subjects, so "
          + "an actor's id is not one" : "an id without '@' is no " + claim;
      throw new StepFailed("no " + claim + " value names an actor of role " + String.join("; ", named)
          + ": none lists identities, and " + why + ". Add identities: [<the name the IdP knows them by>] to "
          + "each in scenario.yaml" + ("sub".equals(claim) ? ", or set CONSOLE_OIDC_ACTOR_CLAIM to a claim the IdP "
          + "fills with the actor id (e.g. preferred_username)" : ""));
    }
    String detail = how.size() + " of " + actors.size() + " actors in " + mappedByRole.size() + " role(s) map to "
        + claim + " values";
    if (!unmapped.isEmpty()) {
      detail += "; not mapped (their roles are covered by others): " + String.join(", ", unmapped);
    }
    return Future.succeededFuture(new StepOutcome(detail, evidence));
  }

  private static boolean idUsable(String claim, String id) {
    return !"sub".equals(claim) && (!"email".equals(claim) || id.contains("@"));
  }

  /**
   * How {@code url} is reached: "TLS" for https, {@link #NOT_TLS} for http to a loopback host; plain
   * http anywhere else fails the step, since a token, a key or a discovery document could be swapped
   * on the way.
   */
  private static String transport(String what, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new StepFailed(what + " '" + url + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return "TLS";
    }
    if (scheme.equals("http") && loopback(uri.getHost())) {
      return NOT_TLS;
    }
    throw new StepFailed(what + " is " + url + ": not TLS. Discovery, keys and tokens must travel over https "
        + "(plain http is accepted on loopback only, for local rehearsals)");
  }

  private static boolean loopback(String host) {
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      return false; // a name would need DNS, which could point anywhere
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private Future<JsonObject> getJson(String url, String what) {
    return client.getAbs(url).timeout(settings.timeoutMs()).putHeader("accept", "application/json").send()
        .recover(cause -> Future.failedFuture(new StepFailed("cannot fetch " + what + " at " + url + ": "
            + reason(cause))))
        .map(response -> {
          if (response.statusCode() != 200) {
            String location = response.getHeader("location");
            throw new StepFailed(what + " at " + url + " answered HTTP " + response.statusCode()
                + (location == null ? "" : " (redirect to " + location + "; configure the final URL)"));
          }
          JsonObject body = json(response);
          if (body == null) {
            throw new StepFailed(what + " at " + url + " is not a JSON object");
          }
          return body;
        });
  }

  private static JsonObject json(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      return body.toJsonValue() instanceof JsonObject object ? object : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  private static String algOf(JsonObject key) {
    String alg = text(key, "alg");
    return alg != null ? alg : text(key, "kty");
  }

  private static void putList(Map<String, Object> evidence, String name, JsonObject doc, String key) {
    if (doc.getValue(key) instanceof JsonArray values) {
      evidence.put(name, values.stream().map(String::valueOf).toList());
    }
  }

  private static String text(JsonObject object, String key) {
    return object.getValue(key) instanceof String s && !s.isBlank() ? s : null;
  }

  private static String quoted(Object value) {
    return value == null ? "(none)" : "'" + value + "'";
  }

  private String scrub(String text) {
    String secret = settings.probeClientSecret();
    return secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
  }

  private String reason(Throwable cause) {
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (cause instanceof ConnectException) {
      return "connection refused or unreachable (" + message + ")";
    }
    if (cause instanceof UnknownHostException) {
      return "the host name does not resolve";
    }
    if (cause instanceof SSLException) {
      return "the TLS handshake failed (" + message + "); is the IdP's certificate valid for its host and "
          + "trusted by this JVM?";
    }
    if (cause instanceof TimeoutException || message.contains("timeout")) {
      return "no answer within " + settings.timeoutMs() + " ms";
    }
    return scrub(message);
  }

  private static String formEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

}
