package io.bfg.console.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.bfg.console.eval.EvaluatorBehaviourTest.ANNA;
import static io.bfg.console.eval.EvaluatorBehaviourTest.CONNECTION;
import static io.bfg.console.eval.EvaluatorBehaviourTest.DRY_RUN;
import static io.bfg.console.eval.EvaluatorBehaviourTest.MAREK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The evaluation patch (RFC 6902) a feed subscriber gets after a change")
class JsonPatchTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @EnumSource(Lang.class)
  @DisplayName("applied to the evaluation before each change of a whole rollout, gives the evaluation after it")
  void everyStepOfARollout(Lang lang) throws IOException {
    Session session = EvaluatorBehaviourTest.bfg();
    List<Consumer<Session>> steps = new ArrayList<>();
    steps.add(s -> s.accept("cutover.contracts-frozen", ANNA));
    steps.add(s -> s.revoke("cutover.contracts-frozen", ANNA));
    steps.add(s -> s.pipeline(Session.run(CONNECTION.pipeline(), "run-c0", "tls=none",
        java.util.Map.of("tls-fingerprint", "FAILED"))));
    steps.add(s -> s.pipeline(CONNECTION));
    steps.add(s -> s.pipeline(DRY_RUN));
    EvaluatorBehaviourTest.CUTOVER.forEach((check, owner) -> steps.add(s -> s.accept(check, owner)));
    steps.add(s -> s.decide("infra.hosting", ANNA, "managed-postgres-eu"));
    steps.add(s -> s.decide("infra.hosting", ANNA, "self-hosted"));
    steps.add(s -> s.accept("cutover.role-headers", MAREK));
    EvaluatorBehaviourTest.ROLLBACK.forEach(check -> steps.add(s -> s.accept(check, ANNA)));
    steps.add(s -> s.pipeline(Session.rerun(DRY_RUN, "run-d2")));

    JsonNode before = json(session.evaluate(lang));
    for (int i = 0; i < steps.size(); i++) {
      steps.get(i).accept(session);
      JsonNode after = json(session.evaluate(lang));
      ArrayNode patch = JsonPatch.diff(before, after);
      // what a subscriber gets is the patch's bytes, parsed on its side
      ArrayNode received = (ArrayNode) MAPPER.readTree(MAPPER.writeValueAsBytes(patch));

      assertThat(JsonPatch.apply(before, received)).as("step %d", i).isEqualTo(after);
      assertThat(patch).as("step %d changed something", i).isNotEmpty();
      before = after;
    }
  }

  @Test
  @DisplayName("for one sign-off is a small fraction of the whole evaluation")
  void aSignOffIsSmall() throws IOException {
    Session session = EvaluatorBehaviourTest.bfg();
    JsonNode before = json(session.evaluate());
    JsonNode after = json(session.accept("cutover.contracts-frozen", ANNA).evaluate());

    byte[] patch = MAPPER.writeValueAsBytes(JsonPatch.diff(before, after));
    byte[] whole = MAPPER.writeValueAsBytes(after);

    assertThat(patch.length).as("patch bytes vs %d whole", whole.length).isLessThan(whole.length / 10);
  }

  @Test
  @DisplayName("of equal documents is empty, and does not touch what it patches")
  void equalIsEmpty() throws IOException {
    JsonNode a = tree("{\"a\":[1,{\"b\":2}],\"c\":null}");
    assertThat(JsonPatch.diff(a, a.deepCopy())).isEmpty();

    JsonNode b = tree("{\"a\":[1,{\"b\":3}],\"c\":null}");
    JsonNode copy = a.deepCopy();
    JsonPatch.apply(a, JsonPatch.diff(a, b));
    assertThat(a).isEqualTo(copy);
  }

  @Test
  @DisplayName("adds and removes members, replaces changed values and arrays whose length changed")
  void operations() throws IOException {
    JsonNode from = tree("{\"keep\":1,\"gone\":true,\"n\":{\"x\":\"a\"},\"list\":[1,2],\"same\":[{\"v\":1},{\"v\":2}]}");
    JsonNode to = tree("{\"keep\":1,\"n\":{\"x\":\"b\",\"y\":[]},\"list\":[1,2,3],\"same\":[{\"v\":1},{\"v\":5}]}");

    ArrayNode patch = JsonPatch.diff(from, to);

    assertThat(patch).containsExactly(
        tree("{\"op\":\"remove\",\"path\":\"/gone\"}"),
        tree("{\"op\":\"replace\",\"path\":\"/n/x\",\"value\":\"b\"}"),
        tree("{\"op\":\"add\",\"path\":\"/n/y\",\"value\":[]}"),
        tree("{\"op\":\"replace\",\"path\":\"/list\",\"value\":[1,2,3]}"),
        tree("{\"op\":\"replace\",\"path\":\"/same/1/v\",\"value\":5}"));
    assertThat(JsonPatch.apply(from, patch)).isEqualTo(to);
  }

  @Test
  @DisplayName("escapes member names with / and ~ (RFC 6901)")
  void escapedNames() throws IOException {
    JsonNode from = tree("{\"rows/by~table\":{\"a/b\":1}}");
    JsonNode to = tree("{\"rows/by~table\":{\"a/b\":2}}");

    ArrayNode patch = JsonPatch.diff(from, to);

    assertThat(patch.get(0).get("path").asText()).isEqualTo("/rows~1by~0table/a~1b");
    assertThat(JsonPatch.apply(from, patch)).isEqualTo(to);
  }

  @Test
  @DisplayName("replaces the whole document when its type changes")
  void wholeDocument() throws IOException {
    JsonNode from = tree("{\"a\":1}");
    JsonNode to = tree("[1]");

    ArrayNode patch = JsonPatch.diff(from, to);

    assertThat(patch).containsExactly(tree("{\"op\":\"replace\",\"path\":\"\",\"value\":[1]}"));
    assertThat(JsonPatch.apply(from, patch)).isEqualTo(to);
  }

  @Test
  @DisplayName("refuses to apply an operation to a location the document does not have")
  void refusesMissingLocations() throws IOException {
    JsonNode doc = tree("{\"a\":[1]}");

    assertThatThrownBy(() -> JsonPatch.apply(doc, (ArrayNode) tree("[{\"op\":\"replace\",\"path\":\"/b\",\"value\":1}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/b");
    assertThatThrownBy(() -> JsonPatch.apply(doc, (ArrayNode) tree("[{\"op\":\"replace\",\"path\":\"/a/3\",\"value\":1}]")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonPatch.apply(doc, (ArrayNode) tree("[{\"op\":\"remove\",\"path\":\"/c\"}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/c");
    assertThatThrownBy(() -> JsonPatch.apply(doc, (ArrayNode) tree("[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/b\"}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported");
  }

  private static JsonNode json(Evaluation evaluation) throws IOException {
    return MAPPER.readTree(MAPPER.writeValueAsBytes(evaluation));
  }

  private static JsonNode tree(String json) throws IOException {
    return MAPPER.readTree(json);
  }
}
