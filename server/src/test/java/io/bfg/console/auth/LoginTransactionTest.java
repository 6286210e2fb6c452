package io.bfg.console.auth;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginTransactionTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  @DisplayName("A transaction has random state and nonce, a 43-character verifier, and lives 10 minutes")
  void fresh() {
    LoginTransaction tx = LoginTransaction.start("/checks?x=1", NOW, RANDOM);
    LoginTransaction other = LoginTransaction.start("/", NOW, RANDOM);
    assertThat(tx.verifier()).matches("[A-Za-z0-9_-]{43}");
    assertThat(tx.state()).isNotEqualTo(other.state()).isNotEqualTo(tx.nonce()).hasSizeGreaterThanOrEqualTo(22);
    assertThat(tx.nonce()).isNotEqualTo(other.nonce());
    assertThat(tx.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    assertThat(tx.returnPath()).isEqualTo("/checks?x=1");
  }

  @Test
  @DisplayName("The challenge is RFC 7636's S256 of the verifier (its appendix B example)")
  void s256() {
    LoginTransaction tx = new LoginTransaction("s", "n", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "/", NOW);
    assertThat(tx.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  @DisplayName("Only a path on this console is a return path; anything else returns to /")
  void returnPath() {
    assertThat(LoginTransaction.safeReturnPath("/api/evaluation?lang=pl#frag")).isEqualTo("/api/evaluation?lang=pl");
    assertThat(LoginTransaction.safeReturnPath(null)).isEqualTo("/");
    for (String bad : new String[] {"https://evil.example/", "//evil.example/x", "/\\evil.example", "evil",
        "", "/a b", "/x\r\nSet-Cookie: a=b", "javascript:alert(1)"}) {
      assertThat(LoginTransaction.safeReturnPath(bad)).as(bad).isEqualTo("/");
    }
  }

  @Test
  @DisplayName("A sealed transaction opens with the key that sealed it, and not with another or altered")
  void sealed() {
    CookieSeal seal = new CookieSeal(new byte[32], RANDOM);
    LoginTransaction tx = LoginTransaction.start("/x", NOW, RANDOM);
    String sealed = tx.seal(seal);
    assertThat(LoginTransaction.open(seal, sealed)).isEqualTo(tx);
    byte[] other = new byte[32];
    other[0] = 1;
    assertThat(LoginTransaction.open(new CookieSeal(other, RANDOM), sealed)).isNull();
    assertThat(LoginTransaction.open(seal, sealed.substring(0, sealed.length() - 2))).isNull();
    assertThat(LoginTransaction.open(seal, null)).isNull();
  }
}
