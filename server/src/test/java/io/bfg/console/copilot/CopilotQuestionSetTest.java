package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import io.bfg.console.model.Scenario;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators' questions written from each scenario's page and data by someone who had not read the
 * copilot (src/test/resources/copilot/*.tsv: question, lang, the regex a right answer matches, as the
 * public development set's eval reads it), asked of a fresh console by one of its actors; two rounds
 * of sets on the two scenarios in scenarios/ and one on a small third, each written after the
 * previous round's failure classes were fixed. Every answer also goes through {@link Grounding}, which must find nothing to correct.
 */
@DisplayName("The copilot on operators' question sets")
class CopilotQuestionSetTest {

  @TestFactory
  @DisplayName("bfg-flowcontrol, asked by Anna Kowalska")
  Stream<DynamicTest> flagship() throws IOException {
    return questions(Path.of("scenarios", "bfg-flowcontrol"), "user_md_anna", "bfg-flowcontrol.tsv");
  }

  @TestFactory
  @DisplayName("bfg-flowcontrol, a second set, asked by Anna Kowalska")
  Stream<DynamicTest> flagshipAgain() throws IOException {
    return questions(Path.of("scenarios", "bfg-flowcontrol"), "user_md_anna", "bfg-flowcontrol-2.tsv");
  }

  @TestFactory
  @DisplayName("vltava-care, asked by Petra Svobodová")
  Stream<DynamicTest> secondScenario() throws IOException {
    return questions(Path.of("scenarios", "vltava-care"), "psvobodova", "vltava-care.tsv");
  }

  @TestFactory
  @DisplayName("vltava-care, a second set, asked by Petra Svobodová")
  Stream<DynamicTest> secondScenarioAgain() throws IOException {
    return questions(Path.of("scenarios", "vltava-care"), "psvobodova", "vltava-care-2.tsv");
  }

  @TestFactory
  @DisplayName("kestrel-water (a small third scenario), asked by Ines Duarte")
  Stream<DynamicTest> thirdScenario() throws IOException {
    return questions(Path.of("server/src/test/resources/scenarios/kestrel-water"), "user_ops_ines", "kestrel-water.tsv");
  }

  private static Stream<DynamicTest> questions(Path scenarioDir, String asker, String set) throws IOException {
    Scenario scenario = ScenarioLoader.load(scenarioDir).scenario();
    CopilotReadingTest.Console console = new CopilotReadingTest.Console(scenario);
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("server/src/test/resources/copilot", set))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t");
      assertThat(fields).as("question, lang, regex: " + line).hasSize(3);
      Lang lang = Lang.valueOf(fields[1].toUpperCase());
      Pattern right = Pattern.compile(fields[2], Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      tests.add(DynamicTest.dynamicTest("[" + fields[1] + "] " + fields[0], () -> {
        String answer = console.ask(fields[0], lang, asker);
        assertThat(right.matcher(answer.replace('\n', ' ')).find()).as("%s%n  answer: %s%n  expected /%s/",
            fields[0], answer, fields[2]).isTrue();
      }));
    }
    return tests.stream();
  }
}
