package io.bfg.console.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.ApiClient.DRIVER;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/actions: what the acting actor may do now, as the server's own rules (ActorActions) say. */
@ExtendWith(VertxExtension.class)
@DisplayName("The actions API")
class ActionsApiTest {

  @TempDir
  Path dataDir;
  RunningConsole console;
  ApiClient api;

  @BeforeEach
  void startConsole(Vertx vertx) {
    console = RunningConsole.bfg(vertx, dataDir);
    api = console.api();
  }

  @AfterEach
  void stopConsole() {
    console.stop();
  }

  private JsonObject action(JsonObject body, String target) {
    return body.getJsonArray("actions").stream().map(JsonObject.class::cast)
        .filter(a -> target.equals(a.getString("target"))).findFirst().orElseThrow(() -> new AssertionError(target));
  }

  @Test
  @DisplayName("names the actor and the seq, offers what the server takes and refuses the rest with what to satisfy first")
  void listsWhatTheActorMayDo() {
    JsonObject body = api.get("/api/actions", ANNA).ok();
    assertThat(body.getString("actor")).isEqualTo(ANNA);
    assertThat(body.getLong("seq")).isEqualTo(api.evaluation().getLong("seq"));
    assertThat(action(body, "connection").getString("state")).isEqualTo("AVAILABLE");
    JsonObject dryRun = action(body, "dry-run");
    assertThat(dryRun.getString("state")).isEqualTo("REFUSED");
    assertThat(dryRun.getString("reason")).isEqualTo("DEPENDENCY_UNMET");
    assertThat(dryRun.getString("blockedBy")).isEqualTo("connection");
    assertThat(action(body, "selection.live-wiring").getString("state")).isEqualTo("REFUSED");

    // What it offers is what the server takes: the sign-off is accepted, and then it is DONE.
    assertThat(action(body, "selection.live-provider").getString("state")).isEqualTo("AVAILABLE");
    assertThat(api.accept(ANNA, "selection.live-provider").status()).isEqualTo(200);
    JsonObject after = api.get("/api/actions", ANNA).ok();
    assertThat(action(after, "selection.live-provider").getString("state")).isEqualTo("DONE");
    assertThat(after.getLong("seq")).isGreaterThan(body.getLong("seq"));
  }

  @Test
  @DisplayName("an actor who owns nothing and may run nothing gets an empty list; no actor gets 401")
  void readOnlyActorsAndStrangers() {
    assertThat(api.get("/api/actions", DRIVER).ok().getJsonArray("actions")).isEmpty();
    api.get("/api/actions").error(401, "UNAUTHENTICATED");
  }
}
