package io.bfg.console.model;

import java.util.List;

/** A person or organisation of the tenant; its permissions become RBAC claims on the target. */
public record Actor(String id, String name, String roleKey, Label role, String orgUnit, List<String> permissions) {

  public boolean can(String permission) {
    return permissions.contains(permission);
  }
}
