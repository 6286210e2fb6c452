package io.bfg.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bfg.console.Main;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code gate --url URL [--require GO] [--timeout SECONDS]}: the go/no-go for CI/CD. Exits 0 only
 * when the console says production is GO; otherwise prints the blocking decision and the next
 * action and exits 1 (3 when the console cannot be asked).
 */
public final class GateCommand {

  public static final String USAGE = """
      usage: gate --url URL [--require GO] [--timeout SECONDS]
        The go/no-go for CI/CD: asks a running console whether production is GO.
        --url URL          the console, e.g. http://127.0.0.1:8080 (required)
        --require GO       the verdict that passes; GO is the only one (default GO)
        --timeout SECONDS  how long to wait for each answer, 1 to 600 (default 10)
        -h, --help         print this text
      Exit codes: 0 GO; 1 NO-GO (prints the blocking decision and the next action);
        2 bad options; 3 the console cannot be asked.
      """;

  private GateCommand() {
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    Flags flags;
    long timeout;
    try {
      flags = Flags.parse(args, Set.of("--url", "--require", "--timeout"));
      if (flags.help()) {
        out.print(USAGE);
        return 0;
      }
      if (flags.get("--url") == null) {
        throw new IllegalArgumentException("--url is required, e.g. gate --url http://127.0.0.1:8080");
      }
      if (!"GO".equals(flags.get("--require", "GO"))) {
        throw new IllegalArgumentException("--require only knows GO");
      }
      timeout = flags.number("--timeout", 10, 1, 600);
    } catch (IllegalArgumentException e) {
      err.println("gate: " + e.getMessage());
      return Main.EXIT_CONFIG;
    }
    String base = flags.get("--url").replaceAll("/+$", "");
    JsonNode evaluation;
    try {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(timeout)).build();
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/evaluation"))
          .timeout(Duration.ofSeconds(timeout)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        err.println("gate: " + base + "/api/evaluation answered HTTP " + response.statusCode());
        return Main.EXIT_RUNTIME;
      }
      evaluation = new ObjectMapper().readTree(response.body());
    } catch (IOException | IllegalArgumentException e) {
      err.println("gate: cannot read " + base + "/api/evaluation: " + e.getMessage());
      return Main.EXIT_RUNTIME;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.EXIT_RUNTIME;
    }
    JsonNode summary = evaluation.path("summary");
    String gates = summary.path("gatesReady").asText() + "/" + summary.path("gatesTotal").asText();
    if (summary.path("go").asBoolean(false)) {
      out.println("GO: " + summary.path("decision").asText() + " (" + gates + " gates ready, seq "
          + evaluation.path("seq").asText() + ")");
      return 0;
    }
    JsonNode next = evaluation.path("recommendation");
    out.println("NO-GO: " + summary.path("decision").asText() + " (" + gates + " gates ready, "
        + summary.path("percent").asText() + "% of checks, seq " + evaluation.path("seq").asText() + ")");
    out.println("next: " + next.path("action").asText() + (next.hasNonNull("actorName")
        ? " (" + next.path("actorName").asText() + ")" : "") + " - " + next.path("reason").asText());
    if (next.hasNonNull("command")) {
      out.println("how:  " + next.path("command").asText());
    }
    return Main.EXIT_NO_GO;
  }
}
