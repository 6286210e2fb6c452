package io.bfg.console.model;

import java.util.List;

/**
 * A validated, immutable scenario: who the tenant is, its actors, providers, environments, the
 * gate groups with their checks, the production go/no-go node, the page sections, the data model
 * and the snapshot summary of its sample data. Built only by the scenario loader.
 */
public record Scenario(String id, Label title, Label subtitle, Tenant tenant, Target target, List<Actor> actors,
                       List<Provider> providers, List<Environment> environments, List<GroupDef> groups,
                       GroupDef production, List<SectionDef> sections, DataModel dataModel,
                       SnapshotSummary snapshot) {

  public Actor actor(String id) {
    for (Actor actor : actors) {
      if (actor.id().equals(id)) {
        return actor;
      }
    }
    return null;
  }
}
