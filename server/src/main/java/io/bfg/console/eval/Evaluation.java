package io.bfg.console.eval;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * IntegrationEvaluation.v1: everything the console knows about readiness, in one language.
 * Field order is fixed by the record components, so the same input serialises to the same bytes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evaluation(String schema, String scenario, String lang, long seq, Summary summary,
                         Recommendation recommendation, List<GateView> gates, List<GroupView> groups,
                         GroupView production, List<SectionView> sections, List<ActorView> actors,
                         List<ProviderView> providers, List<EnvironmentView> environments, SessionView session,
                         SnapshotView snapshot, BrandingView branding, List<PipelineView> pipelines,
                         List<PacketView> packets) {

  public static final String SCHEMA = "IntegrationEvaluation.v1";

  /** The headline: gates ready, completion percent, the production go/no-go decision and traffic state. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Summary(int gatesReady, int gatesTotal, int checksReady, int checksTotal, int percent,
                        String decision, boolean go, String target, String traffic, String headline) {
  }

  /** The earliest unmet root of the dependency graph and who can move it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Recommendation(String action, String reason, String checkId, String groupId, String actor,
                               String actorName, String command) {
  }

  /** One line of the integration blocker checklist. */
  public record GateView(String id, String label, String status, int done, int total, String decision) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GroupView(String id, boolean gate, String label, String description, String owner, String status,
                          int done, int total, String decision, List<String> dependsOn, String blockedBy,
                          List<CheckView> checks) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CheckView(String id, String kind, String label, String description, String owner, String status,
                          Integer done, Integer total, String value, String evidence, List<String> dependsOn,
                          String blockedBy, SignOffView signOff, List<OptionView> options, String pipeline,
                          String step, String command, List<String> from, String show) {
  }

  /** A recorded sign-off or decision; {@code stale} when the evidence it accepted has changed since. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SignOffView(String actor, String at, String evidenceHash, String value, boolean stale) {
  }

  public record OptionView(String value, String label) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SectionView(String id, String kind, String eyebrow, String title, String description, String badge,
                            List<String> groups, List<String> packets, List<CardView> cards) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CardView(String id, String label, String value, String description, String status, String ref,
                         String subtitle, String evidence, String badge, List<LineView> lines) {
  }

  public record LineView(String label, String value) {
  }

  public record ActorView(String id, String name, String roleKey, String role, String orgUnit,
                          List<String> permissions, int permissionCount) {
  }

  /** {@code check}: the check that proves this provider's contract (a derived check on its provider-contract fact), if any. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ProviderView(String id, String label, String description, String currentMode, String targetMode,
                             String contract, String owner, String status, String check) {
  }

  public record EnvironmentView(String id, String label, String description, String adapter, String state) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SessionView(String contract, String storage, String auth, String tenantMode, String session,
                            String lastWriteAt, String lastWriteBy, String lastWrite) {
  }

  public record SnapshotView(String schema, long rows, String checksum, String checksumShort,
                             List<BatchView> batches) {
  }

  public record BatchView(String id, String label, long rows) {
  }

  /** How the scenario names itself: the product on the dashboard, its snapshot schema and short-checksum prefix. */
  public record BrandingView(String product, String snapshotSchema, String checksumPrefix) {
  }

  /** A pipeline the scenario runs, in run order: the group it proves and which check each step proves. */
  public record PipelineView(String id, String group, List<StepView> steps) {
  }

  public record StepView(String id, String check) {
  }

  /** A packet the scenario renders and the group it reports on. */
  public record PacketView(String id, String group) {
  }
}
