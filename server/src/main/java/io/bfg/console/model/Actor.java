package io.bfg.console.model;

import java.util.List;

/**
 * A person or organisation of the tenant; its permissions become RBAC claims on the target.
 * {@code identities} are the names an identity provider knows it by (e.g. an e-mail address or an
 * IdP subject): a token whose actor claim equals the id or one of these is this actor.
 */
public record Actor(String id, String name, String roleKey, Label role, String orgUnit, List<String> permissions,
                    Aliases aliases, List<String> identities) {

  public Actor {
    aliases = aliases == null ? Aliases.NONE : aliases;
    identities = identities == null ? List.of() : List.copyOf(identities);
  }

  public Actor(String id, String name, String roleKey, Label role, String orgUnit, List<String> permissions) {
    this(id, name, roleKey, role, orgUnit, permissions, Aliases.NONE, List.of());
  }

  /** Whether a token's actor claim {@code value} names this actor. */
  public boolean knownAs(String value) {
    return id.equals(value) || identities.contains(value);
  }

  public boolean can(String permission) {
    return permissions.contains(permission);
  }
}
