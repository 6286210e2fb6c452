package io.bfg.console.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journal the console recorded (connection check, three sign-offs, a decision, one more sign-off) while
 * the flagship's Polish was typed without diacritics, replayed by the console as it is now: the chain
 * verifies and no sign-off went stale because the texts are now written properly.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("A journal recorded before the Polish got its diacritics")
class JournalBeforeDiacriticsTest {

  private static final String RESOURCE = "/journals/before-diacritics/bfg-flowcontrol/";

  @TempDir
  Path dataDir;
  RunningConsole console;

  @AfterEach
  void stop() {
    if (console != null) {
      console.stop();
    }
  }

  @Test
  @DisplayName("verifies, and every sign-off and decision in it is still READY and not stale")
  void replays(Vertx vertx) throws IOException {
    Path journal = dataDir.resolve("bfg-flowcontrol");
    Files.createDirectories(journal);
    for (String file : new String[] {"audit.ndjson", "audit.ndjson.head"}) {
      try (InputStream in = getClass().getResourceAsStream(RESOURCE + file)) {
        assertThat(in).as(RESOURCE + file).isNotNull();
        Files.copy(in, journal.resolve(file));
      }
    }
    console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, Map.of());
    ApiClient api = new ApiClient(console.base());

    JsonObject verify = api.verify();
    assertThat(verify.getBoolean("valid")).as("chain %s", verify).isTrue();
    assertThat(verify.getInteger("length")).isEqualTo(6);

    for (String lang : new String[] {"en", "pl"}) {
      JsonObject evaluation = api.get("/api/evaluation?lang=" + lang).ok();
      for (String id : new String[] {"cutover.contracts-frozen", "selection.live-provider", "cutover.role-headers",
          "infra.region", "cutover.migration-rollback"}) {
        JsonObject check = ApiClient.check(evaluation, id);
        assertThat(check.getString("status")).as("%s (%s): %s", id, lang, check).isEqualTo("READY");
        assertThat(check.getJsonObject("signOff").getBoolean("stale")).as("%s stale", id).isFalse();
      }
    }
    assertThat(ApiClient.check(api.get("/api/evaluation?lang=pl").ok(), "cutover.contracts-frozen").getString("label"))
        .as("read with the texts as they are now").isEqualTo("Kontrakty zamrożone");
  }
}
