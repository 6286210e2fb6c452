package io.bfg.console.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.Runtime;
import io.bfg.console.scenario.ScenarioLoader;
import io.bfg.console.store.ChainVerification;
import io.bfg.console.store.FileLocalStore;
import io.bfg.console.store.ScenarioStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A change in flight (what the copilot's answers wait for)")
class ChangesInFlightTest {

  @TempDir
  Path dir;
  private Vertx vertx;

  @AfterEach
  void close() {
    if (vertx != null) {
      RunningConsole.await(vertx.close());
    }
  }

  @Test
  @DisplayName("counts a command from its submission until the store has it and the state is applied, refused ones too")
  void commandIsInFlightUntilApplied() {
    vertx = Vertx.vertx();
    HeldStore store = new HeldStore(new FileLocalStore(vertx, dir.resolve("audit.ndjson"), Clock.systemUTC()));
    ScenarioLoader.Loaded bfg = ScenarioLoader.load(RunningConsole.BFG);
    ReadinessService service = new ReadinessService(bfg.scenario(), bfg.snapshot(),
        new Runtime(store.adapter(), "mock-auth-header", false), store, vertx.eventBus());
    RunningConsole.await(service.start(vertx));
    assertThat(service.changesInFlight().any()).as("nothing submitted yet").isFalse();

    Promise<Void> release = Promise.promise();
    store.hold = release.future();
    Future<ReadinessService.CommandResult> accepted = service.accept(service.actor("user_md_anna"),
        "cutover.contracts-frozen");
    assertThat(service.changesInFlight().any()).as("the append is still on its way").isTrue();

    release.complete();
    assertThat(RunningConsole.await(accepted).changed()).isTrue();
    assertThat(service.changesInFlight().any()).as("applied").isFalse();

    store.hold = null;
    assertThatThrownBy(() -> RunningConsole.await(service.accept(service.actor("user_md_anna"), "no.such-check")))
        .isNotNull();
    assertThat(service.changesInFlight().any()).as("a refused command is not left in flight").isFalse();
  }

  @Test
  @DisplayName("counts work run during it, even when that work throws")
  void duringEndsOnFailure() {
    ChangesInFlight changes = new ChangesInFlight();
    changes.during(() -> assertThat(changes.any()).isTrue());
    assertThatThrownBy(() -> changes.during(() -> {
      throw new IllegalStateException("a subscriber's write failed");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(changes.any()).isFalse();
  }

  /** A file-local store whose appends wait for {@code hold} when it is set. */
  private static final class HeldStore implements ScenarioStore {
    private final ScenarioStore store;
    volatile Future<Void> hold;

    HeldStore(ScenarioStore store) {
      this.store = store;
    }

    @Override
    public Future<List<AuditEvent>> load() {
      return store.load();
    }

    @Override
    public Future<AuditEvent> append(String type, String actor, ObjectNode payload) {
      Future<Void> before = hold;
      return before == null ? store.append(type, actor, payload)
          : before.compose(ignored -> store.append(type, actor, payload));
    }

    @Override
    public Future<ChainVerification> verify() {
      return store.verify();
    }

    @Override
    public Future<ChainVerification> checkHead() {
      return store.checkHead();
    }

    @Override
    public String adapter() {
      return store.adapter();
    }

    @Override
    public Future<Void> close() {
      return store.close();
    }
  }
}
