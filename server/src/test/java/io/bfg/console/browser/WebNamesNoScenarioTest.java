package io.bfg.console.browser;

import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SectionDef;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard renders any scenario from its evaluation, so {@code web/} names none: no word of the
 * flagship (its company, people, providers) and no flagship id the scripts compare against. Section
 * kinds and pipeline ids are the engine's own vocabulary and stay allowed.
 */
@DisplayName("web/ names no scenario")
class WebNamesNoScenarioTest {

  private static final Path WEB = Path.of("web");
  private static final Pattern FLAGSHIP_WORDS =
      Pattern.compile("(?i)bfg|flowcontrol|ksef|anna|marek|olena|tarasenko|lviv");
  /** Chrome texts keyed by engine words (e.g. a pipeline's Run label); scenario words are checked above. */
  private static final String DICTIONARY = "i18n.js";

  @Test
  @DisplayName("no file under web/ holds a word of the flagship scenario")
  void noFlagshipWord() throws IOException {
    List<String> hits = new ArrayList<>();
    for (Path file : files()) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher matcher = FLAGSHIP_WORDS.matcher(lines.get(i));
        if (matcher.find()) {
          hits.add(file + ":" + (i + 1) + " '" + matcher.group() + "': " + lines.get(i).strip());
        }
      }
    }
    assertThat(hits).as("flagship words in web/").isEmpty();
  }

  @Test
  @DisplayName("no script compares against an id of the flagship's groups, checks, sections or go/no-go node")
  void noFlagshipIdAsAMagicString() throws IOException {
    Scenario flagship = ScenarioLoader.load(RunningConsole.BFG).scenario();
    Set<String> kinds = flagship.sections().stream().map(SectionDef::kind).collect(Collectors.toSet());
    Set<String> ids = new TreeSet<>();
    Set<String> checkPrefixes = new TreeSet<>();
    for (GroupDef group : flagship.groups()) {
      ids.add(group.id());
      for (var check : group.checks()) {
        ids.add(check.id());
        int dot = check.id().indexOf('.');
        if (dot > 0) {
          checkPrefixes.add(check.id().substring(0, dot));
        }
      }
    }
    ids.add(flagship.production().id());
    for (SectionDef section : flagship.sections()) {
      ids.add(section.id());
      section.cards().forEach(card -> ids.add(card.id()));
    }
    ids.removeAll(kinds);
    assertThat(ids).as("flagship ids to look for")
        .contains("contracts", "production", "runbook", "connection", "dry-run", "session.last-write");
    assertThat(checkPrefixes).as("flagship check id prefixes").contains("contract", "session");

    // 'contracts', "production", `runbook` ... and check ids built from a prefix, such as `contract.${...}`
    Pattern literal = Pattern.compile("['\"`](" + alternatives(ids) + ")(['\"`]|\\.)"
        + "|['\"`](" + alternatives(checkPrefixes) + ")\\.");
    List<String> hits = new ArrayList<>();
    for (Path file : files()) {
      if (!file.toString().endsWith(".js") || file.getFileName().toString().equals(DICTIONARY)) {
        continue;
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher matcher = literal.matcher(lines.get(i));
        while (matcher.find()) {
          hits.add(file + ":" + (i + 1) + " " + matcher.group() + ": " + lines.get(i).strip());
        }
      }
    }
    assertThat(hits).as("flagship ids used as magic strings in web/ scripts").isEmpty();
  }

  private static String alternatives(Set<String> words) {
    return words.stream().map(Pattern::quote).collect(Collectors.joining("|"));
  }

  private static List<Path> files() throws IOException {
    assertThat(WEB.resolve("index.html")).as("the dashboard (tests run from the project root)").isRegularFile();
    try (Stream<Path> walk = Files.walk(WEB)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
