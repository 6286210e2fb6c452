package io.bfg.console.model;

import java.util.List;

/** The packets the console renders from state, by their schema ids. */
public final class PacketIds {

  public static final String RUNBOOK = "ProductionAdapterMigrationRunbook.v1";
  public static final String RELEASE_HANDOFF = "ProductionReleaseHandoff.v1";
  public static final String ROLLBACK_DRILL = "ProductionRollbackDrill.v1";
  public static final String CONNECTION = "ProductionAdapterConnection.v1";
  public static final String DRY_RUN = "ProductionAdapterDryRun.v1";
  public static final String PREFLIGHT = "ProductionAdapterMigrationPreflight.v1";
  public static final String DATA_CUTOVER_PLAN = "ProductionDataCutoverPlan.v1";

  public static final List<String> ALL = List.of(RUNBOOK, RELEASE_HANDOFF, ROLLBACK_DRILL, CONNECTION, DRY_RUN,
      PREFLIGHT, DATA_CUTOVER_PLAN);

  /** The packets that print an env block: the scenario lists their variables. */
  public static final List<String> ENV_PACKETS = List.of(RELEASE_HANDOFF, ROLLBACK_DRILL);

  /** The packets that show a pipeline's latest run, by pipeline. */
  public static final java.util.Map<String, String> PIPELINE_OF = java.util.Map.of(
      CONNECTION, Pipelines.CONNECTION, DRY_RUN, Pipelines.DRY_RUN);

  private PacketIds() {
  }
}
