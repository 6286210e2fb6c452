package io.bfg.console.packets;

import io.bfg.console.eval.Checksums;
import io.bfg.console.eval.Evaluation;
import io.bfg.console.model.PacketBinding;
import io.bfg.console.model.PacketIds;
import io.bfg.console.model.PipelineBinding;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;
import io.bfg.console.model.SnapshotSummary;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Renders the packets a scenario declares from one evaluation: the runbook SQL, env blocks for
 * release and rollback, the preflight report, the data cutover plan and the connection/dry-run
 * evidence. Each reports on the group its binding names; a line that refers to another binding (the
 * group a pipeline proves, the rollback packet's decision) appears only when the scenario declares
 * it. Pure and deterministic; every packet carries the SHA-256 of its content so a reviewer can tell
 * two copies apart.
 */
public final class Packets {

  /** A rendered packet: {@code format} is sql, env or text; {@code content} is ready to copy. */
  public record Packet(String id, String format, long seq, String decision, String content, String checksum) {
  }

  private Packets() {
  }

  /**
   * Null when the scenario does not declare packet {@code id} (or no such packet exists).
   * {@code evaluation} must be the English rendering of {@code state}; {@code fill} fills a template
   * (an env value) from the same state.
   */
  public static Packet render(String id, Scenario scenario, Evaluation evaluation, SessionState state,
                              UnaryOperator<String> fill) {
    PacketBinding binding = scenario.packet(id);
    if (binding == null) {
      return null;
    }
    Bindings on = new Bindings(scenario, evaluation);
    String group = binding.reportsOn();
    return switch (id) {
      case PacketIds.RUNBOOK -> packet(id, "sql", evaluation, on.decision(group), runbookSql(scenario, evaluation));
      case PacketIds.RELEASE_HANDOFF, PacketIds.ROLLBACK_DRILL -> packet(id, "env", evaluation, on.decision(group),
          envBlock(binding, fill));
      case PacketIds.PREFLIGHT -> packet(id, "text", evaluation, on.decision(group), preflight(scenario, on, binding));
      case PacketIds.DATA_CUTOVER_PLAN -> packet(id, "text", evaluation, on.decision(group),
          dataCutover(scenario, on, binding));
      case PacketIds.CONNECTION, PacketIds.DRY_RUN -> packet(id, "text", evaluation, on.decision(group),
          pipeline(id, PacketIds.PIPELINE_OF.get(id), scenario, on, binding, state));
      default -> null;
    };
  }

  /**
   * The runbook SQL with its header: the text the runbook packet shows and the dry-run executes. Its
   * {@code runbook_decision} line is the decision of the group the runbook packet reports on, absent
   * when the scenario does not declare that packet (the dry-run still needs the SQL).
   */
  public static String runbookSql(Scenario scenario, Evaluation evaluation) {
    PacketBinding runbook = scenario.packet(PacketIds.RUNBOOK);
    SnapshotSummary snapshot = scenario.snapshot();
    return RunbookSql.render(scenario.dataModel(), new RunbookSql.RunbookHeader(snapshot.schema(),
        scenario.target().adapter(), scenario.tenant().session(), snapshot.checksumShort(), snapshot.totalRows(),
        runbook == null ? null : new Bindings(scenario, evaluation).decision(runbook.reportsOn())));
  }

  private static Packet packet(String id, String format, Evaluation evaluation, String decision, String content) {
    return new Packet(id, format, evaluation.seq(), decision, content,
        Checksums.sha256Hex(content.getBytes(StandardCharsets.UTF_8)));
  }

  /** The declared variables, in order, each value filled from live state. */
  static String envBlock(PacketBinding binding, UnaryOperator<String> fill) {
    StringBuilder out = new StringBuilder();
    for (PacketBinding.EnvVar variable : binding.env()) {
      out.append(variable.name()).append('=').append(shellValue(fill.apply(variable.value()))).append('\n');
    }
    return out.toString();
  }

  private static String preflight(Scenario scenario, Bindings on, PacketBinding binding) {
    SnapshotSummary snapshot = scenario.snapshot();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("schema", snapshot.schema());
    fields.put("target", scenario.target().adapter());
    fields.put("session", scenario.tenant().session());
    fields.put("checksum", snapshot.checksumShort());
    fields.put("checksum_sha256", snapshot.checksum());
    fields.put("rows", String.valueOf(snapshot.totalRows()));
    snapshot.rowsByTable().forEach((table, rows) -> fields.put("rows." + table, String.valueOf(rows)));
    fields.put("adapter_contract", scenario.target().contract());
    fields.put("preflight", on.count(binding.reportsOn()));
    on.pipelineCount(fields, "dry_run", Pipelines.DRY_RUN);
    on.pipelineCount(fields, "connection", Pipelines.CONNECTION);
    fields.put("preflight_decision", on.decision(binding.reportsOn()));
    on.packetDecision(fields, "rollback_decision", PacketIds.ROLLBACK_DRILL);
    return PacketIds.PREFLIGHT + "\n" + keyValues(fields) + on.checkLines(binding.reportsOn());
  }

  private static String dataCutover(Scenario scenario, Bindings on, PacketBinding binding) {
    SnapshotSummary snapshot = scenario.snapshot();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("target", scenario.target().adapter());
    fields.put("session", scenario.tenant().session());
    fields.put("snapshot_schema", snapshot.schema());
    fields.put("snapshot_checksum", snapshot.checksumShort());
    fields.put("snapshot_checksum_sha256", snapshot.checksum());
    fields.put("snapshot_rows", String.valueOf(snapshot.totalRows()));
    snapshot.rowsByBatch().forEach((batch, rows) -> fields.put("batch." + batch, String.valueOf(rows)));
    if (binding.batches() != null) {
      fields.put("batches", on.count(binding.batches()));
    }
    fields.put("steps", on.count(binding.reportsOn()));
    on.pipelineCount(fields, "connection", Pipelines.CONNECTION);
    on.pipelineCount(fields, "dry_run", Pipelines.DRY_RUN);
    on.packetDecision(fields, "runbook_decision", PacketIds.RUNBOOK);
    on.packetDecision(fields, "release_decision", PacketIds.RELEASE_HANDOFF);
    on.packetDecision(fields, "rollback_decision", PacketIds.ROLLBACK_DRILL);
    fields.put("cutover_decision", on.decision(binding.reportsOn()));
    return PacketIds.DATA_CUTOVER_PLAN + "\n" + keyValues(fields)
        + (binding.batches() == null ? "" : on.checkLines(binding.batches())) + on.checkLines(binding.reportsOn());
  }

  /**
   * Connection and dry-run evidence: what the last run proved, step by step; before any run the
   * packet says so plainly instead of pretending.
   */
  private static String pipeline(String id, String pipeline, Scenario scenario, Bindings on, PacketBinding binding,
                                 SessionState state) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("target", scenario.target().adapter());
    fields.put("session", scenario.tenant().session());
    fields.put("checks", on.count(binding.reportsOn()));
    fields.put("decision", on.decision(binding.reportsOn()));
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

  private static String oneLine(String text) {
    return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
  }

  /** The groups of one evaluation by id, and what the scenario's other bindings point at. */
  private static final class Bindings {
    private final Scenario scenario;
    private final Map<String, Evaluation.GroupView> groups = new HashMap<>();

    Bindings(Scenario scenario, Evaluation evaluation) {
      this.scenario = scenario;
      evaluation.groups().forEach(group -> groups.put(group.id(), group));
    }

    String decision(String groupId) {
      return group(groupId).decision();
    }

    String count(String groupId) {
      Evaluation.GroupView group = group(groupId);
      return group.done() + "/" + group.total();
    }

    /** {@code key}: done/total of the group {@code pipeline} proves, when the scenario runs it. */
    void pipelineCount(Map<String, String> fields, String key, String pipeline) {
      PipelineBinding binding = scenario.pipeline(pipeline);
      if (binding != null) {
        fields.put(key, count(binding.proves()));
      }
    }

    /** {@code key}: the decision of the group packet {@code packetId} reports on, when it is declared. */
    void packetDecision(Map<String, String> fields, String key, String packetId) {
      PacketBinding binding = scenario.packet(packetId);
      if (binding != null) {
        fields.put(key, decision(binding.reportsOn()));
      }
    }

    String checkLines(String groupId) {
      StringBuilder out = new StringBuilder();
      for (Evaluation.CheckView check : group(groupId).checks()) {
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

    // the validator has checked every binding names a group, so a miss is the console's own bug
    private Evaluation.GroupView group(String id) {
      Evaluation.GroupView group = groups.get(id);
      if (group == null) {
        throw new IllegalStateException("the evaluation has no group '" + id + "' that a binding names");
      }
      return group;
    }
  }
}
