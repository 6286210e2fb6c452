package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copilot's code and prompts name no scenario's words: a company's synonyms, people and ids are
 * declared in its scenario.yaml, so the copilot answers about any scenario alike. The Java package
 * name is the product's, not a scenario's, and is the one exception.
 */
@DisplayName("The copilot's vocabulary")
class CopilotVocabularyTest {

  /** The flagship scenario's words (its company, product, people, places and regulated provider). */
  static final Pattern FLAGSHIP_WORDS = Pattern.compile("bfg|flowcontrol|ksef|anna|marek|olena|tarasenko|lviv",
      Pattern.CASE_INSENSITIVE);

  /** Surefire runs from the project root (see server/pom.xml). */
  private static final List<Path> SOURCES = List.of(Path.of("server/src/main/java/io/bfg/console/copilot"),
      Path.of("prompts"));

  @Test
  @DisplayName("the copilot's sources and prompts name none of the flagship scenario's words")
  void namesNoScenarioWords() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : SOURCES) {
      assertThat(root).as("run the tests from the project root").isDirectory();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
          for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("io.bfg.console", "");
            if (FLAGSHIP_WORDS.matcher(line).find()) {
              found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
          }
        }
      }
    }

    assertThat(found).isEmpty();
  }
}
