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
import java.util.Map;
import java.util.Set;

/**
 * {@code gate --url URL [--require GO] [--timeout SECONDS]}: the go/no-go for CI/CD. Exits 0 only
 * when the console says production is GO; otherwise prints the blocking decision and the next
 * action and exits 1. Exits 3, with no verdict, when the console cannot be asked or its audit trail
 * cannot be trusted (a broken hash chain, or a console that reports itself DEGRADED).
 */
public final class GateCommand {

  public static final String USAGE = """
      usage: gate --url URL [--token T] [--require GO] [--timeout SECONDS]
        The go/no-go for CI/CD: asks a running console whether production is GO.
        --url URL          the console, e.g. http://127.0.0.1:8080 (required)
        --token T          bearer token from the console's identity provider, sent as
                           Authorization: Bearer (CONSOLE_TOKEN; needed by CONSOLE_AUTH=oidc consoles)
        --require GO       the verdict that passes; GO is the only one (default GO)
        --timeout SECONDS  how long to wait for each answer, 1 to 600 (default 10)
        -h, --help         print this text
      Exit codes: 0 GO; 1 NO-GO (prints the blocking decision and the next action);
        2 bad options, or the console refused the token (401/403, one line with its error code);
        3 the console cannot be asked, reports itself DEGRADED, or its audit chain
        is broken (stderr names the problem; no verdict on a trail that cannot be trusted).
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NO_VERDICT = "no GO/NO-GO on a trail that cannot be trusted";

  private GateCommand() {
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /** {@code environment} supplies CONSOLE_TOKEN when --token is not given. */
  public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
    Flags flags;
    long timeout;
    String token;
    try {
      flags = Flags.parse(args, Set.of("--url", "--token", "--require", "--timeout"));
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
      token = Flags.token(flags, environment);
    } catch (IllegalArgumentException e) {
      err.println("gate: " + e.getMessage());
      return Main.EXIT_CONFIG;
    }
    ConsoleClient console = new ConsoleClient(flags.get("--url").replaceAll("/+$", ""), Duration.ofSeconds(timeout),
        token);
    try {
      return verdict(console, out, err);
    } catch (Refused e) {
      err.println("gate: " + e.getMessage());
      return Main.EXIT_CONFIG;
    } catch (Unanswered e) {
      err.println("gate: " + e.getMessage());
      return Main.EXIT_RUNTIME;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.EXIT_RUNTIME;
    }
  }

  /**
   * The verdict rests on the audit trail, so the trail is checked first: the console's own proof of
   * its chain, then its health, which also covers a store that cannot be read. Only then the
   * evaluation.
   */
  private static int verdict(ConsoleClient console, PrintStream out, PrintStream err)
      throws Unanswered, InterruptedException {
    Answer verify = console.get("/api/audit/verify");
    JsonNode chain = verify.json();
    if (verify.status() == 200 && chain.path("valid").isBoolean() && !chain.path("valid").booleanValue()) {
      err.println("gate: the audit chain of " + console.base() + " is broken at event "
          + chain.path("firstBad").asText("?") + " (" + chain.path("problem").asText("no problem named")
          + "); " + NO_VERDICT);
      return Main.EXIT_RUNTIME;
    }
    Answer health = console.get("/health");
    if (health.status() == 503) {
      String problem = health.json().path("problem").asText("");
      err.println("gate: " + console.base() + " reports itself "
          + health.json().path("status").asText("unavailable (HTTP 503)")
          + (problem.isEmpty() ? "" : ": " + problem) + "; " + NO_VERDICT);
      return Main.EXIT_RUNTIME;
    }
    health.requireOk();
    verify.requireOk();
    Answer answer = console.get("/api/evaluation");
    answer.requireOk();
    JsonNode evaluation = answer.json();
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

  /** The console could not be asked, or answered something that is not an answer. */
  private static class Unanswered extends Exception {
    Unanswered(String message) {
      super(message, null, false, false);
    }
  }

  /** The console refused who is asking (401/403): a token to fix, not a console to wait for. */
  private static final class Refused extends Unanswered {
    Refused(String message) {
      super(message);
    }
  }

  /** One JSON answer; {@code json} is empty (missing node) when the body is not JSON. */
  private record Answer(String url, int status, JsonNode json) {
    void requireOk() throws Unanswered {
      if (status != 200) {
        throw new Unanswered(url + " answered HTTP " + status);
      }
      if (json.isMissingNode()) {
        throw new Unanswered(url + " answered something that is not JSON");
      }
    }
  }

  private record ConsoleClient(String base, Duration timeout, String token, HttpClient client) {
    ConsoleClient(String base, Duration timeout, String token) {
      this(base, timeout, token, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(timeout).build());
    }

    Answer get(String path) throws Unanswered, InterruptedException {
      String url = base + path;
      HttpResponse<String> response;
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (token != null) {
          request.header("Authorization", "Bearer " + token);
        }
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException | IllegalArgumentException e) {
        throw new Unanswered("cannot read " + url + ": " + e.getMessage());
      }
      JsonNode json;
      try {
        json = JSON.readTree(response.body());
      } catch (IOException e) {
        json = JSON.missingNode();
      }
      json = json == null ? JSON.missingNode() : json;
      if (response.statusCode() == 401 || response.statusCode() == 403) {
        throw new Refused(Flags.refusal(url, response.statusCode(), json.path("error").path("code").asText(""),
            json.path("error").path("message").asText(""), token != null));
      }
      return new Answer(url, response.statusCode(), json);
    }
  }
}
