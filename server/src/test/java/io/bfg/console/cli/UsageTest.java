package io.bfg.console.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --help} and {@code -h} on gate, watch and generate: the usage on stdout, exit 0, nothing run. */
@DisplayName("The CLI commands' usage")
class UsageTest {

  /** Exit code and everything printed by one run of a command. */
  record Run(int exit, String out, String err) {
  }

  private static Run run(String command, List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = switch (command) {
        case "gate" -> GateCommand.run(args, o, e);
        case "watch" -> WatchCommand.run(args, o, e);
        case "generate" -> GenerateCommand.run(args, o, e);
        default -> throw new IllegalArgumentException(command);
      };
    }
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String usage(String command) {
    return switch (command) {
      case "gate" -> GateCommand.USAGE;
      case "watch" -> WatchCommand.USAGE;
      case "generate" -> GenerateCommand.USAGE;
      default -> throw new IllegalArgumentException(command);
    };
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "gate, --help", "gate, -h", "gate, --url http://127.0.0.1:9 --help", "gate, --bogus 1 -h",
      "watch, --help", "watch, -h", "watch, --count 2 --help",
      "generate, --help", "generate, -h", "generate, --rows 5 --out /nonexistent/x.json --help"})
  @DisplayName("prints the usage and exits 0 without running the command")
  void help(String command, String args) {
    Run run = run(command, Arrays.asList(args.split(" ")));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo(usage(command)).startsWith("usage: " + command + " ");
    assertThat(run.err()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gate", "watch", "generate"})
  @DisplayName("names every option the command accepts, in the synopsis and in the list below it")
  void everyOption(String command) {
    Run refused = run(command, List.of("--no-such-option", "x"));
    Matcher known = Pattern.compile("known: \\[([^]]*)]").matcher(refused.err());
    assertThat(known.find()).as(refused.toString()).isTrue();
    List<String> options = new ArrayList<>(Arrays.asList(known.group(1).split(", ")));

    String usage = usage(command);
    assertThat(options).isNotEmpty();
    assertThat(usage.lines().findFirst().orElseThrow()).contains(options);
    for (String option : options) {
      assertThat(usage.lines().skip(1)).as("a line explaining " + option).anyMatch(line -> line.strip().startsWith(option + " "));
    }
    assertThat(usage).contains("-h, --help");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gate", "watch"})
  @DisplayName("still takes -h as the value of an option, where a value belongs")
  void helpAsAValue(String command) {
    Run run = run(command, List.of("--url", "-h", "--bogus", "1"));

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--bogus");
  }
}
