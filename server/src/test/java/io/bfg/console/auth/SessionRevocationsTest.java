package io.bfg.console.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRevocationsTest {

  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
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

  private SessionRevocations load(Instant now) {
    return await(SessionRevocations.load(vertx, dataDir, Clock.fixed(now, ZoneOffset.UTC)));
  }

  @Test
  @DisplayName("A revocation is on disk when it is answered, survives a reload, and is dropped once it expired")
  void persistedAndPruned() throws Exception {
    SessionRevocations first = load(NOW);
    assertThat(await(first.revoke("short", NOW.plusSeconds(60)))).isTrue();
    assertThat(await(first.revoke("long", NOW.plusSeconds(3600)))).isTrue();
    assertThat(await(first.revoke("long", NOW.plusSeconds(3600)))).as("revoked twice").isFalse();
    assertThat(first.isRevoked("short")).isTrue();
    assertThat(first.isRevoked("other")).isFalse();
    Path file = dataDir.resolve(SessionRevocations.FILE);
    assertThat(Files.readAllLines(file)).containsExactly("short " + NOW.plusSeconds(60).getEpochSecond(),
        "long " + NOW.plusSeconds(3600).getEpochSecond());
    await(first.close());

    SessionRevocations again = load(NOW.plusSeconds(30));
    assertThat(again.isRevoked("short")).isTrue();
    assertThat(again.isRevoked("long")).isTrue();
    await(again.close());

    SessionRevocations later = load(NOW.plusSeconds(120));
    assertThat(later.isRevoked("short")).isFalse();
    assertThat(later.isRevoked("long")).isTrue();
    assertThat(Files.readAllLines(file)).containsExactly("long " + NOW.plusSeconds(3600).getEpochSecond());
    await(later.close());
  }

  @Test
  @DisplayName("A line cut short by a crash is skipped; the entries before it still hold")
  void tornLine() throws Exception {
    Files.writeString(dataDir.resolve(SessionRevocations.FILE),
        "kept " + NOW.plusSeconds(60).getEpochSecond() + "\ntorn 17", StandardCharsets.UTF_8);
    Files.writeString(dataDir.resolve(SessionRevocations.FILE), "\nhalf", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    SessionRevocations revocations = load(NOW);
    assertThat(revocations.isRevoked("kept")).isTrue();
    assertThat(revocations.isRevoked("half")).isFalse();
    assertThat(await(revocations.revoke("next", NOW.plusSeconds(60)))).isTrue();
    await(revocations.close());
    assertThat(load(NOW).isRevoked("next")).isTrue();
  }
}
