package io.bfg.console.packets;

import io.bfg.console.model.PacketIds;
import io.bfg.console.eval.Checksums;
import io.bfg.console.eval.Evaluation;
import io.bfg.console.model.Environment;
import io.bfg.console.model.Facts;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the seven packets from one evaluation: the runbook SQL, env blocks for release and
 * rollback, the preflight report, the data cutover plan and the connection/dry-run evidence.
 * Pure and deterministic; every packet carries the SHA-256 of its content so a reviewer can
 * tell two copies apart.
 */
public final class Packets {

  /** A rendered packet: {@code format} is sql, env or text; {@code content} is ready to copy. */
  public record Packet(String id, String format, long seq, String decision, String content, String checksum) {
  }

  private Packets() {
  }

  /** Null for an unknown id. {@code evaluation} must be the English rendering of {@code state}. */
  public static Packet render(String id, Scenario scenario, Evaluation evaluation, SessionState state) {
    return switch (id) {
      case PacketIds.RUNBOOK -> packet(id, "sql", evaluation, decision(evaluation, "runbook"), runbook(scenario, evaluation));
      case PacketIds.RELEASE_HANDOFF -> packet(id, "env", evaluation, decision(evaluation, "release"),
          envBlock(release(scenario, evaluation)));
      case PacketIds.ROLLBACK_DRILL -> packet(id, "env", evaluation, decision(evaluation, "rollback"),
          envBlock(rollback(scenario, evaluation)));
      case PacketIds.PREFLIGHT -> packet(id, "text", evaluation, decision(evaluation, "preflight"), preflight(scenario, evaluation));
      case PacketIds.DATA_CUTOVER_PLAN -> packet(id, "text", evaluation, decision(evaluation, "data-cutover"),
          dataCutover(scenario, evaluation));
      case PacketIds.CONNECTION -> packet(id, "text", evaluation, decision(evaluation, "connection"),
          pipeline(id, Pipelines.CONNECTION, scenario, evaluation, state));
      case PacketIds.DRY_RUN -> packet(id, "text", evaluation, decision(evaluation, "dry-run"),
          pipeline(id, Pipelines.DRY_RUN, scenario, evaluation, state));
      default -> null;
    };
  }

  private static Packet packet(String id, String format, Evaluation evaluation, String decision, String content) {
    return new Packet(id, format, evaluation.seq(), decision, content,
        Checksums.sha256Hex(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static String runbook(Scenario scenario, Evaluation evaluation) {
    var snapshot = scenario.snapshot();
    return RunbookSql.render(scenario.dataModel(), new RunbookSql.RunbookHeader(snapshot.schema(),
        scenario.target().adapter(), scenario.tenant().session(), snapshot.checksumShort(), snapshot.totalRows(),
        decision(evaluation, "runbook")));
  }

  /** The nine BFG_* release variables, in {@link Facts#RELEASE_ENV_VARS} order. */
  static Map<String, String> release(Scenario scenario, Evaluation evaluation) {
    Map<String, String> vars = new LinkedHashMap<>();
    List<String> names = Facts.RELEASE_ENV_VARS;
    vars.put(names.get(0), activeEnvironment(scenario));
    vars.put(names.get(1), scenario.target().adapter());
    vars.put(names.get(2), scenario.target().contract());
    vars.put(names.get(3), evaluation.session().storage());
    vars.put(names.get(4), evaluation.session().auth());
    vars.put(names.get(5), scenario.tenant().mode());
    vars.put(names.get(6), scenario.target().rollbackOwner());
    vars.put(names.get(7), PacketIds.DRY_RUN);
    vars.put(names.get(8), decision(evaluation, "release"));
    return vars;
  }

  static Map<String, String> rollback(Scenario scenario, Evaluation evaluation) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("BFG_ROLLBACK_DECISION", decision(evaluation, "rollback"));
    vars.put("BFG_ROLLBACK_OWNER", scenario.target().rollbackOwner());
    vars.put("BFG_ROLLBACK_STORAGE", scenario.target().rollbackAdapter());
    vars.put("BFG_ROLLBACK_AUTH", evaluation.session().auth());
    vars.put("BFG_ROLLBACK_EVIDENCE", PacketIds.RELEASE_HANDOFF);
    vars.put("BFG_ROLLBACK_PACKET", PacketIds.ROLLBACK_DRILL);
    return vars;
  }

  private static String preflight(Scenario scenario, Evaluation evaluation) {
    var snapshot = scenario.snapshot();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("schema", snapshot.schema());
    fields.put("target", scenario.target().adapter());
    fields.put("session", scenario.tenant().session());
    fields.put("checksum", snapshot.checksumShort());
    fields.put("checksum_sha256", snapshot.checksum());
    fields.put("rows", String.valueOf(snapshot.totalRows()));
    snapshot.rowsByTable().forEach((table, rows) -> fields.put("rows." + table, String.valueOf(rows)));
    fields.put("adapter_contract", scenario.target().contract());
    fields.put("preflight", count(evaluation, "preflight"));
    fields.put("dry_run", count(evaluation, "dry-run"));
    fields.put("connection", count(evaluation, "connection"));
    fields.put("preflight_decision", decision(evaluation, "preflight"));
    fields.put("rollback_decision", decision(evaluation, "rollback"));
    return PacketIds.PREFLIGHT + "\n" + keyValues(fields) + checkLines(evaluation, "preflight");
  }

  private static String dataCutover(Scenario scenario, Evaluation evaluation) {
    var snapshot = scenario.snapshot();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("target", scenario.target().adapter());
    fields.put("session", scenario.tenant().session());
    fields.put("snapshot_schema", snapshot.schema());
    fields.put("snapshot_checksum", snapshot.checksumShort());
    fields.put("snapshot_checksum_sha256", snapshot.checksum());
    fields.put("snapshot_rows", String.valueOf(snapshot.totalRows()));
    snapshot.rowsByBatch().forEach((batch, rows) -> fields.put("batch." + batch, String.valueOf(rows)));
    fields.put("batches", count(evaluation, "data-batches"));
    fields.put("steps", count(evaluation, "data-cutover"));
    fields.put("connection", count(evaluation, "connection"));
    fields.put("dry_run", count(evaluation, "dry-run"));
    fields.put("runbook_decision", decision(evaluation, "runbook"));
    fields.put("release_decision", decision(evaluation, "release"));
    fields.put("rollback_decision", decision(evaluation, "rollback"));
    fields.put("cutover_decision", decision(evaluation, "data-cutover"));
    return PacketIds.DATA_CUTOVER_PLAN + "\n" + keyValues(fields) + checkLines(evaluation, "data-batches")
        + checkLines(evaluation, "data-cutover");
  }

  /**
   * Connection and dry-run evidence: what the last run proved, step by step; before any run the
   * packet says so plainly instead of pretending.
   */
  private static String pipeline(String id, String pipeline, Scenario scenario, Evaluation evaluation,
                                 SessionState state) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("target", scenario.target().adapter());
    fields.put("session", scenario.tenant().session());
    fields.put("checks", count(evaluation, pipeline));
    fields.put("decision", decision(evaluation, pipeline));
    PipelineRun run = state.pipelines().get(pipeline);
    StringBuilder out = new StringBuilder(id).append('\n');
    if (run == null) {
      fields.put("status", "not_recorded");
      out.append(keyValues(fields));
      out.append("# No ").append(pipeline).append(" run has been recorded yet: nothing here is evidence.\n");
      out.append("# Start one with POST /api/pipelines/").append(pipeline).append(".\n");
      return out.toString();
    }
    fields.put("endpoint", String.valueOf(run.target()));
    fields.put("run_id", run.runId());
    fields.put("status", run.status());
    fields.put("started_at", run.startedAt());
    fields.put("finished_at", String.valueOf(run.finishedAt()));
    out.append(keyValues(fields));
    for (PipelineRun.Step step : run.steps()) {
      out.append("step.").append(step.id()).append('=').append(step.status()).append(" ms=").append(step.ms());
      if (step.evidence() != null && !step.evidence().isEmpty()) {
        out.append(' ').append(step.evidence().entrySet().stream()
            .map(e -> e.getKey() + "=" + oneLine(String.valueOf(e.getValue()))).collect(Collectors.joining(" ")));
      }
      out.append("\n# ").append(oneLine(step.detail())).append('\n');
    }
    return out.toString();
  }

  private static String envBlock(Map<String, String> vars) {
    StringBuilder out = new StringBuilder();
    vars.forEach((name, value) -> out.append(name).append('=').append(shellValue(value)).append('\n'));
    return out.toString();
  }

  /** Plain ids stay bare; anything else is single-quoted so the block can be sourced by a shell. */
  static String shellValue(String value) {
    if (value == null) {
      return "''";
    }
    if (value.matches("[A-Za-z0-9_./:@+-]+")) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static String keyValues(Map<String, String> fields) {
    StringBuilder out = new StringBuilder();
    fields.forEach((key, value) -> out.append(key).append('=').append(oneLine(value)).append('\n'));
    return out.toString();
  }

  private static String checkLines(Evaluation evaluation, String groupId) {
    Evaluation.GroupView group = group(evaluation, groupId);
    StringBuilder out = new StringBuilder();
    for (Evaluation.CheckView check : group.checks()) {
      out.append("check.").append(check.id()).append('=').append(check.status());
      if (check.done() != null) {
        out.append(' ').append(check.done()).append('/').append(check.total());
      } else if (check.value() != null) {
        out.append(' ').append(oneLine(check.value()));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
  }

  private static String activeEnvironment(Scenario scenario) {
    return scenario.environments().stream().filter(e -> "active".equals(e.state())).map(Environment::id)
        .findFirst().orElse(scenario.environments().get(0).id());
  }

  private static Evaluation.GroupView group(Evaluation evaluation, String id) {
    for (Evaluation.GroupView group : evaluation.groups()) {
      if (group.id().equals(id)) {
        return group;
      }
    }
    throw new IllegalArgumentException("the scenario has no group '" + id + "' this packet reports on");
  }

  private static String decision(Evaluation evaluation, String groupId) {
    return group(evaluation, groupId).decision();
  }

  private static String count(Evaluation evaluation, String groupId) {
    Evaluation.GroupView group = group(evaluation, groupId);
    return group.done() + "/" + group.total();
  }
}
