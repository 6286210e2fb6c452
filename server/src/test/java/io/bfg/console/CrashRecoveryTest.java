package io.bfg.console;

import io.bfg.console.http.ApiClient;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.ApiClient.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console process killed with SIGKILL cannot stop the embedded PostgreSQL it started: the server
 * keeps running on the data directory, holding its lock file and port. The next console on that
 * directory must recover by itself, and stop what it started when it is stopped.
 */
@DisplayName("After kill -9 of a console")
class CrashRecoveryTest {

  @TempDir
  Path temp;

  private Map<String, String> env(Path data) {
    Map<String, String> env = new HashMap<>();
    env.put("CONSOLE_PORT", "0");
    env.put("CONSOLE_DATA_DIR", data.toString());
    env.put("CONSOLE_SCENARIO", RunningConsole.BFG.toAbsolutePath().toString());
    env.put("CONSOLE_WEB_DIR", Path.of("web").toAbsolutePath().toString());
    return env;
  }

  @Test
  @DisplayName("in the middle of a dry-run, a new console on the same data dir passes the connection check and leaves no PostgreSQL behind when stopped (nor any file outside its data dir)")
  void killedMidDryRun() throws Exception {
    Path data = temp.resolve("data");
    Path postmasterPid = data.resolve("target-pg/pgdata/postmaster.pid");
    long orphan;
    try (MainTest.Child first = MainTest.Child.serve(temp.resolve("first"), env(data))) {
      ApiClient api = new ApiClient("http://127.0.0.1:" + first.awaitListening());
      assertThat(api.awaitRun(api.startPipeline("connection", ANNA)).getString("status")).isEqualTo("PASSED");
      String dryRun = api.startPipeline("dry-run", ANNA);
      awaitStepRunning(api, dryRun);

      first.kill();

      orphan = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
      assertThat(running(orphan)).as("the premise: the killed console's PostgreSQL is still running").isTrue();
    }

    // what the recovered console writes outside its data dir would land in its java.io.tmpdir
    Path tmp = Files.createDirectories(temp.resolve("tmp"));
    try (MainTest.Child second = MainTest.Child.serve(temp.resolve("second"), env(data),
        List.of("-Djava.io.tmpdir=" + tmp))) {
      ApiClient api = new ApiClient("http://127.0.0.1:" + second.awaitListening());
      JsonObject run = api.awaitRun(api.startPipeline("connection", ANNA));
      assertThat(run.getString("status")).as(run.encodePrettily()).isEqualTo("PASSED");
      assertThat(stepStatuses(run)).containsOnly("PASSED");
      assertThat(running(orphan)).as("the orphan was stopped").isFalse();
      long recovered = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());

      second.close();

      assertThat(second.isAlive()).isFalse();
      assertThat(running(recovered)).as("the recovered console stopped its PostgreSQL").isFalse();
      try (var left = Files.list(tmp)) {
        assertThat(left.toList()).as("files the console left outside its data dir").isEmpty();
      }
      assertThat(data.resolve("pg-binaries")).as("PostgreSQL's binaries are unpacked in the data dir").isDirectory();
    }
  }

  /** Alive and not a zombie (where PID 1 does not reap, an exited server lingers as one). */
  private static boolean running(long pid) throws java.io.IOException {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  private static void awaitStepRunning(ApiClient api, String runId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      JsonObject run = api.get("/api/pipelines/" + runId).ok();
      if (!"RUNNING".equals(run.getString("status"))) {
        throw new AssertionError("the dry-run finished before it could be interrupted: " + run.encode());
      }
      if (stepStatuses(run).contains("RUNNING")) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no dry-run step started within 60 s");
  }
}
