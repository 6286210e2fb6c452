package io.bfg.console.bench.feed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes one state change per call and says which seq it produced. The send time is taken just
 * before the request goes out, so change-to-delivery latency includes everything the server does
 * for a change (for the console: validate, append to the journal with fsync, re-evaluate, publish).
 */
abstract class ChangeDriver {

  record Change(long seq, long sentNanos, long answeredNanos) {
  }

  private static final Pattern SEQ = Pattern.compile("\"seq\"\\s*:\\s*(\\d+)");
  private static final Pattern CHANGED = Pattern.compile("\"changed\"\\s*:\\s*(true|false)");

  protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  protected final String base;

  ChangeDriver(String base) {
    this.base = base;
  }

  abstract Change change() throws IOException, InterruptedException;

  protected Answer post(String path, String actor) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (actor != null) {
      request.header("X-Actor-Id", actor);
    }
    long sent = System.nanoTime();
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    long answered = System.nanoTime();
    if (response.statusCode() != 200) {
      throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    Matcher seq = SEQ.matcher(response.body());
    Matcher changed = CHANGED.matcher(response.body());
    if (!seq.find() || !changed.find()) {
      throw new IOException("POST " + path + " answered without seq/changed: " + response.body());
    }
    return new Answer(Boolean.parseBoolean(changed.group(1)), Long.parseLong(seq.group(1)), sent, answered);
  }

  record Answer(boolean changed, long seq, long sent, long answered) {
  }

  /** Alternates sign-off and revocation of one check; each makes the console broadcast one evaluation. */
  static final class Console extends ChangeDriver {
    private static final String CHECK = "/api/checks/cutover.contracts-frozen/";
    private static final String ACTOR = "user_md_anna";
    private boolean acceptNext = true;

    Console(String base) {
      super(base);
    }

    @Override
    Change change() throws IOException, InterruptedException {
      for (int attempt = 0; attempt < 2; attempt++) {
        Answer answer = post(CHECK + (acceptNext ? "accept" : "revoke"), ACTOR);
        acceptNext = !acceptNext;
        if (answer.changed()) {
          return new Change(answer.seq(), answer.sent(), answer.answered());
        }
        // the check was already in that state (e.g. left accepted by an earlier run): flip the other way
      }
      throw new IOException("neither accept nor revoke changed the state");
    }
  }

  /** The Node reference server bumps its seq and broadcasts its stored payload on POST /change. */
  static final class Node extends ChangeDriver {
    Node(String base) {
      super(base);
    }

    @Override
    Change change() throws IOException, InterruptedException {
      Answer answer = post("/change", null);
      return new Change(answer.seq(), answer.sent(), answer.answered());
    }
  }
}
