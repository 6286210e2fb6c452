package io.bfg.console.model;

/** An external dependency with its local mode today and its named production replacement. */
public record Provider(String id, Label label, Label description, String currentMode, String targetMode,
                       String contract, String owner, Aliases aliases) {

  public Provider {
    aliases = aliases == null ? Aliases.NONE : aliases;
  }
}
