package io.bfg.console;

import io.bfg.console.http.RunningConsole;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Main} as an operator or a script runs it: a child JVM on this test's class path, configured
 * only through CONSOLE_* environment variables and its arguments, judged by its exit code and what
 * it prints.
 */
@DisplayName("Main")
class MainTest {

  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:/]+:(\\d+)");

  @TempDir
  Path temp;

  /** One console process; its output goes to files so a full pipe can never stall it. */
  static final class Child implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private Child(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    static Child serve(Path dir, Map<String, String> environment) throws IOException {
      return start(dir, environment, List.of(), List.of("serve"));
    }

    /** A console whose JVM also gets {@code jvmOptions}, e.g. {@code -Djava.io.tmpdir=...}. */
    static Child serve(Path dir, Map<String, String> environment, List<String> jvmOptions) throws IOException {
      return start(dir, environment, jvmOptions, List.of("serve"));
    }

    /** {@code Main} with these arguments, e.g. {@code watch --url ...}. */
    static Child start(Path dir, Map<String, String> environment, List<String> args) throws IOException {
      return start(dir, environment, List.of(), args);
    }

    private static Child start(Path dir, Map<String, String> environment, List<String> jvmOptions, List<String> args)
        throws IOException {
      Files.createDirectories(dir);
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1"));
      command.addAll(jvmOptions);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command);
      // only what the test sets: a CONSOLE_* of the developer's shell must not leak in
      builder.environment().keySet().removeIf(name -> name.startsWith("CONSOLE_"));
      builder.environment().putAll(environment);
      Path out = Files.createTempFile(dir, "stdout", ".txt");
      Path err = Files.createTempFile(dir, "stderr", ".txt");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      return new Child(builder.start(), out, err);
    }

    /** The whole lines printed so far (a long line may be half written while the process runs). */
    List<String> lines() {
      String text = stdout();
      return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
    }

    int exitCode() throws InterruptedException {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the console did not exit within 30 s; stdout: " + stdout() + " stderr: " + stderr());
      }
      return process.exitValue();
    }

    /** Waits for the start-up line and returns the port it names. */
    int awaitListening() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        Matcher matcher = LISTENING.matcher(stdout());
        if (matcher.find()) {
          return Integer.parseInt(matcher.group(1));
        }
        if (!process.isAlive()) {
          throw new AssertionError("the console exited with " + process.exitValue() + " before listening; stdout: "
              + stdout() + " stderr: " + stderr());
        }
        Thread.sleep(50);
      }
      throw new AssertionError("the console printed no 'listening on' within 30 s; stdout: " + stdout()
          + " stderr: " + stderr());
    }

    /** "exit N" once the process has ended, or "listening" once it serves: whichever comes first. */
    String awaitExitOrListening() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
          return "exit " + process.exitValue();
        }
        if (LISTENING.matcher(stdout()).find()) {
          return "listening";
        }
      }
      throw new AssertionError("the console neither exited nor listened within 30 s; stdout: " + stdout()
          + " stderr: " + stderr());
    }

    boolean isAlive() {
      return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing the process started is stopped by it. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the console did not die of SIGKILL within 30 s");
      }
    }

    String stdout() {
      return read(out);
    }

    String stderr() {
      return read(err);
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("CONSOLE_PORT", "0");
    env.put("CONSOLE_DATA_DIR", temp.resolve("data").toString());
    env.put("CONSOLE_SCENARIO", RunningConsole.BFG.toAbsolutePath().toString());
    env.put("CONSOLE_WEB_DIR", Path.of("web").toAbsolutePath().toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private Child serve(String name, Map<String, String> environment) throws IOException {
    return Child.serve(temp.resolve(name), environment);
  }

  private static void assertNoStackTrace(String output) {
    assertThat(output).doesNotContain("\tat ", "Exception in thread");
  }

  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Nested
  @DisplayName("refuses to start, with exit code 2 and a message naming the problem")
  class RefusesToStart {

    @Test
    @DisplayName("a scenario with a dependency cycle: stderr names the file, the path and the cycle, without a stack trace")
    void cycle() throws Exception {
      Path scenario = RunningConsole.fixture("http-cycle");
      try (Child child = serve("cycle", env("CONSOLE_SCENARIO", scenario.toString()))) {
        assertThat(child.exitCode()).as(child.stderr()).isEqualTo(2);
        String err = child.stderr();
        assertThat(err).contains(scenario.resolve("scenario.yaml").toString())
            .contains("groups[0]")
            .contains("cycle")
            .contains("ping -> pong -> ping");
        assertNoStackTrace(err);
        assertThat(child.stdout()).doesNotContain("listening on");
      }
    }

    @Test
    @DisplayName("a scenario folder that does not exist: stderr names the missing file")
    void missingScenario() throws Exception {
      Path nowhere = temp.resolve("no-such-scenario");
      try (Child child = serve("missing", env("CONSOLE_SCENARIO", nowhere.toString()))) {
        assertThat(child.exitCode()).as(child.stderr()).isEqualTo(2);
        assertThat(child.stderr()).contains(nowhere.resolve("scenario.yaml").toString(), "file not found");
        assertNoStackTrace(child.stderr());
      }
    }

    @Test
    @DisplayName("CONSOLE_PORT=abc: stderr names CONSOLE_PORT")
    void badPort() throws Exception {
      try (Child child = serve("port", env("CONSOLE_PORT", "abc"))) {
        assertThat(child.exitCode()).as(child.stderr()).isEqualTo(2);
        assertThat(child.stderr()).contains("CONSOLE_PORT", "abc");
        assertNoStackTrace(child.stderr());
      }
    }

    @Test
    @DisplayName("CONSOLE_HOST=0.0.0.0 under mock-auth-header: stderr names CONSOLE_HOST")
    void nonLoopbackHost() throws Exception {
      try (Child child = serve("host", env("CONSOLE_HOST", "0.0.0.0"))) {
        assertThat(child.exitCode()).as(child.stderr()).isEqualTo(2);
        assertThat(child.stderr()).contains("CONSOLE_HOST", "0.0.0.0");
        assertNoStackTrace(child.stderr());
      }
    }

    @Test
    @DisplayName("CONSOLE_AUTH=oidc without CONSOLE_OIDC_ISSUER: exit 2, stderr names CONSOLE_OIDC_ISSUER")
    void oidcWithoutIssuer() throws Exception {
      try (Child child = serve("oidc", env("CONSOLE_AUTH", "oidc", "CONSOLE_OIDC_CLIENT_SECRET", "never-printed"))) {
        assertThat(child.exitCode()).as(child.stderr()).isEqualTo(2);
        assertThat(child.stderr()).contains("CONSOLE_OIDC_ISSUER").doesNotContain("never-printed");
        assertNoStackTrace(child.stderr());
      }
    }

    @Test
    @DisplayName("CONSOLE_MAX_BODY_BYTES out of range: stderr names it")
    void bodyLimitOutOfRange() throws Exception {
      try (Child child = serve("body", env("CONSOLE_MAX_BODY_BYTES", "10"))) {
        assertThat(child.exitCode()).as(child.stderr()).isEqualTo(2);
        assertThat(child.stderr()).contains("CONSOLE_MAX_BODY_BYTES");
        assertNoStackTrace(child.stderr());
      }
    }
  }

  @Nested
  @DisplayName("starts")
  class Starts {

    @Test
    @DisplayName("with a good configuration: prints 'listening on' with its port and answers /health there")
    void goodStart() throws Exception {
      try (Child child = serve("good", env())) {
        int port = child.awaitListening();
        assertThat(child.stdout()).contains("bfg-flowcontrol", "file-local", "mock-auth-header");
        HttpResponse<String> health = get(port, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(temp.resolve("data").resolve("bfg-flowcontrol").resolve("audit.ndjson")).exists();
      }
    }

    @Test
    @DisplayName("but a second console on the same data dir exits 3 because the journal is taken")
    void secondConsoleOnTheSameJournal() throws Exception {
      try (Child first = serve("first", env())) {
        first.awaitListening();
        try (Child second = serve("second", env())) {
          assertThat(second.awaitExitOrListening()).as(second.stdout() + second.stderr()).isEqualTo("exit 3");
          assertThat(second.stderr()).contains("audit.ndjson", "already open");
          assertNoStackTrace(second.stderr());
        }
        assertThat(first.isAlive()).isTrue();
      }
    }

    @Test
    @DisplayName("and the journal stays taken after the first console has answered GET /api/audit/verify")
    void journalStaysLockedAfterVerify() throws Exception {
      try (Child first = serve("first", env())) {
        int port = first.awaitListening();
        assertThat(get(port, "/api/audit/verify").statusCode()).isEqualTo(200);
        try (Child second = serve("second", env())) {
          assertThat(second.awaitExitOrListening()).as(second.stdout() + second.stderr()).isEqualTo("exit 3");
          assertThat(second.stderr()).contains("already open");
        }
      }
    }
  }

  @Nested
  @DisplayName("prints usage and exits 0 when asked for help")
  class Help {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--help", "-h", "help"})
    @DisplayName("with no command: an overview naming every command")
    void overview(String args) throws Exception {
      try (Child child = Child.start(temp.resolve("help"), env(), Arrays.asList(args.split(" ")))) {
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stdout()).contains("serve [--host", "gate --url", "watch --url", "generate [--rows",
            "validate [--scenario", "--help");
        assertThat(child.stderr()).isEmpty();
      }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"serve --help", "--port 8081 --help", "gate --help", "watch -h", "generate --help",
        "validate --help"})
    @DisplayName("with a command: that command's usage, without running it")
    void command(String args) throws Exception {
      String command = args.startsWith("--") ? "serve" : args.split(" ")[0];
      try (Child child = Child.start(temp.resolve("help"), env(), Arrays.asList(args.split(" ")))) {
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stdout()).startsWith("usage: " + command + " ").doesNotContain("listening on");
        assertThat(child.stderr()).isEmpty();
      }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"serve", "validate"})
    @DisplayName("serve and validate list every flag AppConfig knows")
    void appConfigFlags(String command) {
      String usage = command.equals("serve") ? Main.SERVE_USAGE : Main.VALIDATE_USAGE;
      assertThat(usage.lines().findFirst().orElseThrow()).contains(knownFlags());
      assertThat(usage).contains("--help");
    }

    /** The flags AppConfig accepts, as it names them when refusing an unknown one. */
    private String[] knownFlags() {
      try {
        AppConfig.from(Map.of(), List.of("--no-such-flag", "x"));
      } catch (AppConfig.ConfigException e) {
        Matcher known = Pattern.compile("known: \\[([^]]*)]").matcher(e.getMessage());
        assertThat(known.find()).as(e.getMessage()).isTrue();
        return known.group(1).split(", ");
      }
      throw new AssertionError("AppConfig accepted --no-such-flag");
    }
  }

  @Nested
  @DisplayName("watch --count N, run as a script against a running console")
  class WatchCount {

    /** The {@code type} of each line printed: a whole evaluation is too long to read in a failure. */
    private List<String> types(Child watch) {
      return watch.lines().stream().map(line -> new JsonObject(line).getString("type")).toList();
    }

    private Child watch(Path dir, int port, int count) throws IOException {
      return Child.start(dir, env(), List.of("watch", "--url", "http://127.0.0.1:" + port, "--count",
          String.valueOf(count)));
    }

    @Test
    @DisplayName("on an idle console, exits 0 after exactly 1 line (hello) and exactly 2 (hello, evaluation)")
    void idle() throws Exception {
      try (Child console = serve("console", env())) {
        int port = console.awaitListening();
        for (int count = 1; count <= 2; count++) {
          try (Child watch = watch(temp.resolve("watch" + count), port, count)) {
            assertThat(watch.exitCode()).as(watch.stderr()).isZero();
            assertThat(types(watch)).as("--count %d", count)
                .containsExactlyElementsOf(List.of("hello", "evaluation").subList(0, count));
          }
        }
      }
    }

    @Test
    @DisplayName("with one change, exits 0 after exactly 3 lines: hello, evaluation and the change's audit line")
    void oneChange() throws Exception {
      try (Child console = serve("console", env())) {
        int port = console.awaitListening();
        try (Child watch = watch(temp.resolve("watch"), port, 3)) {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (watch.lines().size() < 2 && watch.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
          }
          assertThat(types(watch)).as("before the change; stderr %s", watch.stderr()).containsExactly("hello", "evaluation");

          HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + port + "/api/checks/cutover.contracts-frozen/accept"))
              .header("X-Actor-Id", "user_md_anna").POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

          assertThat(watch.exitCode()).as(watch.stderr()).isZero();
          assertThat(types(watch)).containsExactly("hello", "evaluation", "audit");
        }
      }
    }
  }
}
