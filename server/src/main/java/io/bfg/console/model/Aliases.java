package io.bfg.console.model;

import java.util.List;

/**
 * Other words people use for a group, check, provider or actor, in English and Polish: the
 * copilot links a question to the thing it names through its labels and these. Declared by the
 * scenario, so no company's vocabulary lives in the engine.
 */
public record Aliases(List<String> en, List<String> pl) {

  public static final Aliases NONE = new Aliases(List.of(), List.of());

  public Aliases {
    en = en == null ? List.of() : List.copyOf(en);
    pl = pl == null ? List.of() : List.copyOf(pl);
  }

  public List<String> in(Lang lang) {
    return lang == Lang.PL ? pl : en;
  }
}
