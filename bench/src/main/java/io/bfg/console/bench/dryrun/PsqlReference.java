package io.bfg.console.bench.dryrun;

import io.bfg.console.bench.dryrun.ConsoleApi.BrokenRun;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The physical reference: what PostgreSQL's own bulk path does with the same rows on the same
 * server, tables and role. One psql session, one transaction that is rolled back: the runbook SQL,
 * the tenant setting, a timed {@code \copy ... from} per table in data-model order, then a timed
 * {@code \copy (select ...) to '/dev/null'} per table (under the forced row-level security, like
 * the console's read-back).
 *
 * <p>One difference is forced on it: PostgreSQL refuses {@code COPY FROM} into a table whose
 * row-level security applies to the session ("COPY FROM not supported with row-level security"),
 * and the runbook FORCEs it on the owner. So the script lifts FORCE (inside the transaction) for the
 * loads, letting the owner bypass the policy's per-row WITH CHECK, and restores it before reading.
 */
final class PsqlReference {

  private static final Pattern TIME = Pattern.compile("^Time: ([0-9]+(?:\\.[0-9]+)?) ms");
  private static final Pattern COPIED = Pattern.compile("^COPY (\\d+)$");
  private static final Pattern MARK = Pattern.compile("^@(from|to) (\\S+)$");
  private static final long LIMIT_MINUTES = 30;

  /** One timed {@code \copy}: rows as psql reported them and psql's own {@code \timing}. */
  record Timing(String table, long rows, double ms) {
  }

  /** Both directions of one session, per table in data-model order. */
  record Result(Map<String, Timing> copyFrom, Map<String, Timing> copyTo, double sessionMs) {

    static double rowsPerSecond(Map<String, Timing> timings, Collection<String> tables) {
      long rows = 0;
      double ms = 0;
      for (String table : tables) {
        rows += timings.get(table).rows();
        ms += timings.get(table).ms();
      }
      return rows / (ms / 1000.0);
    }

    static double ms(Map<String, Timing> timings, Collection<String> tables) {
      return tables.stream().mapToDouble(t -> timings.get(t).ms()).sum();
    }
  }

  private final Path psql;
  private final Path work;
  private final DataModel model;
  private final String tenantId;
  private final Path runbook;
  private final Map<String, Path> csv;
  private final Map<String, Long> expectedRows;

  PsqlReference(Path psql, Path work, DataModel model, String tenantId, Path runbook, Map<String, Path> csv,
                Map<String, Long> expectedRows) {
    this.psql = psql;
    this.work = work;
    this.model = model;
    this.tenantId = tenantId;
    this.runbook = runbook;
    this.csv = csv;
    this.expectedRows = expectedRows;
  }

  /** Runs one session against {@code port} as {@code user}; fails on any psql error or a row count that differs. */
  Result run(int port, String database, String user, String password, String label)
      throws IOException, InterruptedException {
    Path script = work.resolve("copy-" + label + ".sql");
    Path output = work.resolve("copy-" + label + ".out");
    Files.writeString(script, script(), StandardCharsets.UTF_8);
    ProcessBuilder builder = new ProcessBuilder(psql.toString(), "-X", "-v", "ON_ERROR_STOP=1", "-f", script.toString(),
        "-d", "host=127.0.0.1 port=" + port + " dbname=" + database + " user=" + user
            + " sslmode=require application_name=bench-psql-copy")
        .redirectErrorStream(true).redirectOutput(output.toFile());
    // the password goes through the environment, never the command line other users can read
    builder.environment().put("PGPASSWORD", password);
    builder.environment().put("PGCONNECT_TIMEOUT", "10");
    long started = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new BrokenRun("psql did not finish within " + LIMIT_MINUTES + " minutes (" + output + ")");
    }
    double sessionMs = (System.nanoTime() - started) / 1e6;
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new BrokenRun("psql exited with " + process.exitValue() + ":\n" + tail(lines, 15));
    }
    Map<String, Timing> from = new LinkedHashMap<>();
    Map<String, Timing> to = new LinkedHashMap<>();
    String direction = null;
    String table = null;
    long rows = -1;
    for (String line : lines) {
      Matcher mark = MARK.matcher(line);
      Matcher copied = COPIED.matcher(line);
      Matcher time = TIME.matcher(line);
      if (mark.matches()) {
        direction = mark.group(1);
        table = mark.group(2);
        rows = -1;
      } else if (table != null && copied.matches()) {
        rows = Long.parseLong(copied.group(1));
      } else if (table != null && rows >= 0 && time.find()) {
        ("from".equals(direction) ? from : to).put(table, new Timing(table, rows, Double.parseDouble(time.group(1))));
        table = null;
      } else if (line.contains("ERROR") || line.contains("FATAL")) {
        throw new BrokenRun("psql reported: " + line);
      }
    }
    for (TableDef def : model.tables()) {
      long expected = expectedRows.get(def.name());
      for (Map<String, Timing> side : List.of(from, to)) {
        Timing timing = side.get(def.name());
        if (timing == null || timing.rows() != expected) {
          throw new BrokenRun("psql " + (side == from ? "COPY FROM" : "COPY TO") + " of " + def.name() + " moved "
              + (timing == null ? "nothing we could read" : timing.rows() + " rows") + ", expected " + expected
              + " (" + output + ")");
        }
      }
    }
    return new Result(from, to, sessionMs);
  }

  private String script() {
    String schema = model.schema();
    StringBuilder out = new StringBuilder();
    out.append("\\set QUIET on\n");
    out.append("set client_min_messages = warning;\n"); // as the console's sessions: the runbook's notices are not news
    out.append("begin;\n");
    out.append("\\i ").append(quoted(runbook)).append('\n');
    out.append("select set_config('bfg.tenant_id', '").append(tenantId.replace("'", "''"))
        .append("', true) \\g /dev/null\n");
    out.append("-- COPY FROM is refused while row-level security applies to the session: lift FORCE for the load\n");
    for (TableDef table : model.tables()) {
      out.append("alter table ").append(schema).append('.').append(table.name())
          .append(" no force row level security;\n");
    }
    out.append("\\set QUIET off\n\\timing on\n");
    for (TableDef table : model.tables()) {
      out.append("\\echo @from ").append(table.name()).append('\n');
      out.append("\\copy ").append(schema).append('.').append(table.name()).append('(').append(columns(table))
          .append(") from ").append(quoted(csv.get(table.name()))).append(" csv\n");
    }
    out.append("\\timing off\n\\set QUIET on\n");
    for (TableDef table : model.tables()) {
      out.append("alter table ").append(schema).append('.').append(table.name())
          .append(" force row level security;\n");
    }
    out.append("\\set QUIET off\n\\timing on\n");
    for (TableDef table : model.tables()) {
      out.append("\\echo @to ").append(table.name()).append('\n');
      out.append("\\copy (select ").append(columns(table)).append(" from ").append(schema).append('.')
          .append(table.name()).append(") to '/dev/null' csv\n");
    }
    out.append("\\timing off\n");
    out.append("rollback;\n");
    return out.toString();
  }

  private static String columns(TableDef table) {
    return table.columns().stream().map(ColumnDef::name).collect(Collectors.joining(", "));
  }

  private static String quoted(Path path) {
    String text = path.toAbsolutePath().toString();
    if (text.contains("'")) {
      throw new IllegalArgumentException("a path psql reads may not contain a quote: " + text);
    }
    return "'" + text + "'";
  }

  private static String tail(List<String> lines, int n) {
    return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - n), lines.size())));
  }
}
