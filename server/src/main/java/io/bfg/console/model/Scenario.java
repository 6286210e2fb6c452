package io.bfg.console.model;

import java.util.ArrayList;
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

  /**
   * What {@code check} rests on besides its declared {@code dependsOn}: a {@code release-env} check
   * (every variable of the release handoff has a value) rests on each decision those variables read,
   * since an unrecorded decision leaves its variable empty. The ids in the order the variables name them.
   */
  public List<String> impliedDependsOn(CheckDef check) {
    PacketBinding release = Facts.RELEASE_ENV.equals(check.fact()) ? packet(PacketIds.RELEASE_HANDOFF) : null;
    if (release == null) {
      return List.of();
    }
    List<String> decisions = new ArrayList<>();
    for (PacketBinding.EnvVar variable : release.env()) {
      for (String ref : Template.valueRefs(variable.value())) {
        CheckDef read = check(ref);
        if (read != null && read.kind() == CheckKind.DECISION && !read.id().equals(check.id())
            && !decisions.contains(ref) && !check.dependsOn().contains(ref)) {
          decisions.add(ref);
        }
      }
    }
    return decisions;
  }

  /** The check {@code id}; null when no group has it. */
  public CheckDef check(String id) {
    for (GroupDef group : groups) {
      for (CheckDef check : group.checks()) {
        if (check.id().equals(id)) {
          return check;
        }
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
