package io.bfg.console.bench;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each benchmark script compiles its load generators apart from the Maven build (they must not need the
 * JMH half of the bench module), so Maven compiling the bench module proves nothing about a script's own
 * file list: a generator that started to use a shared bench class once broke three scripts unseen. This
 * runs every script's {@code compile_generators} line through bench/lib.sh against the console's classes.
 */
@DisplayName("Benchmark scripts compile their generators")
class BenchGeneratorsCompileTest {

  private static final Pattern COMPILE = Pattern.compile("(?m)^(?:\\w+=\"[^\"]*\" )?compile_generators \"[^\"]+\" (.+)$");

  static Stream<Path> scripts() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bench"))) {
      List<Path> scripts = files.filter(p -> p.getFileName().toString().matches("run-.*\\.sh"))
          .filter(p -> read(p).contains("compile_generators ")).sorted().toList();
      assertThat(scripts).as("scripts that compile generators").hasSizeGreaterThanOrEqualTo(5);
      return scripts.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void compilesWithTheConsoleClassesOnly(Path script, @TempDir Path classes) throws Exception {
    Matcher line = COMPILE.matcher(read(script));
    assertThat(line.find()).as("%s calls compile_generators \"<dir>\" <sources>", script).isTrue();
    String command = "set -euo pipefail; ROOT=\"$PWD\"; source bench/lib.sh; compile_generators \"$OUT\" " + line.group(1);
    ProcessBuilder bash = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
    bash.environment().put("OUT", classes.toString());
    bash.environment().put("CONSOLE_JAR", System.getProperty("java.class.path"));
    Process process = bash.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("javac for %s:%n%s", script, output).isZero();
    try (Stream<Path> compiled = Files.walk(classes)) {
      assertThat(compiled.filter(p -> p.toString().endsWith(".class")).count()).as("classes compiled").isPositive();
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
