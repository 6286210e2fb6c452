package io.bfg.console.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The configured OpenID Connect issuer, discovered with Vert.x Auth OAuth2 and kept for the console's
 * life: the one place that knows its endpoints ({@link #metadata()}, {@link #auth()} for the browser login)
 * and its signing keys ({@link #keys()}). An issuer that cannot be discovered at start is retried with
 * backoff (1 s doubling to 30 s) and never stops the console: until it answers, {@link #ready()} is false,
 * {@link #health()} says why and every authenticated request is refused with 503.
 *
 * <p>Shared by every HTTP verticle; its state is published through volatile fields.
 */
public final class OidcProvider {

  private static final System.Logger LOG = System.getLogger(OidcProvider.class.getName());
  static final long FIRST_RETRY_MS = 1_000;
  static final long MAX_RETRY_MS = 30_000;
  /** An unknown kid refetches the JWKS at most this often, so forged kids cannot hammer the issuer. */
  static final long KEY_REFETCH_INTERVAL_MS = 10_000;

  private final Vertx vertx;
  private final OidcSettings settings;
  private final HttpClient http;
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile OAuth2Auth auth;
  private volatile OAuth2Options metadata;
  private volatile SigningKeys keys = SigningKeys.NONE;
  private volatile String problem = "not discovered yet";
  /** When the JWKS was last refetched for an unknown kid (nanoTime), or null before the first time. */
  private volatile Long lastRefetch;
  private Future<SigningKeys> keyFetch;
  private volatile boolean stopped;
  private long retryTimer = -1;

  public OidcProvider(Vertx vertx, OidcSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setIdleTimeout(30));
  }

  /** Starts discovery in the background; never fails. */
  public void start() {
    discover(FIRST_RETRY_MS);
  }

  public void stop() {
    stopped = true;
    synchronized (this) {
      if (retryTimer >= 0) {
        vertx.cancelTimer(retryTimer);
      }
    }
    http.close();
  }

  private void discover(long nextDelay) {
    if (stopped) {
      return;
    }
    attempts.incrementAndGet();
    OAuth2Options options = new OAuth2Options().setSite(settings.issuerId()).setClientId(settings.clientId())
        .setClientSecret(settings.clientSecret());
    OpenIDConnectAuth.discover(vertx, options)
        .compose(discovered -> {
          if (options.getJwkPath() == null) {
            return Future.failedFuture("the discovery document names no jwks_uri");
          }
          // our own copy of the keys (the library's stays private), fetched from the same jwks_uri
          return fetchKeys(options.getJwkPath()).map(fetched -> {
            metadata = options;
            keys = fetched;
            auth = discovered;
            return fetched;
          });
        })
        .onSuccess(ignored -> {
          problem = null;
          LOG.log(System.Logger.Level.INFO, "OpenID Connect issuer " + settings.issuerId() + " discovered");
        })
        .onFailure(failure -> {
          problem = "the OpenID Connect issuer " + settings.issuerId() + " cannot be discovered: "
              + failure.getMessage() + "; retrying in " + nextDelay / 1000 + " s";
          LOG.log(System.Logger.Level.WARNING, problem);
          synchronized (this) {
            if (!stopped) {
              retryTimer = vertx.setTimer(nextDelay, id -> discover(Math.min(nextDelay * 2, MAX_RETRY_MS)));
            }
          }
        });
  }

  /** Whether discovery succeeded: tokens can be checked and the login can start. */
  public boolean ready() {
    return auth != null;
  }

  /** Vert.x Auth OAuth2 configured from discovery (authorization URL, code exchange); null until {@link #ready()}. */
  public OAuth2Auth auth() {
    return auth;
  }

  /** The discovered endpoints (authorization, token, jwks_uri, end session ...); null until {@link #ready()}. */
  public OAuth2Options metadata() {
    return metadata;
  }

  public OidcSettings settings() {
    return settings;
  }

  /** The issuer's signing keys as last fetched. */
  public SigningKeys keys() {
    return keys;
  }

  /**
   * Refetches the JWKS (a token named a kid the console does not know: the issuer may have rotated its
   * keys). At most once per {@link #KEY_REFETCH_INTERVAL_MS}; concurrent callers share one fetch.
   */
  public synchronized Future<SigningKeys> refetchKeys() {
    if (keyFetch != null) {
      return keyFetch;
    }
    OAuth2Options discovered = metadata;
    Long last = lastRefetch;
    if (discovered == null || last != null && System.nanoTime() - last < KEY_REFETCH_INTERVAL_MS * 1_000_000) {
      return Future.succeededFuture(keys);
    }
    lastRefetch = System.nanoTime();
    Future<SigningKeys> fetch = fetchKeys(discovered.getJwkPath())
        .onSuccess(fetched -> keys = fetched)
        .recover(failure -> {
          LOG.log(System.Logger.Level.WARNING, "the issuer's JWKS cannot be refetched: " + failure.getMessage());
          return Future.succeededFuture(keys);
        })
        .andThen(done -> {
          synchronized (this) {
            keyFetch = null;
          }
        });
    keyFetch = fetch;
    return fetch;
  }

  private Future<SigningKeys> fetchKeys(String jwksUri) {
    return http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(jwksUri)
            .putHeader("accept", "application/json"))
        .compose(request -> request.send())
        .compose(response -> response.statusCode() == 200 ? response.body()
            : Future.failedFuture("the JWKS at " + jwksUri + " answered " + response.statusCode()))
        .map(body -> SigningKeys.of(new JsonObject(body).getJsonArray("keys", new JsonArray())));
  }

  /** The identity part of {@code /health}. */
  public JsonObject health() {
    JsonObject identity = new JsonObject().put("mode", "oidc").put("issuer", settings.issuerId())
        .put("discovered", ready()).put("attempts", attempts.get());
    String now = problem;
    if (now != null) {
      identity.put("problem", now);
    }
    return identity;
  }

  /** Why the provider is not ready, or null. */
  public String problem() {
    return ready() ? null : problem;
  }

  /** Snapshot of the issuer's public signing keys by kid (symmetric keys are never kept). */
  public record SigningKeys(Map<String, JsonObject> byKid) {

    static final SigningKeys NONE = new SigningKeys(Map.of());

    static SigningKeys of(JsonArray keys) {
      Map<String, JsonObject> out = new HashMap<>();
      for (Object entry : keys) {
        if (entry instanceof JsonObject key && key.getString("kid") != null
            && !"enc".equals(key.getString("use")) && !"oct".equals(key.getString("kty"))) {
          out.put(key.getString("kid"), key);
        }
      }
      return new SigningKeys(Map.copyOf(out));
    }

    public JsonObject get(String kid) {
      return byKid.get(kid);
    }
  }
}
