package io.bfg.console.store;

import io.bfg.console.http.ApiClient;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.ApiClient.MAREK;

/**
 * Operators signing off and revoking, several at once, against consoles that may die or lose their
 * store while it runs. It keeps what each console acknowledged (seq -> hash of every changed:true
 * answer) and counts every answer by status; a request a dead console never answered is counted as
 * unanswered, not as a failure of the test.
 */
final class SignOffLoad implements AutoCloseable {

  /** Owner-acceptance checks Anna or Marek may sign off on a fresh BFG console: {check id, owner}. */
  static List<String[]> openChecks(JsonObject evaluation) {
    List<String[]> open = new ArrayList<>();
    for (Object group : evaluation.getJsonArray("groups")) {
      for (Object item : ((JsonObject) group).getJsonArray("checks")) {
        JsonObject check = (JsonObject) item;
        Object owner = check.getValue("owner");
        String ownerId = owner instanceof JsonObject o ? o.getString("id") : (String) owner;
        boolean free = check.getJsonArray("dependsOn") == null || check.getJsonArray("dependsOn").isEmpty();
        if ("owner-acceptance".equals(check.getString("kind")) && (ANNA.equals(ownerId) || MAREK.equals(ownerId))
            && free && !"BLOCKED".equals(check.getString("status"))) {
          open.add(new String[] {check.getString("id"), ownerId});
        }
      }
    }
    return open;
  }

  private final ExecutorService clients;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Map<Long, String> acknowledged = new ConcurrentSkipListMap<>();
  private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final AtomicInteger unanswered = new AtomicInteger();
  private final List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** {@code consoles} is asked each time, so a test may swap the list while the load runs. */
  SignOffLoad(int clientCount, List<String[]> checks, Supplier<List<ApiClient>> consoles) {
    clients = Executors.newFixedThreadPool(clientCount);
    for (int c = 0; c < clientCount; c++) {
      int client = c;
      clients.submit(() -> {
        int n = 0;
        while (running.get()) {
          List<ApiClient> targets = consoles.get();
          ApiClient target = targets.get((client + n) % targets.size());
          String[] check = checks.get((client + n / 2) % checks.size());
          boolean accept = n % 2 == 0;
          n++;
          ApiClient.Reply reply;
          try {
            reply = accept ? target.accept(check[1], check[0]) : target.revoke(check[1], check[0]);
          } catch (AssertionError connectionFailed) {
            unanswered.incrementAndGet();
            pause(20);
            continue;
          }
          statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
          if (reply.status() == 200 && reply.json().getBoolean("changed")) {
            JsonObject event = reply.json().getJsonObject("event");
            acknowledged.put(event.getLong("seq"), event.getString("hash"));
          } else if (reply.status() >= 500 && !reply.body().contains("STORE_UNAVAILABLE")
              || reply.status() != 200 && reply.status() != 409 && reply.status() != 503
              || reply.body().contains("Exception")) {
            unexpected.add(reply.request() + " -> " + reply.status() + " " + reply.body());
          }
          if (reply.status() == 503) {
            pause(20);
          }
        }
      });
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every event some console answered changed:true for, by seq, with the hash it answered. */
  Map<Long, String> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  int count(int status) {
    AtomicInteger n = statuses.get(status);
    return n == null ? 0 : n.get();
  }

  int unanswered() {
    return unanswered.get();
  }

  /** Answers no operator should get: a 5xx other than STORE_UNAVAILABLE, a stack trace, an odd status. */
  List<String> unexpected() {
    return List.copyOf(unexpected);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    clients.shutdown();
    if (!clients.awaitTermination(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("operators still waiting for answers 30 s after the load stopped");
    }
  }

  @Override
  public String toString() {
    return "answers by status " + statuses + ", unanswered " + unanswered + ", acknowledged " + acknowledged.size();
  }
}
