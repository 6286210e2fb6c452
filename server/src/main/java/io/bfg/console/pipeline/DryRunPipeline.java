package io.bfg.console.pipeline;

import io.bfg.console.eval.Checksums;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.model.DataModel.Tenancy;
import io.bfg.console.model.Pipelines;
import io.bfg.console.packets.RunbookSql;
import io.bfg.console.pipeline.ReplayPlan.TablePlan;
import io.bfg.console.snapshot.Snapshot;
import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TargetSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The dry-run: five steps inside ONE transaction that is rolled back, so whatever happens (a failed
 * step, a dropped connection, a crash of the console) the target keeps nothing.
 * <ol>
 *   <li>snapshot export: rows per batch group and the checksum, batches prepared off the event loop;</li>
 *   <li>schema map: the runbook packet's SQL itself, then every mapped column checked on the target;</li>
 *   <li>RBAC claims: the claims batch (the tenants table's batch: the tenant and its actors) written, then
 *       tenant isolation proven as the
 *       owning role (which FORCE must hold) and as the non-owning runtime role;</li>
 *   <li>adapter replay: every other row batch-written, everything read back under the tenant's
 *       session, and the checksum recomputed from what came back;</li>
 *   <li>rollback checkpoint (always runs): roll back, then prove the target is as it was before.</li>
 * </ol>
 */
final class DryRunPipeline implements PipelineSteps {

  /** A tenant id no snapshot uses: its session must see nothing. */
  static final String PROBE_TENANT = "console-isolation-probe";
  /** Where the cross-tenant write probe notes its outcome, local to the dry-run's transaction. */
  private static final String PROBE_OUTCOME = "console.cross_tenant_write";
  private static final long PROGRESS_EVERY_MS = 200;

  /**
   * What the dry-run rehearses: the scenario's data model and snapshot, the snapshot payload's schema
   * id and the prefix of its short checksums (the scenario's branding), and the runbook SQL to apply.
   */
  record Rehearsal(DataModel model, Snapshot snapshot, String snapshotSchema, String checksumPrefix,
                   String runbookSql) {
  }

  /** Reports a running step's progress (rows so far); the runner turns it into feed messages. */
  interface Progress {
    void report(String stepId, long done, long total);
  }

  private final Vertx vertx;
  private final TargetEndpoint endpoint;
  private final TargetSettings settings;
  private final DataModel model;
  private final Tenancy tenancy;
  private final Snapshot snapshot;
  private final String snapshotSchema;
  private final String checksumPrefix;
  private final String runbookSql;
  private final Progress progress;
  private final int batchRows;
  private final List<String> ids = Pipelines.STEPS.get(Pipelines.DRY_RUN);

  private TargetSession session;
  private Transaction transaction;
  private TargetFootprint before;
  private ReplayPlan plan;

  DryRunPipeline(Vertx vertx, TargetEndpoint endpoint, TargetSettings settings, Rehearsal rehearsal,
                 Progress progress, int batchRows) {
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.settings = settings;
    this.model = rehearsal.model();
    this.tenancy = model.tenancy();
    this.snapshot = rehearsal.snapshot();
    this.snapshotSchema = rehearsal.snapshotSchema();
    this.checksumPrefix = rehearsal.checksumPrefix();
    this.runbookSql = rehearsal.runbookSql();
    this.progress = progress;
    this.batchRows = batchRows;
  }

  @Override
  public List<StepDef> steps() {
    return List.of(
        StepDef.step(ids.get(0), this::export),
        StepDef.step(ids.get(1), this::schemaMap),
        StepDef.step(ids.get(2), this::rbacClaims),
        StepDef.step(ids.get(3), this::replay),
        StepDef.always(ids.get(4), this::rollbackCheckpoint));
  }

  @Override
  public Future<Void> close() {
    return session == null ? Future.succeededFuture() : session.close();
  }

  // ---- 1. snapshot export ----

  private Future<StepOutcome> export() {
    return TargetSession.open(vertx, endpoint, settings, "dry-run").compose(opened -> {
      session = opened;
      return TargetFootprint.capture(session, model, snapshot.tenantId());
    }).compose(footprint -> {
      before = footprint;
      return vertx.executeBlocking(() -> ReplayPlan.of(model, snapshot, batchRows), false);
    }).compose(built -> {
      plan = built;
      return session.begin();
    }).compose(tx -> {
      transaction = tx;
      // two consoles rehearsing on one target would trip over each other's tables
      return session.query("select pg_try_advisory_xact_lock(hashtext($1)) as locked",
          Tuple.of("integration-console dry-run " + model.schema()));
    }).map(locked -> {
      if (!locked.iterator().next().getBoolean("locked")) {
        throw new StepFailed("another dry-run is rehearsing on this target right now (its advisory lock is held); "
            + "try again when it has finished");
      }
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("rowsByBatch", plan.rowsByBatch());
      evidence.put("rows", plan.totalRows());
      evidence.put("checksum", plan.checksum());
      evidence.put("checksumShort", Checksums.shortForm(checksumPrefix, plan.checksum()));
      String batches = plan.rowsByBatch().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", "));
      return new StepOutcome("exported " + plan.totalRows() + " rows (" + batches + "), checksum "
          + evidence.get("checksumShort") + "; target before the run: " + before.describe()
          + "; transaction open",
          "wyeksportowano wiersze: " + plan.totalRows() + " (" + batches + "), suma kontrolna "
          + evidence.get("checksumShort") + "; cel przed przebiegiem: " + before.describePl()
          + "; transakcja otwarta", evidence);
    });
  }

  // ---- 2. schema map ----

  private Future<StepOutcome> schemaMap() {
    return session.query(runbookSql)
        .compose(ignored -> session.query("select table_name, column_name, data_type, udt_name "
            + "from information_schema.columns where table_schema = $1", Tuple.of(model.schema())))
        .map(rows -> {
          Map<String, Map<String, String>> onTarget = new HashMap<>();
          for (Row row : rows) {
            String type = "ARRAY".equals(row.getString("data_type")) ? row.getString("udt_name").substring(1) + "[]"
                : row.getString("data_type");
            onTarget.computeIfAbsent(row.getString("table_name"), t -> new HashMap<>())
                .put(row.getString("column_name"), type);
          }
          List<String> problems = new ArrayList<>();
          int columns = 0;
          for (TableDef table : model.tables()) {
            Map<String, String> actual = onTarget.get(table.name());
            if (actual == null) {
              problems.add(model.schema() + "." + table.name() + " does not exist after the runbook");
              continue;
            }
            for (ColumnDef column : table.columns()) {
              columns++;
              String found = actual.get(column.name());
              String expected = postgresType(column.type());
              if (found == null) {
                problems.add(table.name() + "." + column.name() + " is missing");
              } else if (!found.equals(expected)) {
                problems.add(table.name() + "." + column.name() + " is " + found + " on the target; the data model maps "
                    + column.type());
              }
            }
          }
          if (!problems.isEmpty()) {
            throw new StepFailed("the schema map does not hold: " + String.join("; ", problems));
          }
          Map<String, Object> evidence = new LinkedHashMap<>();
          evidence.put("runbookSha256", Checksums.sha256Hex(runbookSql.getBytes(StandardCharsets.UTF_8)));
          evidence.put("tables", model.tables().size());
          evidence.put("columns", columns);
          return new StepOutcome("ran the runbook packet (" + RunbookSql.statements(model).size()
              + " statements) inside the transaction; all " + columns + " mapped columns of " + model.tables().size()
              + " tables exist with compatible types",
              "wykonano pakiet runbooka (instrukcje: " + RunbookSql.statements(model).size()
              + ") w transakcji; wszystkie zmapowane kolumny (" + columns + ") tabel (" + model.tables().size()
              + ") istnieją ze zgodnymi typami", evidence);
        });
  }

  /** information_schema's name for each data-model type. */
  private static String postgresType(String type) {
    return switch (type) {
      case "timestamptz" -> "timestamp with time zone";
      default -> type;
    };
  }

  // ---- 3. RBAC claims rehearsal ----

  private Future<StepOutcome> rbacClaims() {
    String schema = model.schema();
    String runtime = settings.runtimeRole();
    Map<String, Object> evidence = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    return tenant(snapshot.tenantId())
        .compose(ignored -> write(true, ids.get(2)))
        .compose(written -> {
          evidence.put("claimsWritten", written);
          return session.query("select c.relname, c.relrowsecurity, c.relforcerowsecurity, "
              + "(select count(*) from pg_policy p where p.polrelid = c.oid) as policies "
              + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
              + "where n.nspname = $1 and c.relkind = 'r'", Tuple.of(schema));
        })
        .compose(catalog -> {
          Map<String, Row> byTable = new HashMap<>();
          catalog.forEach(row -> byTable.put(row.getString("relname"), row));
          int forced = 0;
          for (String table : RunbookSql.tableNames(model)) {
            Row row = byTable.get(table);
            if (row == null) {
              problems.add(schema + "." + table + " does not exist");
            } else if (!row.getBoolean("relrowsecurity")) {
              problems.add(schema + "." + table + " does not have row-level security enabled");
            } else if (row.getLong("policies") == 0) {
              problems.add(schema + "." + table + " has no row-level security policy (the runbook lacks "
                  + RunbookSql.policyName(model, table) + "): no tenant can see its rows");
            } else if (!row.getBoolean("relforcerowsecurity")) {
              problems.add(schema + "." + table + " does not FORCE row-level security: its owner bypasses the policy");
            } else {
              forced++;
            }
          }
          evidence.put("tablesWithForcedRls", forced);
          return visibleRows(PROBE_TENANT);
        })
        .compose(otherAsOwner -> {
          otherAsOwner.forEach((table, rows) -> {
            if (rows > 0) {
              problems.add("as " + endpoint.user() + " (the tables' owner) a session for tenant " + PROBE_TENANT
                  + " sees " + rows + " rows of " + table);
            }
          });
          evidence.put("otherTenantRowsAsOwner", otherAsOwner.values().stream().mapToLong(Long::longValue).sum());
          return session.query("grant usage on schema " + schema + " to " + runtime + "; grant select, insert on all "
              + "tables in schema " + schema + " to " + runtime + "; set local role " + runtime);
        })
        .compose(ignored -> visibleRows(PROBE_TENANT))
        .compose(otherAsRuntime -> {
          otherAsRuntime.forEach((table, rows) -> {
            if (rows > 0) {
              problems.add("as " + runtime + " a session for tenant " + PROBE_TENANT + " sees " + rows + " rows of "
                  + table);
            }
          });
          evidence.put("otherTenantRowsAsRuntimeRole", otherAsRuntime.values().stream().mapToLong(Long::longValue)
              .sum());
          return visibleRows(snapshot.tenantId());
        })
        .compose(ownAsRuntime -> {
          long own = ownAsRuntime.values().stream().mapToLong(Long::longValue).sum();
          long expected = plan.rows(true);
          if (own != expected) {
            problems.add("as " + runtime + " tenant " + snapshot.tenantId() + " sees " + own + " of its " + expected
                + " rows: " + ownAsRuntime);
          }
          evidence.put("ownRowsAsRuntimeRole", own);
          return crossTenantWrite();
        })
        .compose(refused -> {
          evidence.put("crossTenantWriteRefused", refused);
          if (!refused) {
            problems.add("tenant " + snapshot.tenantId() + " could write a row for tenant " + PROBE_TENANT
                + ": the policies' WITH CHECK is not enforced");
          }
          return session.query("reset role");
        })
        .map(ignored -> {
          if (!problems.isEmpty()) {
            throw new StepFailed("tenant isolation does not hold: " + String.join("; ", problems));
          }
          return new StepOutcome("wrote the " + plan.rows(true) + " claim rows (" + plan.claims() + "); "
              + "RLS enabled, forced and with a policy on all " + evidence.get("tablesWithForcedRls") + " tables (the "
              + model.tables().size() + " of the data model and " + RunbookSql.SNAPSHOTS_TABLE + "); "
              + "a session for another tenant sees 0 rows as the owner " + endpoint.user() + " and as " + runtime
              + "; tenant " + snapshot.tenantId() + " sees its own " + evidence.get("ownRowsAsRuntimeRole")
              + " and cannot write another tenant's row",
              "zapisano wiersze claimów: " + plan.rows(true) + " (" + plan.claims() + "); "
              + "RLS włączone, wymuszone i z polityką na wszystkich tabelach (" + evidence.get("tablesWithForcedRls")
              + ": " + model.tables().size() + " z modelu danych i " + RunbookSql.SNAPSHOTS_TABLE
              + "); sesja innego tenanta widzi 0 wierszy jako właściciel " + endpoint.user() + " i jako " + runtime
              + "; tenant " + snapshot.tenantId() + " widzi swoje wiersze (" + evidence.get("ownRowsAsRuntimeRole")
              + ") i nie może zapisać wiersza innego tenanta", evidence);
        });
  }

  /** Rows each runbook table shows to a session of {@code tenant}. */
  private Future<Map<String, Long>> visibleRows(String tenant) {
    String counts = RunbookSql.tableNames(model).stream()
        .map(t -> "select '" + t + "' as t, count(*) as n from " + model.schema() + "." + t)
        .collect(Collectors.joining(" union all "));
    return tenant(tenant).compose(ignored -> session.query(counts)).map(rows -> {
      Map<String, Long> out = new LinkedHashMap<>();
      rows.forEach(row -> out.put(row.getString("t"), row.getLong("n")));
      return out;
    });
  }

  /**
   * Tries, as the runtime role in the snapshot tenant's session, to write a tenant row for the probe
   * tenant. The insert runs in a PL/pgSQL block whose handler notes the outcome and undoes the
   * insert, so neither a refusal nor an acceptance aborts the dry-run's transaction.
   */
  private Future<Boolean> crossTenantWrite() {
    TableDef tenants = model.tables().stream().filter(t -> t.name().equals(tenancy.table())).findFirst()
        .orElseThrow();
    // the probe's own id as key and tenancy column, so only the policy (never a duplicate key) can refuse it
    String json = snapshot.tables().get(tenants.name()).get(0).deepCopy().put(tenants.key(), PROBE_TENANT)
        .put(tenancy.column(), PROBE_TENANT).toString();
    if (json.contains("$console$")) {
      throw new StepFailed("the tenant row cannot be quoted for the isolation probe");
    }
    String table = model.schema() + "." + tenants.name();
    String block = "do $console$ begin "
        + "insert into " + table + " select * from jsonb_populate_record(null::" + table + ", '"
        + json.replace("'", "''") + "'::jsonb); "
        + "raise exception 'cross-tenant write accepted'; "
        + "exception "
        + "when insufficient_privilege then perform set_config('" + PROBE_OUTCOME + "', 'refused', true); "
        + "when raise_exception then perform set_config('" + PROBE_OUTCOME + "', 'accepted', true); "
        + "end $console$";
    return tenant(snapshot.tenantId())
        .compose(ignored -> session.query(block))
        .compose(ignored -> session.query("select current_setting('" + PROBE_OUTCOME + "', true) as outcome"))
        .map(rows -> "refused".equals(rows.iterator().next().getString("outcome")));
  }

  // ---- 4. adapter replay ----

  private Future<StepOutcome> replay() {
    long started = System.nanoTime();
    long[] written = new long[1];
    long[] wroteAt = new long[1];
    ReadBackDigest digest = new ReadBackDigest(snapshotSchema, snapshot.tenantId());
    return tenant(snapshot.tenantId())
        .compose(ignored -> write(false, ids.get(3)))
        .compose(rows -> {
          written[0] = rows;
          wroteAt[0] = System.nanoTime();
          return readBack(digest);
        })
        .map(checksum -> {
          long finished = System.nanoTime();
          long rowsRead = digest.rows();
          if (rowsRead != plan.totalRows()) {
            throw new StepFailed("read back " + rowsRead + " rows, the snapshot has " + plan.totalRows());
          }
          String readShort = Checksums.shortForm(checksumPrefix, checksum);
          if (!checksum.equals(plan.checksum())) {
            throw new StepFailed("the rows read back have checksum " + readShort + ", the export has "
                + Checksums.shortForm(checksumPrefix, plan.checksum()) + ": the target changed values on "
                + "the way");
          }
          double writeSeconds = Math.max(1, wroteAt[0] - started) / 1e9;
          double readSeconds = Math.max(1, finished - wroteAt[0]) / 1e9;
          Map<String, Object> evidence = new LinkedHashMap<>();
          evidence.put("rowsWritten", written[0] + plan.rows(true));
          evidence.put("rowsReadBack", rowsRead);
          evidence.put("checksum", checksum);
          evidence.put("matchesExport", true);
          Map<String, Object> metrics = new LinkedHashMap<>();
          metrics.put("writeMs", Math.round(writeSeconds * 1000));
          metrics.put("writeRowsPerSecond", Math.round(written[0] / writeSeconds));
          metrics.put("readAndChecksumMs", Math.round(readSeconds * 1000));
          metrics.put("readRowsPerSecond", Math.round(rowsRead / readSeconds));
          return new StepOutcome("batch-wrote " + written[0] + " rows (plus " + plan.rows(true) + " claims) in "
              + metrics.get("writeMs") + " ms, read all " + rowsRead + " back under tenant " + snapshot.tenantId()
              + " and recomputed the checksum in " + metrics.get("readAndChecksumMs") + " ms: " + readShort
              + " equals the export's",
              "zapisano partiami wiersze: " + written[0] + " (plus claimy: " + plan.rows(true) + ") w "
              + metrics.get("writeMs") + " ms, odczytano wszystkie (" + rowsRead + ") jako tenant " + snapshot.tenantId()
              + " i przeliczono sumę kontrolną w " + metrics.get("readAndChecksumMs") + " ms: " + readShort
              + " zgadza się z eksportem", evidence, metrics);
        });
  }

  /**
   * Writes the claim tables or all the others, batch by batch, with two batches in flight so the
   * next one is on the wire while the server inserts the last; returns the rows written.
   */
  private Future<Long> write(boolean claims, String stepId) {
    long total = plan.rows(claims);
    long[] done = new long[1];
    long[] lastReport = {System.nanoTime()};
    Future<Void> previous = Future.succeededFuture();
    Future<Void> beforePrevious = Future.succeededFuture();
    for (TablePlan table : plan.tables()) {
      if (table.claims() != claims) {
        continue;
      }
      for (Object[] batch : table.batches()) {
        Future<Void> sent = beforePrevious.compose(ignored -> session.query(table.insertSql(), Tuple.from(batch))
            .map(result -> {
              done[0] += result.rowCount();
              long now = System.nanoTime();
              if (now - lastReport[0] > PROGRESS_EVERY_MS * 1_000_000) {
                lastReport[0] = now;
                progress.report(stepId, done[0], total);
              }
              return null;
            }));
        beforePrevious = previous;
        previous = sent;
      }
    }
    return Future.all(beforePrevious, previous).map(ignored -> {
      if (done[0] != total) {
        throw new StepFailed("the target accepted " + done[0] + " of " + total + " rows");
      }
      return done[0];
    });
  }

  /**
   * Reads every table under the current tenant session, back to back: the event loop decodes rows
   * while a worker renders them for the checksum, and each table rendered is folded into the
   * checksum, in payload order, while the next is being read. Returns the checksum.
   */
  private Future<String> readBack(ReadBackDigest digest) {
    Future<Void> reads = Future.succeededFuture();
    Future<Void> digested = Future.succeededFuture();
    Context context = vertx.getOrCreateContext();
    for (TablePlan table : plan.tablesByName()) {
      Future<ReadBackDigest.TableRead> read = reads.compose(ignored ->
          session.collect(table.readSql(), ReadBackDigest.collector(table.table(), context)));
      reads = read.mapEmpty();
      Future<ReadBackDigest.TableRows> rendered = read.compose(ReadBackDigest.TableRead::rendered);
      digested = Future.all(digested, rendered).compose(ignored -> vertx.executeBlocking(() -> {
        digest.table(rendered.result());
        return null;
      }, true));
    }
    return digested.compose(ignored -> vertx.executeBlocking(digest::finish, true));
  }

  // ---- 5. rollback checkpoint ----

  private Future<StepOutcome> rollbackCheckpoint() {
    if (before == null) {
      throw new StepFailed.NothingToDo("nothing to roll back: the run stopped before it reached the target");
    }
    // a rollback that cannot be sent means the session is gone, and PostgreSQL discards the transaction
    Future<Boolean> rolledBack = transaction == null || session == null || session.closed()
        ? Future.succeededFuture(false)
        : session.rollback(transaction).map(true).otherwise(false);
    return rolledBack
        .compose(sent -> {
          String how = transaction == null ? "no transaction was opened"
              : sent ? "rolled back the transaction"
              : "the transaction could not be rolled back on its session (the session failed or closed mid-run), "
                  + "so PostgreSQL discarded it";
          Future<TargetSession> checker = sent || transaction == null && session != null && !session.closed()
              ? Future.succeededFuture(session)
              : TargetSession.open(vertx, endpoint, settings, "dry-run rollback check");
          return checker.map(c -> Map.entry(how, c));
        })
        .compose(checked -> TargetFootprint.capture(checked.getValue(), model, snapshot.tenantId())
            .eventually(() -> checked.getValue() == session ? Future.succeededFuture() : checked.getValue().close())
            .map(after -> Map.entry(checked.getKey(), after)))
        .map(result -> {
          String how = result.getKey();
          String howPl = transaction == null ? "nie otwarto transakcji"
              : how.startsWith("rolled back") ? "wycofano transakcję"
              : "transakcji nie dało się wycofać w jej sesji (sesja zawiodła lub zamknęła się w trakcie), "
                  + "więc PostgreSQL ją odrzucił";
          TargetFootprint after = result.getValue();
          if (!after.equals(before)) {
            throw new StepFailed(how + ", but the target changed: before " + before.describe() + "; after "
                + after.describe());
          }
          Map<String, Object> evidence = new LinkedHashMap<>();
          evidence.put("rolledBack", true);
          evidence.put("footprint", after.describe());
          evidence.put("residue", 0);
          return new StepOutcome(how + "; the target is as before: " + after.describe(),
              howPl + "; cel jest taki jak przedtem: " + after.describePl(), evidence);
        });
  }

  /** Makes this transaction a session of {@code tenant}, as the application would with the tenancy setting. */
  private Future<RowSet<Row>> tenant(String tenant) {
    return session.query("select set_config($1, $2, true)", Tuple.of(tenancy.setting(), tenant));
  }
}
