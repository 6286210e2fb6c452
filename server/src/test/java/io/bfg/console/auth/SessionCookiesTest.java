package io.bfg.console.auth;

import io.bfg.console.model.Actor;
import io.bfg.console.model.Label;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCookiesTest {

  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  private static final String ISSUER = "http://localhost:1/bfg";
  private static final Actor MAREK = new Actor("user_dispatcher_marek", "Marek", "dispatcher",
      null, "ops", List.of("check.accept"), null, List.of("marek@idp.example"));
  private static final SecureRandom RANDOM = new SecureRandom();

  private static Vertx vertx;
  @TempDir
  Path dataDir;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] key(int fill) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) fill);
    return key;
  }

  private SessionCookies cookies(byte[] key, Instant now) {
    SessionRevocations revocations = await(SessionRevocations.load(vertx, dataDir, Clock.fixed(now, ZoneOffset.UTC)));
    return cookies(key, now, revocations);
  }

  private static SessionCookies cookies(byte[] key, Instant now, SessionRevocations revocations) {
    return new SessionCookies(new CookieSeal(key, RANDOM), revocations,
        claim -> MAREK.knownAs(claim) ? MAREK : null, ISSUER, Clock.fixed(now, ZoneOffset.UTC), RANDOM);
  }

  private static AuthRefusal refusal(Future<Identity> identity) {
    assertThat(identity.failed()).as("refused").isTrue();
    assertThat(identity.cause()).isInstanceOf(AuthRefusal.class);
    return (AuthRefusal) identity.cause();
  }

  @Test
  @DisplayName("A sealed session opens again as the same session and identifies its actor via SESSION")
  void roundTrip() {
    SessionCookies cookies = cookies(key(1), NOW);
    Session session = cookies.open("sub-123", "marek@idp.example", NOW.plusSeconds(600));
    String sealed = cookies.seal(session);

    assertThat(sealed).startsWith("v1.").doesNotContain("sub-123").doesNotContain("marek");
    assertThat(cookies.read(sealed)).isEqualTo(session);
    assertThat(session.id()).hasSize(22);
    Identity identity = await(cookies.identify(sealed));
    assertThat(identity).isEqualTo(new Identity(MAREK, "sub-123", ISSUER, NOW.plusSeconds(600),
        Identity.Via.SESSION, session.id()));
  }

  @Test
  @DisplayName("Each seal uses a fresh IV: the same session sealed twice gives two different cookies")
  void freshIv() {
    SessionCookies cookies = cookies(key(1), NOW);
    Session session = cookies.open("sub-123", "marek@idp.example", NOW.plusSeconds(600));
    assertThat(cookies.seal(session)).isNotEqualTo(cookies.seal(session));
  }

  @Test
  @DisplayName("Changing any single byte of a sealed cookie makes it unreadable: 401 UNAUTHENTICATED")
  void tamperAnyByte() {
    SessionCookies cookies = cookies(key(1), NOW);
    String sealed = cookies.seal(cookies.open("sub-123", "user_dispatcher_marek", NOW.plusSeconds(600)));
    byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(3));
    for (int i = 0; i < raw.length; i++) {
      byte[] tampered = raw.clone();
      tampered[i] ^= 0x01;
      String forged = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
      AuthRefusal refusal = refusal(cookies.identify(forged));
      assertThat(refusal.status()).as("byte %d", i).isEqualTo(401);
      assertThat(refusal.code()).isEqualTo("UNAUTHENTICATED");
    }
    assertThat(refusal(cookies.identify(sealed.substring(0, sealed.length() - 1))).status()).isEqualTo(401);
    assertThat(refusal(cookies.identify("v2" + sealed.substring(2))).status()).isEqualTo(401);
    assertThat(refusal(cookies.identify("garbage")).status()).isEqualTo(401);
    assertThat(refusal(cookies.identify("")).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("A cookie sealed with another key is refused; one sealed with the same key opens on another console")
  void otherKey() {
    SessionCookies first = cookies(key(1), NOW);
    String sealed = first.seal(first.open("sub-123", "user_dispatcher_marek", NOW.plusSeconds(600)));

    assertThat(refusal(cookies(key(2), NOW).identify(sealed)).getMessage()).contains("cannot be read");
    assertThat(await(cookies(key(1), NOW).identify(sealed)).actor()).isEqualTo(MAREK);
  }

  @Test
  @DisplayName("A login transaction's cookie never opens as a session, though the same key sealed both")
  void cookieNameIsBound() {
    CookieSeal seal = new CookieSeal(key(1), RANDOM);
    String sealed = seal.seal(LoginTransaction.COOKIE, "{\"sid\":\"x\",\"act\":\"user_dispatcher_marek\","
        .concat("\"sub\":\"s\",\"iss\":\"" + ISSUER + "\",\"exp\":9999999999,\"iat\":0}").getBytes(StandardCharsets.UTF_8));
    assertThat(seal.open(LoginTransaction.COOKIE, sealed)).isNotNull();
    assertThat(refusal(cookies(key(1), NOW).identify(sealed)).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("A session whose expiry has passed is refused with 'session expired'")
  void expired() {
    String sealed = cookies(key(1), NOW).seal(cookies(key(1), NOW)
        .open("sub-123", "user_dispatcher_marek", NOW.plusSeconds(60)));

    assertThat(await(cookies(key(1), NOW.plusSeconds(59)).identify(sealed)).actor()).isEqualTo(MAREK);
    AuthRefusal refusal = refusal(cookies(key(1), NOW.plusSeconds(60)).identify(sealed));
    assertThat(refusal.status()).isEqualTo(401);
    assertThat(refusal.getMessage()).contains("session expired");
  }

  @Test
  @DisplayName("A signed-out session is refused with 'signed out'")
  void revoked() {
    SessionRevocations revocations = await(SessionRevocations.load(vertx, dataDir, Clock.fixed(NOW, ZoneOffset.UTC)));
    SessionCookies cookies = cookies(key(1), NOW, revocations);
    Session session = cookies.open("sub-123", "user_dispatcher_marek", NOW.plusSeconds(600));
    String sealed = cookies.seal(session);
    assertThat(await(cookies.identify(sealed)).actor()).isEqualTo(MAREK);

    assertThat(await(revocations.revoke(session.id(), session.expiresAt()))).isTrue();
    AuthRefusal refusal = refusal(cookies.identify(sealed));
    assertThat(refusal.status()).isEqualTo(401);
    assertThat(refusal.code()).isEqualTo("UNAUTHENTICATED");
    assertThat(refusal.getMessage()).contains("signed out");
    await(revocations.close());
  }

  @Test
  @DisplayName("A session from another issuer is refused, though sealed with the same key")
  void otherIssuer() {
    SessionCookies cookies = cookies(key(1), NOW);
    Session foreign = new Session("id", "sub-123", "http://evil.example", "user_dispatcher_marek",
        NOW.plusSeconds(600), NOW);
    assertThat(refusal(cookies.identify(cookies.seal(foreign))).getMessage()).contains("another issuer");
  }

  @Test
  @DisplayName("A session whose claim maps to no actor any more gets 403 NO_ACTOR naming the subject")
  void noActorNow() {
    SessionCookies cookies = cookies(key(1), NOW);
    String sealed = cookies.seal(cookies.open("sub-gone", "gone@idp.example", NOW.plusSeconds(600)));
    AuthRefusal refusal = refusal(cookies.identify(sealed));
    assertThat(refusal.status()).isEqualTo(403);
    assertThat(refusal.code()).isEqualTo("NO_ACTOR");
    assertThat(refusal.getMessage()).contains("sub-gone");
  }

  @Test
  @DisplayName("The session's Set-Cookie is HttpOnly, SameSite=Lax, Path=/, kept until expiry, Secure under https")
  void cookieAttributes() {
    SessionCookies cookies = cookies(key(1), NOW);
    Session session = cookies.open("sub-123", "user_dispatcher_marek", NOW.plusSeconds(600));

    String plain = cookies.cookie(session, false).encode();
    assertThat(plain).startsWith("console_session=v1.").contains("; Path=/").contains("; Max-Age=600")
        .contains("; HTTPOnly").contains("; SameSite=Lax").doesNotContain("Secure");
    assertThat(cookies.cookie(session, true).encode()).contains("; Secure");
    Cookie cleared = SessionCookies.cleared(true);
    assertThat(cleared.encode()).contains("Max-Age=0").contains("; Path=/").contains("; Secure");
  }

  @Test
  @DisplayName("The login transaction's Set-Cookie is HttpOnly, SameSite=Lax, Path=/auth only, Secure under https")
  void loginCookieAttributes() {
    String https = LoginRoutes.loginCookie("v1.x", LoginRoutes.secure(java.net.URI.create("https://console.example")),
        600).encode();
    assertThat(https).contains("; Path=/auth").contains("; Max-Age=600").contains("; HTTPOnly")
        .contains("; SameSite=Lax").contains("; Secure");
    assertThat(LoginRoutes.loginCookie("v1.x", LoginRoutes.secure(java.net.URI.create("http://127.0.0.1:8080")), 600)
        .encode()).doesNotContain("Secure");
  }
}
