package io.bfg.console.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.CheckKind;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.PipelineBinding;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sign-off records the evidence hash of its moment; if the hash moved with the spelling of a label,
 * every sign-off of every journal would go stale the day the scenario's Polish got its diacritics.
 * {@code evidence/before-diacritics.json} holds the hash of every check of both scenarios as the console
 * computed it before they were written with diacritics: fresh, and after each pipeline passed.
 */
@DisplayName("Evidence hashes and the spelling of the scenarios")
class EvidenceUnchangedByWordingTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bfg-flowcontrol", "vltava-care"})
  @DisplayName("a sign-off of any check, recorded before the Polish texts got their diacritics, still matches its evidence")
  void sameHashes(String scenario) throws IOException {
    Map<String, Map<String, String>> recorded = recorded();
    Evaluator evaluator = new Evaluator(ScenarioLoader.load(Path.of("scenarios", scenario)).scenario());
    Session fresh = new Session(evaluator);
    Session proven = new Session(evaluator);
    for (PipelineBinding binding : evaluator.scenario().pipelines()) {
      proven.pipeline(Session.passed(binding.id(), "run-" + binding.id(), "x=1"));
    }
    Map<String, String> freshRecorded = recorded.get(scenario + "/fresh");
    Map<String, String> provenRecorded = recorded.get(scenario + "/after-pipelines");
    Map<String, String> unmatched = new TreeMap<>();
    for (GroupDef group : evaluator.scenario().groups()) {
      for (CheckDef check : group.checks()) {
        assertThat(freshRecorded).as("recorded checks of %s", scenario).containsKey(check.id());
        if (check.kind() != CheckKind.OWNER_ACCEPTANCE && check.kind() != CheckKind.DECISION) {
          continue; // no sign-off rests on its hash directly; what rests on it is checked through its dependents
        }
        if (!fresh.assess().evidenceMatches(check.id(), freshRecorded.get(check.id()))) {
          unmatched.put(check.id(), "fresh");
        }
        if (!proven.assess().evidenceMatches(check.id(), provenRecorded.get(check.id()))) {
          unmatched.put(check.id(), "after the pipelines");
        }
      }
    }
    assertThat(unmatched).as("checks whose recorded evidence no longer matches").isEmpty();
    assertThat(freshRecorded.size()).isGreaterThan(20);
  }

  private static Map<String, Map<String, String>> recorded() throws IOException {
    try (InputStream in = EvidenceUnchangedByWordingTest.class.getResourceAsStream("/evidence/before-diacritics.json")) {
      assertThat(in).as("evidence/before-diacritics.json on the test class path").isNotNull();
      return new ObjectMapper().readValue(in, new TypeReference<>() { });
    }
  }
}
