package io.bfg.console.model;

import java.util.List;

/**
 * A validated, immutable scenario: who the tenant is, its actors, providers, environments, the
 * gate groups with their checks, the production go/no-go node, the page sections, the data model
 * and the snapshot summary of its sample data, and its bindings: the pipelines and packets it uses
 * with the groups they prove and report on, its database names and its branding. Built only by
 * the scenario loader.
 */
public record Scenario(String id, Label title, Label subtitle, Tenant tenant, Target target, List<Actor> actors,
                       List<Provider> providers, List<Environment> environments, List<GroupDef> groups,
                       GroupDef production, List<SectionDef> sections, DataModel dataModel,
                       SnapshotSummary snapshot, Branding branding, List<PipelineBinding> pipelines,
                       List<PacketBinding> packets, DatabaseNames database) {

  /** The binding of pipeline {@code id}; null when the scenario does not run it. */
  public PipelineBinding pipeline(String id) {
    for (PipelineBinding binding : pipelines) {
      if (binding.id().equals(id)) {
        return binding;
      }
    }
    return null;
  }

  /** The binding of packet {@code id}; null when the scenario does not render it. */
  public PacketBinding packet(String id) {
    for (PacketBinding binding : packets) {
      if (binding.id().equals(id)) {
        return binding;
      }
    }
    return null;
  }

  public Actor actor(String id) {
    for (Actor actor : actors) {
      if (actor.id().equals(id)) {
        return actor;
      }
    }
    return null;
  }
}
