package io.bfg.console.auth;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionKeysTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  Path dataDir;

  @Test
  @DisplayName("CONSOLE_SESSION_KEY wins; a key file's text is base64 of exactly 32 bytes, else it says how to make one")
  void configured() throws Exception {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    assertThat(SessionKeys.resolve(key, "secret", dataDir, RANDOM)).isEqualTo(key);
    assertThatThrownBy(() -> SessionKeys.parse(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("16 bytes").hasMessageContaining("openssl rand -base64 32");
    assertThatThrownBy(() -> SessionKeys.parse("not base64!")).hasMessageContaining("not base64");
    assertThat(dataDir.resolve(SessionKeys.KEY_FILE)).doesNotExist();
  }

  @Test
  @DisplayName("Without it, HKDF-SHA256 of the client secret: the same secret gives the same key, another another")
  void derived() throws Exception {
    byte[] key = SessionKeys.resolve(null, "probe-secret", dataDir, RANDOM);
    assertThat(key).hasSize(32).isEqualTo(SessionKeys.derive("probe-secret"))
        .isNotEqualTo(SessionKeys.derive("other-secret"));
    // RFC 5869 (no salt), computed independently with: openssl kdf -keylen 32 -kdfopt digest:SHA256
    //   -kdfopt key:probe-secret -kdfopt info:"integration-console session v1" HKDF
    assertThat(HexFormat.of().formatHex(key))
        .isEqualTo("b7f46e82d54895cc028fea3c4afaee098f46422587bd01c9c68d14764ea49256");
    assertThat(dataDir.resolve(SessionKeys.KEY_FILE)).doesNotExist();
  }

  @Test
  @DisplayName("Without either, a random key is made once into <data dir>/session.key, owner-only, and read back after")
  void fromFile() throws Exception {
    byte[] first = SessionKeys.resolve(null, null, dataDir, RANDOM);
    Path file = dataDir.resolve(SessionKeys.KEY_FILE);
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(SessionKeys.resolve(null, null, dataDir, RANDOM)).isEqualTo(first);
    assertThat(SessionKeys.resolve(null, null, Files.createDirectory(dataDir.resolve("other")), RANDOM))
        .isNotEqualTo(first);
  }
}
