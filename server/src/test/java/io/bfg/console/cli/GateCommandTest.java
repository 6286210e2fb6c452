package io.bfg.console.cli;

import io.bfg.console.http.ApiClient;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gate --url URL}, the CI/CD go/no-go, asked of a real console over HTTP. */
@ExtendWith(VertxExtension.class)
@DisplayName("gate --url")
class GateCommandTest {

  @TempDir
  Path dataDir;
  private final List<RunningConsole> consoles = new ArrayList<>();

  @AfterEach
  void stopConsoles() {
    consoles.forEach(RunningConsole::stop);
  }

  private RunningConsole start(Vertx vertx, Path scenario) {
    RunningConsole console = RunningConsole.start(vertx, scenario, dataDir, Map.of());
    consoles.add(console);
    return console;
  }

  /** Exit code and everything printed by one run of the command. */
  record Run(int exit, String out, String err) {
  }

  private static Run gate(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = GateCommand.run(List.of(args), o, e);
    }
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Nested
  @DisplayName("against the BFG console")
  class AgainstBfg {

    @Test
    @DisplayName("exits 1 and prints NO-GO with the blocking decision and the next action")
    void noGo(Vertx vertx) {
      RunningConsole console = start(vertx, RunningConsole.BFG);

      Run run = gate("--url", console.base());

      assertThat(run.exit()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).contains("NO-GO: BLOCKED_PENDING_DRY_RUN", "2/9 gates ready").contains("next: ");
      assertThat(run.err()).isEmpty();
    }

    @Test
    @DisplayName("accepts a URL with a trailing slash")
    void trailingSlash(Vertx vertx) {
      RunningConsole console = start(vertx, RunningConsole.BFG);

      Run run = gate("--url", console.base() + "/");

      assertThat(run.exit()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).contains("NO-GO: BLOCKED_PENDING_DRY_RUN");
    }
  }

  @Nested
  @DisplayName("against a scenario its owners can complete")
  class AgainstACompletableScenario {

    @Test
    @DisplayName("exits 1 before the owners act, and 0 printing GO once they have signed off and decided over HTTP")
    void goAfterOwnersAct(Vertx vertx) {
      RunningConsole console = start(vertx, RunningConsole.fixture("http-go"));
      ApiClient api = console.api();

      Run before = gate("--url", console.base());
      assertThat(before.exit()).as(before.toString()).isEqualTo(1);
      assertThat(before.out()).startsWith("NO-GO: ");

      api.accept("user_ops", "signoffs.schema").ok();
      api.accept("user_owner", "signoffs.rollback").ok();
      assertThat(gate("--url", console.base()).exit()).as("GO before the hosting decision").isEqualTo(1);
      api.decide("user_owner", "hosting.provider", "managed-eu").ok();

      Run after = gate("--url", console.base(), "--require", "GO");
      assertThat(after.exit()).as(after.toString()).isZero();
      assertThat(after.out()).startsWith("GO").contains("3/3 gates ready", "seq 3");
      assertThat(after.err()).isEmpty();

      api.revoke("user_owner", "hosting.provider").ok();
      assertThat(gate("--url", console.base()).exit()).as("after the decision is revoked").isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("against a console whose audit trail cannot be trusted")
  class UntrustedTrail {

    /**
     * Moves the {@code at} of the given (1-based) journal line one day on: still a well-formed event,
     * but its hash no longer matches its content.
     */
    private void tamper(Path journal, int line) throws IOException {
      List<String> lines = new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
      JsonObject event = new JsonObject(lines.get(line - 1));
      event.put("at", Instant.parse(event.getString("at")).plus(Duration.ofDays(1)).toString());
      lines.set(line - 1, event.encode());
      Files.writeString(journal, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("exits 3 naming the first bad event and the problem, with no verdict, when a middle event was edited")
    void brokenChain(Vertx vertx) throws IOException {
      RunningConsole console = start(vertx, RunningConsole.BFG);
      ApiClient api = console.api();
      api.accept(ApiClient.ANNA, "cutover.contracts-frozen").ok();
      api.accept(ApiClient.MAREK, "cutover.role-headers").ok();
      api.decide(ApiClient.ANNA, "infra.region", "eu-central-pl").ok();
      assertThat(gate("--url", console.base()).exit()).as("the intact console").isEqualTo(1);
      Path journal = console.journal();
      console.stop();
      tamper(journal, 2);
      console.restart();

      Run run = gate("--url", console.base());

      assertThat(run.exit()).as(run.toString()).isEqualTo(3);
      assertThat(run.err()).startsWith("gate: ").contains("audit chain", "broken at event 2",
          "hash does not match its content");
      assertThat(run.err().lines()).as("one line").hasSize(1);
      assertThat(run.out()).as("no GO/NO-GO verdict").isEmpty();
    }

    @Test
    @DisplayName("exits 3 naming the problem, with no verdict, when /health answers 503 DEGRADED")
    void degraded(Vertx vertx) {
      HttpServer degraded = RunningConsole.await(vertx.createHttpServer().requestHandler(request -> {
        switch (request.path()) {
          case "/health" -> request.response().setStatusCode(503).putHeader("content-type", "application/json")
              .end("{\"status\":\"DEGRADED\",\"problem\":\"the store does not answer: connection refused\"}");
          case "/api/audit/verify" -> request.response().putHeader("content-type", "application/json")
              .end("{\"valid\":true,\"length\":0,\"head\":\"0\",\"firstBad\":null,\"problem\":null}");
          default -> request.response().setStatusCode(500).end();
        }
      }).listen(0, "127.0.0.1"));
      try {
        Run run = gate("--url", "http://127.0.0.1:" + degraded.actualPort());

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).startsWith("gate: ").contains("DEGRADED", "the store does not answer: connection refused");
        assertThat(run.out()).as("no GO/NO-GO verdict").isEmpty();
      } finally {
        RunningConsole.await(degraded.close());
      }
    }
  }

  @Nested
  @DisplayName("when it cannot ask")
  class WhenItCannotAsk {

    @Test
    @DisplayName("exits 3 when nothing listens at the URL")
    void unreachable() throws IOException {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }

      Run run = gate("--url", "http://127.0.0.1:" + port, "--timeout", "2");

      assertThat(run.exit()).as(run.toString()).isEqualTo(3);
      assertThat(run.err()).contains("gate: ").contains("127.0.0.1:" + port);
      assertThat(run.out()).isEmpty();
    }

    @Test
    @DisplayName("exits 3 when the URL answers something other than 200")
    void notAConsole(Vertx vertx) {
      RunningConsole console = start(vertx, RunningConsole.BFG);

      Run run = gate("--url", console.base() + "/api/nothing-here");

      assertThat(run.exit()).as(run.toString()).isEqualTo(3);
      assertThat(run.err()).contains("HTTP 404");
    }

    @Test
    @DisplayName("exits 2 without --url, saying it is required")
    void noUrl() {
      Run run = gate();

      assertThat(run.exit()).as(run.toString()).isEqualTo(2);
      assertThat(run.err()).contains("--url");
    }

    @Test
    @DisplayName("exits 2 for a --timeout that is not a whole number")
    void badTimeout() {
      Run run = gate("--url", "http://127.0.0.1:9", "--timeout", "soon");

      assertThat(run.exit()).as(run.toString()).isEqualTo(2);
      assertThat(run.err()).contains("--timeout");
    }

    @Test
    @DisplayName("exits 2 for a --require other than GO")
    void unknownRequirement() {
      Run run = gate("--url", "http://127.0.0.1:9", "--require", "REVIEW");

      assertThat(run.exit()).as(run.toString()).isEqualTo(2);
      assertThat(run.err()).contains("--require");
    }
  }
}
