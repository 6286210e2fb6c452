package io.bfg.console.cli;

import io.bfg.console.AppConfig;
import io.bfg.console.Main;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.Tenant;
import io.bfg.console.scenario.ScenarioException;
import io.bfg.console.scenario.ScenarioLoader;
import io.bfg.console.snapshot.DataModelException;
import io.bfg.console.snapshot.SampleData;
import io.bfg.console.snapshot.SampleDataFile;
import io.bfg.console.snapshot.SampleDataGenerator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code generate [--rows N] [--seed S] [--scenario DIR] [--tenant ID] [--out FILE]}: deterministic
 * sample data for a scenario, drawn by the generators its data-model.yaml declares, e.g. to ship
 * with the scenario or for benchmarks.
 */
public final class GenerateCommand {

  public static final String USAGE = """
      usage: generate [--rows N] [--seed S] [--scenario DIR] [--tenant ID] [--out FILE]
        Writes sample data (sample-data.json) for a scenario, drawn by the generators its
        data-model.yaml declares: the same rows for the same seed. The tables filled from the
        scenario's tenant and actors are not written; the others may refer to them.
        --rows N        scales every table's row count: a table declaring rows R in a model whose
                        sampleData.rows is B gets R * N / B rows (default B, the declared counts);
                        0 to 10000000
        --seed S        seed of the generator, any whole number (default %d)
        --scenario DIR  the scenario folder (default CONSOLE_SCENARIO, else the one serve uses)
        --tenant ID     tenant id written into every row (default the scenario's tenant)
        --out FILE      write to FILE instead of standard output
        -h, --help      print this text
      Exit codes: 0 written; 2 bad options, an invalid scenario or data model, or an unwritable --out.
      """.formatted(SampleDataGenerator.DEFAULT_SEED);

  private GenerateCommand() {
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /** {@code environment} supplies CONSOLE_SCENARIO when --scenario is not given. */
  public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
    try {
      Flags flags = Flags.parse(args, Set.of("--rows", "--seed", "--scenario", "--out", "--tenant"));
      if (flags.help()) {
        out.print(USAGE);
        return 0;
      }
      long seed = flags.number("--seed", SampleDataGenerator.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
      String dir = flags.get("--scenario");
      // the scenario is found as serve finds it, so the two never disagree on the default
      Map<String, String> scenarioOnly = environment.containsKey("CONSOLE_SCENARIO")
          ? Map.of("CONSOLE_SCENARIO", environment.get("CONSOLE_SCENARIO")) : Map.of();
      Path folder = AppConfig.from(scenarioOnly, dir == null ? List.of() : List.of("--scenario", dir)).scenarioDir();
      Scenario scenario = load(folder);
      DataModel model = scenario.dataModel();
      int rows = (int) flags.number("--rows", model.sampling().rows(), 0, 10_000_000);
      Tenant own = scenario.tenant();
      Tenant tenant = new Tenant(flags.get("--tenant", own.id()), own.name(), own.mode(), own.session());
      SampleData data = new SampleData(tenant.id(),
          SampleDataGenerator.generate(model, tenant, scenario.actors(), rows, seed));
      String target = flags.get("--out");
      if (target == null) {
        out.print(SampleDataFile.render(data));
      } else {
        SampleDataFile.write(Path.of(target), data);
        err.println("wrote " + data.rows() + " rows to " + target);
      }
      return 0;
    } catch (DataModelException e) {
      err.println("generate: data-model.yaml: " + e.getMessage());
      return Main.EXIT_CONFIG;
    } catch (ScenarioException e) {
      err.println("generate: the scenario is invalid:\n" + e.getMessage());
      return Main.EXIT_CONFIG;
    } catch (IllegalArgumentException | UncheckedIOException | AppConfig.ConfigException e) {
      err.println("generate: " + e.getMessage());
      return Main.EXIT_CONFIG;
    }
  }

  // The tenant and actors come from scenario.yaml. A sample-data.json that no longer fits the data
  // model (the usual reason to regenerate it) must not stand in the way: the scenario is then read
  // without it.
  private static Scenario load(Path folder) {
    try {
      return ScenarioLoader.load(folder).scenario();
    } catch (ScenarioException e) {
      String sample = folder.resolve(SampleDataFile.FILE_NAME).toString();
      if (e.problems().isEmpty() || !e.problems().stream().allMatch(p -> p.file().equals(sample))) {
        throw e;
      }
      return withoutSampleData(folder);
    }
  }

  private static Scenario withoutSampleData(Path folder) {
    Path copy = null;
    try {
      copy = Files.createTempDirectory("generate-");
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          if (!file.getFileName().toString().equals(SampleDataFile.FILE_NAME)) {
            Files.copy(file, copy.resolve(file.getFileName()));
          }
        }
      }
      return ScenarioLoader.load(copy).scenario();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the scenario " + folder, e);
    } finally {
      delete(copy);
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a leftover temp copy is harmless
    }
  }
}
