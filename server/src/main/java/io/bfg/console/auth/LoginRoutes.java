package io.bfg.console.auth;

import io.bfg.console.model.Actor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The browser login (authorization code with PKCE S256, {@code state} and {@code nonce}) and logout:
 * <ul>
 *   <li>{@code GET /auth/login[?return=/path]}: 302 to the provider; the transaction rides in the sealed
 *   {@code console_login} cookie (Path=/auth, 10 minutes), so any instance can finish it.</li>
 *   <li>{@code GET /auth/callback}: checks the transaction and {@code state}, spends it (a second use is
 *   refused), exchanges the code with the verifier, verifies the ID token (the provider's signature, iss,
 *   aud = the client id, exp, and the transaction's nonce), maps its actor claim to an actor and sets the
 *   sealed {@code console_session} cookie until the ID token expires; then 302 to the return path.</li>
 *   <li>{@code POST /auth/logout}: needs the session and the console's Origin; revokes the session
 *   durably, clears the cookie and answers {@code {"signedOut":true,"login":"/auth/login"}} (plus
 *   {@code idpLogout} when the provider advertises an end-session endpoint), or 303 to / for a browser form.</li>
 * </ul>
 * A refusal is a small EN/PL page with a link back to the login for a browser (Accept names text/html),
 * else the usual JSON error.
 */
public final class LoginRoutes implements BrowserLogin {

  public static final String LOGIN = "/auth/login";
  public static final String CALLBACK = "/auth/callback";
  public static final String LOGOUT = "/auth/logout";
  /**
   * Event bus address (local publish), body: the id of a session just signed out. Whatever that session opened and
   * holds open (the feed's sockets) ends with it. Named here, not in service.Addresses, as auth comes before service.
   */
  public static final String SIGNED_OUT = "console.session.signed-out";
  static final List<String> SCOPES = List.of("openid", "profile", "email");
  /** Spent login transactions share the revocation list with signed-out sessions, under this prefix. */
  static final String SPENT = "login:";

  private final OidcProvider provider;
  private final SessionCookies sessions;
  private final SessionRevocations revocations;
  private final ActorDirectory actors;
  private final CookieSeal seal;
  private final Clock clock;
  private final SecureRandom random;
  private final TokenRules rules;

  LoginRoutes(OidcProvider provider, SessionCookies sessions, SessionRevocations revocations, ActorDirectory actors,
              CookieSeal seal, Clock clock, SecureRandom random) {
    this.provider = provider;
    this.sessions = sessions;
    this.revocations = revocations;
    this.actors = actors;
    this.seal = seal;
    this.clock = clock;
    this.random = random;
    this.rules = new TokenRules(clock);
  }

  /**
   * The login of a console in oidc mode: its cookie key (CONSOLE_SESSION_KEY, else derived from the client
   * secret, else {@code <dataDir>/session.key}) and its revocation list under {@code dataDir}.
   */
  public static Future<LoginRoutes> start(Vertx vertx, OidcProvider provider, ActorDirectory actors, Path dataDir) {
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    OidcSettings settings = provider.settings();
    return vertx.executeBlocking(() -> SessionKeys.resolve(settings.sessionKey(), settings.clientSecret(), dataDir,
            random))
        .compose(key -> SessionRevocations.load(vertx, dataDir, clock).map(revocations -> {
          CookieSeal seal = new CookieSeal(key, random);
          SessionCookies sessions = new SessionCookies(seal, revocations, actors, settings.issuerId(), clock, random);
          return new LoginRoutes(provider, sessions, revocations, actors, seal, clock, random);
        }));
  }

  /** The browser side of a console in oidc mode: this login's session reader and routes. */
  public static Future<IdentityServices.Browser> browser(Vertx vertx, OidcProvider provider, ActorDirectory actors,
                                                         Path dataDir) {
    return start(vertx, provider, actors, dataDir).map(login -> new IdentityServices.Browser(login.sessions(), login));
  }

  /** Mock mode has no login: {@code /auth/*} says so instead of falling through to the static files. */
  public static BrowserLogin mockMode() {
    return (router, publicUrl) -> router.route("/auth/*").handler(rc -> rc.fail(new AuthRefusal(404, "NOT_FOUND",
        "browser login exists only with CONSOLE_AUTH=oidc; this console runs mock-auth-header (send X-Actor-Id)")));
  }

  /** The reader of the session cookie, for the auth handler. */
  public SessionLookup sessions() {
    return sessions;
  }

  @Override
  public Future<Void> close() {
    return revocations.close();
  }

  @Override
  public void mount(Router router, Supplier<URI> publicUrl) {
    router.get(LOGIN).handler(rc -> login(rc, publicUrl.get()));
    router.get(CALLBACK).handler(rc -> callback(rc, publicUrl.get()));
    router.post(LOGOUT).handler(rc -> logout(rc, publicUrl.get()));
  }

  private void login(RoutingContext rc, URI publicUrl) {
    if (!provider.ready()) {
      refuse(rc, BearerTokens.unavailable(provider));
      return;
    }
    LoginTransaction tx = LoginTransaction.start(rc.request().getParam("return"), clock.instant(), random);
    String authorize = provider.auth().authorizeURL(new OAuth2AuthorizationURL()
        .setRedirectUri(callbackUri(publicUrl))
        .setScopes(SCOPES)
        .setState(tx.state())
        .setCodeChallenge(tx.challenge())
        .setCodeChallengeMethod("S256")
        .putAdditionalParameter("nonce", tx.nonce()));
    rc.response().addCookie(loginCookie(tx.seal(seal), secure(publicUrl), LoginTransaction.LIFETIME.getSeconds()));
    redirect(rc, 302, authorize);
  }

  private void callback(RoutingContext rc, URI publicUrl) {
    HttpServerRequest request = rc.request();
    // read before it is cleared below: Vert.x keeps the request's and the response's cookies in one jar
    Cookie started = request.getCookie(LoginTransaction.COOKIE);
    // whatever happens next, this transaction is over
    rc.response().addCookie(loginCookie("", secure(publicUrl), 0));
    String error = request.getParam("error");
    if (error != null) {
      String description = request.getParam("error_description");
      refuse(rc, new AuthRefusal("access_denied".equals(error) ? 403 : 400, "IDP_ERROR",
          "the identity provider refused the sign-in: " + error + (description == null ? "" : " (" + description + ")")));
      return;
    }
    LoginTransaction tx;
    try {
      tx = transaction(started, request.getParam("state"));
    } catch (AuthRefusal refusal) {
      refuse(rc, refusal);
      return;
    }
    String code = request.getParam("code");
    if (code == null || code.isBlank()) {
      refuse(rc, new AuthRefusal(400, "BAD_CALLBACK", "the identity provider sent no code back"));
      return;
    }
    if (!provider.ready()) {
      refuse(rc, BearerTokens.unavailable(provider));
      return;
    }
    revocations.revoke(SPENT + tx.state(), tx.expiresAt())
        .compose(first -> first ? exchange(tx, code, publicUrl) : Future.failedFuture(new AuthRefusal(400,
            "LOGIN_REPLAYED", "this sign-in was completed already; start a new one")))
        .onSuccess(session -> {
          rc.response().addCookie(sessions.cookie(session, secure(publicUrl)));
          redirect(rc, 302, base(publicUrl) + tx.returnPath());
        })
        .onFailure(failure -> refuse(rc, failure instanceof AuthRefusal refusal ? refusal
            : new AuthRefusal(502, "LOGIN_FAILED", "the sign-in could not be completed: " + failure.getMessage())));
  }

  /** The browser's transaction, if it is this console's, still running, and the one the provider answers. */
  private LoginTransaction transaction(Cookie cookie, String state) {
    if (cookie == null || cookie.getValue().isEmpty()) {
      throw new AuthRefusal(400, "LOGIN_MISSING", "no sign-in is in progress in this browser (its "
          + LoginTransaction.COOKIE + " cookie is missing: it took over 10 minutes, or cookies are blocked)");
    }
    LoginTransaction tx = LoginTransaction.open(seal, cookie.getValue());
    if (tx == null) {
      throw new AuthRefusal(400, "LOGIN_INVALID", "this browser's sign-in cannot be read (it was altered, or "
          + "another console started it)");
    }
    if (!clock.instant().isBefore(tx.expiresAt())) {
      throw new AuthRefusal(400, "LOGIN_EXPIRED", "the sign-in took longer than 10 minutes");
    }
    if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
        tx.state().getBytes(StandardCharsets.UTF_8))) {
      throw new AuthRefusal(403, "STATE_MISMATCH", "the identity provider's answer does not belong to the sign-in "
          + "this browser started (state differs)");
    }
    return tx;
  }

  private Future<Session> exchange(LoginTransaction tx, String code, URI publicUrl) {
    Oauth2Credentials credentials = new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE).setCode(code)
        .setRedirectUri(callbackUri(publicUrl)).setCodeVerifier(tx.verifier());
    return provider.auth().authenticate(credentials)
        .recover(failure -> Future.failedFuture(new AuthRefusal(401, "LOGIN_FAILED",
            "the identity provider did not exchange the sign-in code: " + failure.getMessage())))
        .map(user -> signIn(user, tx));
  }

  /**
   * The session an exchanged ID token opens. Vert.x Auth OAuth2 keeps the ID token's claims only when its
   * signature verified against the provider's keys; its claims then meet the bearer token's {@link TokenRules}
   * (with the client id as audience), and the transaction's nonce.
   */
  private Session signIn(User user, LoginTransaction tx) {
    JsonObject claims = user.attributes().getJsonObject("idToken");
    if (claims == null) {
      if (user.attributes().containsKey("missing-kid")) {
        // the provider signs with a key the library has not seen: reload them for the next attempt
        provider.auth().jWKSet();
      }
      throw invalidIdToken("the provider's answer held no ID token that verifies against its signing keys");
    }
    OidcSettings settings = provider.settings();
    try {
      rules.claims(claims, settings.issuerId(), settings.clientId());
    } catch (TokenRules.Refused refused) {
      throw invalidIdToken(refused.getMessage());
    }
    long exp = claims.getLong("exp");
    if (!clock.instant().isBefore(Instant.ofEpochSecond(exp))) {
      // within the leeway the token is still good, but a session ending at its exp would be over already
      throw invalidIdToken("it expired at " + Instant.ofEpochSecond(exp) + ", leaving no time for a session");
    }
    Object nonce = claims.getValue("nonce");
    if (!(nonce instanceof String sent) || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        tx.nonce().getBytes(StandardCharsets.UTF_8))) {
      throw new AuthRefusal(401, "NONCE_MISMATCH", "the ID token does not belong to this sign-in (its nonce "
          + "differs from the one this browser sent)");
    }
    String subject = claims.getValue("sub") instanceof String sub ? sub : null;
    if (subject == null) {
      throw invalidIdToken("it names no subject (sub)");
    }
    Object claim = claims.getValue(settings.actorClaim());
    Actor actor = claim instanceof String name ? actors.actorFor(name) : null;
    if (actor == null) {
      throw new AuthRefusal(403, "NO_ACTOR", "you signed in as '" + subject + "', but " + (claim instanceof String
          ? "its " + settings.actorClaim() + " '" + claim + "' is" : "its ID token has no '" + settings.actorClaim()
          + "' claim, so it is") + " no actor of this scenario; ask for it to be added to an actor's identities");
    }
    return sessions.open(subject, (String) claim, Instant.ofEpochSecond(exp));
  }

  private void logout(RoutingContext rc, URI publicUrl) {
    HttpServerRequest request = rc.request();
    boolean secure = secure(publicUrl);
    Cookie cookie = request.getCookie(SessionLookup.COOKIE);
    Session session;
    try {
      if (cookie == null || cookie.getValue().isEmpty()) {
        throw SessionCookies.unauthenticated("there is no session to sign out of");
      }
      session = sessions.valid(cookie.getValue());
      OriginCheck.check(request.method().name(), Identity.Via.SESSION, request.getHeader("Origin"),
          origin(publicUrl));
    } catch (AuthRefusal refusal) {
      if (refusal.status() == 401) {
        rc.response().addCookie(SessionCookies.cleared(secure));
      }
      rc.fail(refusal);
      return;
    }
    revocations.revoke(session.id(), session.expiresAt()).onSuccess(revoked -> {
      rc.vertx().eventBus().publish(SIGNED_OUT, session.id());
      rc.response().addCookie(SessionCookies.cleared(secure));
      if (wantsPage(request)) {
        redirect(rc, 303, base(publicUrl) + "/");
        return;
      }
      JsonObject answer = new JsonObject().put("signedOut", true).put("login", LOGIN);
      String endSession = provider.metadata() == null ? null : provider.metadata().getLogoutPath();
      if (endSession != null) {
        answer.put("idpLogout", endSession + (endSession.contains("?") ? "&" : "?") + "client_id="
            + encode(provider.settings().clientId()) + "&post_logout_redirect_uri=" + encode(base(publicUrl) + "/"));
      }
      rc.response().putHeader("Content-Type", "application/json; charset=utf-8").putHeader("Cache-Control", "no-store")
          .end(answer.encode());
    }).onFailure(rc::fail);
  }

  /** A person's browser navigating gets a page; a script gets the JSON error. */
  private static void refuse(RoutingContext rc, AuthRefusal refusal) {
    if (!wantsPage(rc.request())) {
      rc.fail(refusal);
      return;
    }
    rc.response().setStatusCode(refusal.status())
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .end(LoginPages.refusal(refusal));
  }

  private static boolean wantsPage(HttpServerRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("text/html");
  }

  private static void redirect(RoutingContext rc, int status, String location) {
    HttpServerResponse response = rc.response();
    response.setStatusCode(status).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }

  /** The transaction's cookie: only the /auth routes read it, and a cross-site top-level GET (the callback) carries it. */
  static Cookie loginCookie(String value, boolean secure, long maxAge) {
    return Cookie.cookie(LoginTransaction.COOKIE, value).setPath("/auth").setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX).setSecure(secure).setMaxAge(maxAge);
  }

  static String callbackUri(URI publicUrl) {
    return base(publicUrl) + CALLBACK;
  }

  /** The public URL without a trailing slash, so paths append to it. */
  static String base(URI publicUrl) {
    String text = publicUrl.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  static boolean secure(URI publicUrl) {
    return "https".equalsIgnoreCase(publicUrl.getScheme());
  }

  static String origin(URI publicUrl) {
    return publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
  }

  private static AuthRefusal invalidIdToken(String why) {
    return new AuthRefusal(401, "INVALID_ID_TOKEN", "the identity provider's ID token is refused: " + why);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
