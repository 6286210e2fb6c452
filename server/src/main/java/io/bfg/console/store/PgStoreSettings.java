package io.bfg.console.store;

import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TlsProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where the shared store's PostgreSQL is and how the console logs in to it: as {@code owner} only
 * to create and migrate the schema (a short session at {@code load}), as {@code runtime} for
 * everything else. Every transaction of the store runs as {@code runtimeRole} (set for that
 * transaction, {@code SET LOCAL ROLE}), which must be another role than the owner, and neither
 * superuser nor BYPASSRLS: the journal's row-level security then holds for every query the
 * console makes, whoever it logged in as.
 *
 * <p>Two ways to use it: a runtime role with a login of its own ({@code runtimeRole} is
 * {@code runtime}'s user), or one URL ({@link #fromOwner}): the owner logs in for everything and
 * the store provisions {@code runtimeRole} as a login-less role the owner may switch to.
 *
 * @param runtimeRole        the role the store's statements run as
 * @param connectTimeoutMs   logging in must finish within this
 * @param statementTimeoutMs every statement must finish within this (the server's
 *                           {@code statement_timeout}, and a guard on our side for a silent server)
 */
public record PgStoreSettings(TargetEndpoint owner, TargetEndpoint runtime, String runtimeRole,
                              int connectTimeoutMs, int statementTimeoutMs) {

  public PgStoreSettings {
    if (owner.user().equals(runtimeRole)) {
      throw new IllegalArgumentException("the store's runtime role must not be its owner (" + owner.user()
          + "): the owner could switch the journal's row-level security off");
    }
    if (connectTimeoutMs <= 0 || statementTimeoutMs <= 0) {
      throw new IllegalArgumentException("the store's time limits must be positive");
    }
  }

  /** A runtime role that logs in itself, as {@code runtime}. */
  public PgStoreSettings(TargetEndpoint owner, TargetEndpoint runtime, int connectTimeoutMs, int statementTimeoutMs) {
    this(owner, runtime, runtime.user(), connectTimeoutMs, statementTimeoutMs);
  }

  /**
   * One URL, the owner's: the console logs in as the owner only, and runs its statements as
   * {@code runtimeRole}, which the schema migration creates (login-less) when it is missing.
   */
  public static PgStoreSettings fromOwner(TargetEndpoint owner, String runtimeRole, int connectTimeoutMs,
                                          int statementTimeoutMs) {
    return new PgStoreSettings(owner, owner, runtimeRole, connectTimeoutMs, statementTimeoutMs);
  }

  /** Whether the store creates {@link #runtimeRole} itself: it has no login, the owner switches to it. */
  boolean provisionsRuntimeRole() {
    return !runtime.user().equals(runtimeRole);
  }

  /**
   * The Pg client's options for {@code endpoint} with the store's time limits. The server applies
   * them from the start of the session (startup parameters), so no statement can outlive them.
   */
  private PgConnectOptions connectOptions(TargetEndpoint endpoint, String purpose) {
    PgConnectOptions options = endpoint.connectOptions("integration-console " + purpose);
    options.addProperty("statement_timeout", String.valueOf(statementTimeoutMs));
    options.addProperty("lock_timeout", String.valueOf(statementTimeoutMs));
    // a transaction left open by a console that hung must not hold its row locks for ever
    options.addProperty("idle_in_transaction_session_timeout", String.valueOf(statementTimeoutMs * 2));
    return options;
  }

  /**
   * The options for one new session, TLS settled before the session's socket is opened: the Pg
   * client tries TLS on that socket and, when the server answers N to it, leaves it open without
   * logging in. Each such socket holds a server process until authentication_timeout (60 s), and
   * a fast shutdown ({@code pg_ctl stop -m fast}) waits for the ones forked while it runs, so a
   * console reconnecting to a server without TLS kept it from stopping. So the server is asked
   * first on a socket closed right after its answer: sslmode=prefer then logs in without TLS, and
   * require or verify-* fail before any session socket is opened.
   */
  Future<PgConnectOptions> sessionOptions(Vertx vertx, TargetEndpoint endpoint, String purpose) {
    PgConnectOptions options = connectOptions(endpoint, purpose);
    if (options.getSslMode() == SslMode.DISABLE) {
      return Future.succeededFuture(options);
    }
    return offersTls(vertx, endpoint).compose(tls -> {
      if (tls) {
        return Future.succeededFuture(options);
      }
      if (options.getSslMode() == SslMode.PREFER || options.getSslMode() == SslMode.ALLOW) {
        return Future.succeededFuture(options.setSslMode(SslMode.DISABLE));
      }
      return Future.failedFuture(new IllegalStateException("sslmode=" + endpoint.sslMode()
          + " but the server at " + endpoint.host() + ":" + endpoint.port() + " does not offer TLS"));
    });
  }

  /**
   * Whether the server at {@code endpoint} offers TLS, asked at most once a minute per host and port: each
   * question is a connection the server logs as an aborted TLS handshake when it does offer TLS, and a
   * server's TLS setting changes with a restart, not between two sessions.
   */
  private Future<Boolean> offersTls(Vertx vertx, TargetEndpoint endpoint) {
    String server = endpoint.host() + ":" + endpoint.port();
    TlsAnswer known = TLS_ANSWERS.get(server);
    if (known != null && System.nanoTime() - known.askedAt() < TLS_ANSWER_NANOS) {
      return Future.succeededFuture(known.offered());
    }
    return TlsProbe.offersTls(vertx, endpoint.host(), endpoint.port(), connectTimeoutMs)
        .onSuccess(offered -> TLS_ANSWERS.put(server, new TlsAnswer(offered, System.nanoTime())));
  }

  private record TlsAnswer(boolean offered, long askedAt) {
  }

  private static final long TLS_ANSWER_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final Map<String, TlsAnswer> TLS_ANSWERS = new ConcurrentHashMap<>();

  /** How long one store operation may take before it is given up as unavailable. */
  long operationLimitMs() {
    return connectTimeoutMs + 2L * statementTimeoutMs + 2_000L;
  }
}
