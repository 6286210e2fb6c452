package io.bfg.console.packets;

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

  private PacketIds() {
  }
}
