package io.bfg.console.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.bfg.console.eval.JsonPatch;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.IntStream;

import static io.bfg.console.ws.FeedServer.CONTRACTS_FROZEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * IntegrationFeed.v1 as subscribers see it: the greeting, the evaluation in their language, every
 * change relayed to every subscriber, and a resume with {@code since} that fills the gap.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("The WebSocket feed")
class FeedBroadcastTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dataDir;
  FeedServer server;
  WebSocketClient client;
  final List<FeedClient> subscribers = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) {
    server = FeedServer.start(vertx, dataDir);
    client = FeedClient.client(vertx);
  }

  @AfterEach
  void stop() {
    subscribers.forEach(FeedClient::close);
    server.stop();
  }

  private FeedClient subscribe(String uri) {
    FeedClient subscriber = FeedClient.connect(client, server.port(), uri);
    subscribers.add(subscriber);
    return subscriber;
  }

  @Test
  @DisplayName("greets a subscriber with hello, then the whole evaluation at the same seq")
  void helloThenEvaluation() {
    FeedClient feed = subscribe("/ws?lang=en");

    JsonObject hello = feed.next();
    assertThat(hello.fieldNames()).containsExactlyInAnyOrder("type", "protocol", "seq");
    assertThat(hello.getString("type")).isEqualTo("hello");
    assertThat(hello.getString("protocol")).isEqualTo("IntegrationFeed.v1");
    assertThat(hello.getLong("seq")).isZero();

    JsonObject evaluation = feed.next();
    assertThat(evaluation.getString("type")).isEqualTo("evaluation");
    assertThat(evaluation.getLong("seq")).isEqualTo(hello.getLong("seq"));
    JsonObject body = evaluation.getJsonObject("evaluation");
    assertThat(body.getString("lang")).isEqualTo("en");
    assertThat(body.getLong("seq")).as("the evaluation's own seq").isEqualTo(evaluation.getLong("seq"));
    assertThat(body.getJsonObject("summary")).isNotNull();
    assertThat(body.getJsonArray("gates")).isNotEmpty();
    assertThat(check(body, CONTRACTS_FROZEN).getString("label")).isEqualTo("Contracts frozen");
    assertThat(count(body, "cutover")).isEqualTo("0/6");
  }

  @Test
  @DisplayName("without lang the feed speaks English; with lang=pl the evaluation carries Polish labels")
  void polishLabels() {
    FeedClient english = subscribe("/ws");
    FeedClient polish = subscribe("/ws?lang=pl");

    assertThat(english.next().getString("type")).isEqualTo("hello");
    assertThat(polish.next().getString("type")).isEqualTo("hello");
    JsonObject en = english.nextOfType("evaluation").getJsonObject("evaluation");
    JsonObject pl = polish.nextOfType("evaluation").getJsonObject("evaluation");

    assertThat(en.getString("lang")).isEqualTo("en");
    assertThat(pl.getString("lang")).isEqualTo("pl");
    assertThat(check(pl, CONTRACTS_FROZEN).getString("label")).isEqualTo("Kontrakty zamrożone");
    assertThat(check(pl, "cutover.role-headers").getString("label")).isEqualTo("Nagłówki ról zmapowane");
    assertThat(group(pl, "cutover").getString("label")).isEqualTo("Rehearsal cutover DB/auth jest zaakceptowany");
    assertThat(count(pl, "cutover")).isEqualTo(count(en, "cutover"));
  }

  @Test
  @DisplayName("relays an accept made over HTTP to every subscriber: an audit event and a newer evaluation")
  void acceptReachesEverySubscriber() {
    List<FeedClient> feeds = IntStream.range(0, 3).mapToObj(i -> subscribe(i == 1 ? "/ws?lang=pl" : "/ws?lang=en"))
        .toList();
    List<Long> before = new ArrayList<>();
    for (FeedClient feed : feeds) {
      assertThat(feed.next().getString("type")).isEqualTo("hello");
      before.add(feed.nextOfType("evaluation").getLong("seq"));
    }

    long seq = server.accept();

    for (int i = 0; i < feeds.size(); i++) {
      FeedClient feed = feeds.get(i);
      JsonObject evaluation = feed.evaluationAtLeast(seq);
      assertThat(evaluation.getLong("seq")).as("subscriber %s", i).isGreaterThan(before.get(i)).isEqualTo(seq);
      assertThat(count(evaluation.getJsonObject("evaluation"), "cutover")).as("subscriber %s", i).isEqualTo("1/6");
      assertThat(check(evaluation.getJsonObject("evaluation"), CONTRACTS_FROZEN).getString("status"))
          .as("subscriber %s", i).isNotEqualTo(check(evaluationBefore(feed), CONTRACTS_FROZEN).getString("status"));

      List<JsonObject> audits = new ArrayList<>(feed.received().stream()
          .filter(m -> "audit".equals(m.getString("type"))).toList());
      if (audits.isEmpty()) {
        audits.add(feed.nextOfType("audit"));
      }
      assertThat(audits).as("audit messages of subscriber %s", i).hasSize(1);
      JsonObject event = audits.get(0).getJsonObject("event");
      assertThat(event.getLong("seq")).isEqualTo(seq);
      assertThat(event.getString("actor")).isEqualTo(FeedServer.ANNA);
      assertThat(event.getString("hash")).matches("[0-9a-f]{64}");
      assertThat(event.encode()).contains(CONTRACTS_FROZEN);

      feed.drainQuietly(Duration.ofMillis(200));
      feed.assertSeqNeverBackwards();
    }
  }

  @Test
  @DisplayName("resumes with since=<seq>: hello, the missed audit events in order, then the evaluation")
  void resumeWithSince() {
    FeedClient first = subscribe("/ws?lang=en");
    first.next();
    long seen = first.nextOfType("evaluation").getLong("seq");
    first.close();
    assertThat(first.awaitClose()).isNotNegative();

    long afterAccept = server.accept();
    long afterRevoke = server.revoke();
    assertThat(afterRevoke).isGreaterThan(afterAccept).isGreaterThan(seen);

    FeedClient again = subscribe("/ws?lang=en&since=" + seen);
    JsonObject hello = again.next();
    JsonObject missed1 = again.next();
    JsonObject missed2 = again.next();
    JsonObject evaluation = again.next();

    assertThat(hello.getString("type")).isEqualTo("hello");
    assertThat(hello.getLong("seq")).isEqualTo(afterRevoke);
    assertThat(List.of(missed1.getString("type"), missed2.getString("type"))).containsExactly("audit", "audit");
    assertThat(missed1.getJsonObject("event").getLong("seq")).isEqualTo(afterAccept).isGreaterThan(seen);
    assertThat(missed2.getJsonObject("event").getLong("seq")).isEqualTo(afterRevoke);
    assertThat(missed1.getJsonObject("event").getString("type")).isNotEqualTo(missed2.getJsonObject("event").getString("type"));
    assertThat(evaluation.getString("type")).isEqualTo("evaluation");
    assertThat(evaluation.getLong("seq")).isEqualTo(afterRevoke);
    assertThat(count(evaluation.getJsonObject("evaluation"), "cutover")).isEqualTo("0/6");
    assertThat(again.drainQuietly(Duration.ofMillis(200))).as("nothing else after the evaluation").isEmpty();

    List<JsonObject> acrossReconnect = new ArrayList<>(first.received());
    acrossReconnect.addAll(again.received());
    FeedClient.assertSeqNeverBackwards(acrossReconnect);
  }

  @Test
  @DisplayName("a since at the current seq replays nothing: hello, then the evaluation")
  void resumeWithNothingMissed() {
    long seq = server.accept();
    FeedClient feed = subscribe("/ws?since=" + seq);

    assertThat(feed.next().getString("type")).isEqualTo("hello");
    JsonObject evaluation = feed.next();
    assertThat(evaluation.getString("type")).isEqualTo("evaluation");
    assertThat(evaluation.getLong("seq")).isEqualTo(seq);
  }

  @Test
  @DisplayName("under concurrent changes by three owners, every subscriber sees every audit event in order, "
      + "seq never going backwards, each evaluation labelled with its own seq, ending on the final state")
  void concurrentChanges() throws Exception {
    Map<String, String> owners = Map.of(
        "cutover.contracts-frozen", "user_md_anna", "cutover.migration-rollback", "user_md_anna",
        "cutover.role-headers", "user_dispatcher_marek", "cutover.store-rehearsal", "user_dispatcher_marek",
        "cutover.database-schema", "user_accountant_olena", "cutover.secrets-auth", "user_accountant_olena");
    List<FeedClient> feeds = List.of(subscribe("/ws?lang=en"), subscribe("/ws?lang=pl"), subscribe("/ws"));
    for (FeedClient feed : feeds) {
      feed.next();
      feed.next();
    }

    int rounds = 5;
    for (int round = 0; round < rounds; round++) {
      String verb = round % 2 == 0 ? "accept" : "revoke";
      List<CompletableFuture<HttpResponse<String>>> sent = owners.entrySet().stream()
          .map(e -> server.commandAsync(e.getValue(), e.getKey(), verb)).toList();
      for (CompletableFuture<HttpResponse<String>> reply : sent) {
        HttpResponse<String> response = reply.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as("%s (body %s)", verb, response.body()).isEqualTo(200);
      }
    }
    long finalSeq = (long) rounds * owners.size();

    for (FeedClient feed : feeds) {
      JsonObject last = feed.evaluationAtLeast(finalSeq);
      assertThat(last.getLong("seq")).isEqualTo(finalSeq);
      assertThat(count(last.getJsonObject("evaluation"), "cutover")).isEqualTo("6/6");
      feed.drainQuietly(Duration.ofMillis(300));
      List<JsonObject> seen = feed.received();
      feed.assertSeqNeverBackwards();
      assertThat(seen.stream().filter(m -> "audit".equals(m.getString("type")))
          .map(m -> m.getJsonObject("event").getLong("seq")))
          .as("audit events of a subscriber").containsExactlyElementsOf(LongStream.rangeClosed(1, finalSeq).boxed().toList());
      assertThat(seen).filteredOn(m -> "evaluation".equals(m.getString("type")))
          .allSatisfy(m -> assertThat(m.getJsonObject("evaluation").getLong("seq"))
              .as("seq inside the evaluation labelled %s", m.getLong("seq")).isEqualTo(m.getLong("seq")));
    }
  }

  @Test
  @DisplayName("with evaluation=patch: the whole evaluation on connect, then after each change a patch "
      + "against the one the subscriber holds, which applied gives the server's evaluation")
  void patches() throws Exception {
    FeedClient feed = subscribe("/ws?lang=pl&evaluation=patch");
    assertThat(feed.next().getString("type")).isEqualTo("hello");
    JsonObject first = feed.next();
    assertThat(first.getString("type")).as("the first evaluation is whole").isEqualTo("evaluation");
    JsonNode held = JSON.readTree(first.getJsonObject("evaluation").encode());

    for (int change = 0; change < 3; change++) {
      long seq = change % 2 == 0 ? server.accept() : server.revoke();
      JsonObject patch = feed.nextMatching("evaluation.patch " + seq, m -> m.getString("type").startsWith("evaluation"));
      assertThat(patch.getString("type")).isEqualTo("evaluation.patch");
      assertThat(patch.fieldNames()).containsExactlyInAnyOrder("type", "seq", "base", "patch");
      assertThat(patch.getLong("seq")).isEqualTo(seq);
      assertThat(patch.getLong("base")).as("the seq the patch applies to").isEqualTo(held.get("seq").asLong());
      assertThat(patch.encode().length()).as("a sign-off's patch against the whole evaluation")
          .isLessThan(held.toString().length() / 10);

      held = JsonPatch.apply(held, (ArrayNode) JSON.readTree(patch.getJsonArray("patch").encode()));

      assertThat(held).isEqualTo(server.evaluation("pl"));
    }
  }

  @Test
  @DisplayName("with evaluation=patch under concurrent changes, the subscriber's patched evaluation "
      + "ends equal to the server's, each patch applying to the evaluation it holds")
  void patchesUnderConcurrentChanges() throws Exception {
    FeedClient feed = subscribe("/ws?evaluation=patch");
    feed.next();
    FeedClient whole = subscribe("/ws");
    whole.next();
    whole.next();
    JsonNode held = JSON.readTree(feed.nextOfType("evaluation").getJsonObject("evaluation").encode());

    List<String> checks = List.of("cutover.contracts-frozen", "cutover.migration-rollback");
    int rounds = 6;
    for (int round = 0; round < rounds; round++) {
      String verb = round % 2 == 0 ? "accept" : "revoke";
      List<CompletableFuture<HttpResponse<String>>> sent = checks.stream()
          .map(check -> server.commandAsync(FeedServer.ANNA, check, verb)).toList();
      for (CompletableFuture<HttpResponse<String>> reply : sent) {
        assertThat(reply.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
    }
    long finalSeq = (long) rounds * checks.size();

    while (held.get("seq").asLong() < finalSeq) {
      JsonObject message = feed.nextMatching("an evaluation up to " + finalSeq,
          m -> m.getString("type").startsWith("evaluation"));
      if (message.getString("type").equals("evaluation")) {
        held = JSON.readTree(message.getJsonObject("evaluation").encode());
      } else {
        assertThat(message.getLong("base")).as("patch to %s", message.getLong("seq")).isEqualTo(held.get("seq").asLong());
        held = JsonPatch.apply(held, (ArrayNode) JSON.readTree(message.getJsonArray("patch").encode()));
        assertThat(held.get("seq").asLong()).isEqualTo(message.getLong("seq"));
      }
    }
    assertThat(held).isEqualTo(server.evaluation("en"));
    assertThat(feed.received()).as("patches were sent").anyMatch(m -> "evaluation.patch".equals(m.getString("type")));
    whole.evaluationAtLeast(finalSeq);
    assertThat(whole.received()).as("a subscriber without evaluation=patch gets whole evaluations only")
        .noneMatch(m -> "evaluation.patch".equals(m.getString("type")));
    feed.assertSeqNeverBackwards();
  }

  private static JsonObject evaluationBefore(FeedClient feed) {
    return feed.received().stream().filter(m -> "evaluation".equals(m.getString("type"))).findFirst().orElseThrow()
        .getJsonObject("evaluation");
  }

  static JsonObject group(JsonObject evaluation, String groupId) {
    for (Object group : evaluation.getJsonArray("groups")) {
      if (((JsonObject) group).getString("id").equals(groupId)) {
        return (JsonObject) group;
      }
    }
    throw new AssertionError("no group " + groupId + " in the evaluation");
  }

  static String count(JsonObject evaluation, String groupId) {
    JsonObject group = group(evaluation, groupId);
    return group.getInteger("done") + "/" + group.getInteger("total");
  }

  static JsonObject check(JsonObject evaluation, String checkId) {
    for (Object group : evaluation.getJsonArray("groups")) {
      for (Object check : ((JsonObject) group).getJsonArray("checks")) {
        if (((JsonObject) check).getString("id").equals(checkId)) {
          return (JsonObject) check;
        }
      }
    }
    throw new AssertionError("no check " + checkId + " in the evaluation");
  }
}
