package io.bfg.console.cli;

import io.bfg.console.Main;
import io.bfg.console.model.DataModel;
import io.bfg.console.snapshot.DataModelException;
import io.bfg.console.snapshot.DataModelReader;
import io.bfg.console.snapshot.SampleData;
import io.bfg.console.snapshot.SampleDataFile;
import io.bfg.console.snapshot.SampleDataGenerator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code generate --rows N [--seed S] [--scenario DIR] [--out FILE]}: deterministic sample data
 * for the scenario's data model (N rows per operational table), e.g. for benchmarks. The shipped
 * sample-data.json is this command's output with the default seed and 40 rows.
 */
public final class GenerateCommand {

  public static final String USAGE = """
      usage: generate [--rows N] [--seed S] [--scenario DIR] [--tenant ID] [--out FILE]
        Writes deterministic sample data for the scenario's data model (data-model.yaml), the same
        rows for the same seed, e.g. for benchmarks. The shipped sample-data.json is this output
        with the default seed and 40 rows.
        --rows N        rows per operational table, 0 to 10000000 (default %d)
        --seed S        seed of the generator, any whole number (default %d)
        --scenario DIR  the scenario folder (default scenarios/bfg-flowcontrol)
        --tenant ID     tenant id written into every row (default bfg-control)
        --out FILE      write to FILE instead of standard output
        -h, --help      print this text
      Exit codes: 0 written; 2 bad options, an unreadable data model or an unwritable --out.
      """.formatted(SampleDataGenerator.DEFAULT_ROWS_PER_TABLE, SampleDataGenerator.DEFAULT_SEED);

  private GenerateCommand() {
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    try {
      Flags flags = Flags.parse(args, Set.of("--rows", "--seed", "--scenario", "--out", "--tenant"));
      if (flags.help()) {
        out.print(USAGE);
        return 0;
      }
      int rows = (int) flags.number("--rows", SampleDataGenerator.DEFAULT_ROWS_PER_TABLE, 0, 10_000_000);
      long seed = flags.number("--seed", SampleDataGenerator.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
      Path scenario = Path.of(flags.get("--scenario", "scenarios/bfg-flowcontrol"));
      DataModel model = DataModelReader.read(scenario.resolve("data-model.yaml"));
      String tenant = flags.get("--tenant", "bfg-control");
      SampleData data = new SampleData(tenant, SampleDataGenerator.generate(tenant, model, rows, seed));
      String target = flags.get("--out");
      if (target == null) {
        out.print(SampleDataFile.render(data));
      } else {
        SampleDataFile.write(Path.of(target), data);
        err.println("wrote " + data.rows() + " rows to " + target);
      }
      return 0;
    } catch (IllegalArgumentException | UncheckedIOException | DataModelException e) {
      err.println("generate: " + e.getMessage());
      return Main.EXIT_CONFIG;
    }
  }
}
