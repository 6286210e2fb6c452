package io.bfg.console.model;

import java.util.List;

/** A person or organisation of the tenant; its permissions become RBAC claims on the target. */
public record Actor(String id, String name, String roleKey, Label role, String orgUnit, List<String> permissions,
                    Aliases aliases) {

  public Actor {
    aliases = aliases == null ? Aliases.NONE : aliases;
  }

  public Actor(String id, String name, String roleKey, Label role, String orgUnit, List<String> permissions) {
    this(id, name, roleKey, role, orgUnit, permissions, Aliases.NONE);
  }

  public boolean can(String permission) {
    return permissions.contains(permission);
  }
}
