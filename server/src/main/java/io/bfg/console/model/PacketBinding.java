package io.bfg.console.model;

import java.util.List;

/**
 * One of the console's packets ({@code id}, e.g. {@code ProductionReleaseHandoff.v1}) that a
 * scenario renders, and the group it reports on. {@code batches} names the group of batch checks
 * a data cutover plan lists; {@code env} the variables an env-block packet prints, in order, each
 * a template filled from live state. A packet the scenario does not list does not exist for it.
 */
public record PacketBinding(String id, String reportsOn, String batches, List<EnvVar> env) {

  public PacketBinding {
    env = env == null ? List.of() : List.copyOf(env);
  }

  /** A variable of an env block: its name and its value's template (e.g. {@code {release.decision}}). */
  public record EnvVar(String name, String value) {
  }
}
