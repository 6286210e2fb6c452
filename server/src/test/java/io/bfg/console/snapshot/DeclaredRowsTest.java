package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.cli.GenerateCommand;
import io.bfg.console.scenario.ScenarioException;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rows a scenario's snapshot holds come from what its data-model.yaml declares, through the
 * real loader and the real {@code generate} command on real files: a renamed actors table keeps
 * its actors, an extra column is refused or filled as declared (never silently {@code false}), a
 * data model unlike BFG's gets plausible rows of its own.
 */
class DeclaredRowsTest {

  // What the engine wrote for tables it did not know: <table>-<column>-<index>.
  private static final Pattern PLACEHOLDER = Pattern.compile("[a-z_]+-[a-z_]+-\\d{4}");

  @TempDir
  Path dir;

  @Test
  @DisplayName("a renamed actors table still holds one row per actor, because it says so")
  void renamedActorsTable() throws IOException {
    Path folder = copy("minimal");
    replace(folder.resolve("data-model.yaml"), "name: users", "name: staff");

    ScenarioLoader.Loaded loaded = ScenarioLoader.load(folder);

    assertThat(loaded.snapshot().tables()).doesNotContainKey("users");
    assertThat(loaded.snapshot().tables().get("staff")).extracting(row -> row.get("user_id").asText())
        .containsExactly("user_ops", "user_owner");
    assertThat(loaded.snapshot().tables().get("staff")).extracting(row -> row.get("display_name").asText())
        .containsExactly("Piotr Wrona", "Olga Nowak");
  }

  @Test
  @DisplayName("an extra column of the actors table without a source is refused, naming the file and the column")
  void extraColumnWithoutSource() throws IOException {
    Path folder = copy("minimal");
    replace(folder.resolve("data-model.yaml"), "      - {name: permissions, type: \"text[]\", nullable: false, from: actor.permissions}\n",
        "      - {name: permissions, type: \"text[]\", nullable: false, from: actor.permissions}\n"
            + "      - {name: active, type: boolean, nullable: false}\n");

    assertThatThrownBy(() -> ScenarioLoader.load(folder)).isInstanceOfSatisfying(ScenarioException.class, e ->
        assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.file()).isEqualTo(folder.resolve("data-model.yaml").toString());
          assertThat(p.path()).isEqualTo("tables[1].columns[5]");
          assertThat(p.message()).contains("no source for 'active'", "actor.id");
        }));
  }

  @Test
  @DisplayName("an extra column of the actors table gets the value it declares")
  void extraColumnWithValue() throws IOException {
    Path folder = copy("minimal");
    replace(folder.resolve("data-model.yaml"), "      - {name: permissions, type: \"text[]\", nullable: false, from: actor.permissions}\n",
        "      - {name: permissions, type: \"text[]\", nullable: false, from: actor.permissions}\n"
            + "      - {name: active, type: boolean, nullable: false, value: true}\n"
            + "      - {name: role_label, type: text, nullable: false, from: actor.role}\n");

    List<ObjectNode> users = ScenarioLoader.load(folder).snapshot().tables().get("users");

    assertThat(users).extracting(row -> row.get("active").asBoolean()).containsOnly(true);
    assertThat(users).extracting(row -> row.get("role_label").asText()).containsExactly("Dispatcher", "Managing Director");
  }

  @Test
  @DisplayName("a source that does not fit its column is refused, naming the file and the declaration")
  void sourceOfTheWrongType() throws IOException {
    Path folder = copy("minimal");
    replace(folder.resolve("data-model.yaml"), "from: actor.roleKey", "from: actor.permissions");

    assertThatThrownBy(() -> ScenarioLoader.load(folder)).isInstanceOfSatisfying(ScenarioException.class, e ->
        assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.file()).isEqualTo(folder.resolve("data-model.yaml").toString());
          assertThat(p.path()).isEqualTo("tables[1].columns[2].from");
          assertThat(p.message()).contains("'actor.permissions' is text[], the column is text");
        }));
  }

  @Test
  @DisplayName("a tenancy setting that is not a custom PostgreSQL setting is refused, naming the file and path")
  void badSetting() throws IOException {
    Path folder = copy("minimal");
    replace(folder.resolve("data-model.yaml"), "schema: acme_console\n",
        "schema: acme_console\ntenancy: {setting: acme-tenant}\n");

    assertThatThrownBy(() -> ScenarioLoader.load(folder)).isInstanceOfSatisfying(ScenarioException.class, e ->
        assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.file()).isEqualTo(folder.resolve("data-model.yaml").toString());
          assertThat(p.path()).isEqualTo("tenancy.setting");
          assertThat(p.message()).contains("'acme-tenant' is not a custom PostgreSQL setting name");
        }));
  }

  @Test
  @DisplayName("a data model with its own tenancy, tables and types gets plausible generated rows that load back")
  void anotherDataModel() throws IOException {
    Path folder = copy("ferry-data");
    Path out = folder.resolve("sample-data.json");

    String err = generate("--scenario", folder.toString(), "--seed", "11", "--out", out.toString());

    assertThat(err).contains("wrote 86 rows to " + out);
    ScenarioLoader.Loaded loaded = ScenarioLoader.load(folder);
    assertThat(loaded.scenario().dataModel().tenancy().setting()).isEqualTo("ferry.operator_code");
    assertThat(loaded.snapshot().tables().get("operators")).singleElement()
        .satisfies(row -> assertThat(row.get("legal_name").asText()).isEqualTo("Nordfjord Ferjer AS"));
    assertThat(loaded.snapshot().tables().get("crew_members")).hasSize(4);
    assertThat(loaded.snapshot().tables().get("vessels")).hasSize(6);
    assertThat(loaded.snapshot().tables().get("sailings")).hasSize(20);
    for (List<ObjectNode> rows : loaded.snapshot().tables().values()) {
      for (ObjectNode row : rows) {
        assertThat(row.get("operator_code").asText()).isEqualTo("nordfjord");
        assertNoPlaceholder(row);
      }
    }
  }

  @Test
  @DisplayName("generate scales the declared row counts and, for a seed, always writes the same bytes")
  void generateScalesAndRepeats() throws IOException {
    Path folder = copy("ferry-data");
    Path first = dir.resolve("first.json");
    Path second = dir.resolve("second.json");

    generate("--scenario", folder.toString(), "--rows", "40", "--out", first.toString());
    generate("--scenario", folder.toString(), "--rows", "40", "--out", second.toString());

    assertThat(Files.readString(second)).isEqualTo(Files.readString(first));
    JsonNode tables = SampleDataFile.mapper().readTree(first.toFile()).get("tables");
    assertThat(tables.get("vessels")).hasSize(12);
    assertThat(tables.get("sailings")).hasSize(40);
    assertThat(tables.get("tickets")).hasSize(120);
  }

  private static void assertNoPlaceholder(JsonNode value) {
    if (value.isContainerNode()) {
      value.forEach(DeclaredRowsTest::assertNoPlaceholder);
    } else if (value.isTextual()) {
      assertThat(value.asText()).doesNotMatch(PLACEHOLDER).doesNotContainIgnoringCase("bfg");
    }
  }

  private static String generate(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit = GenerateCommand.run(List.of(args), stream, stream);
    String messages = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(messages).isZero();
    return messages;
  }

  private Path copy(String fixture) throws IOException {
    Path from = fixture(fixture);
    Path to = Files.createDirectories(dir.resolve(fixture));
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
    return to;
  }

  private static Path fixture(String name) {
    URL url = DeclaredRowsTest.class.getResource("/scenarios/" + name + "/scenario.yaml");
    if (url == null) {
      throw new IllegalStateException("no test fixture scenarios/" + name + " on the test class path");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).as("the fixture %s", file.getFileName()).contains(from);
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
  }
}
