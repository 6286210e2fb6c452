package io.bfg.console.model;

/** A text in English and Polish; scenario validation guarantees both are present. */
public record Label(String en, String pl) {

  public String in(Lang lang) {
    return lang == Lang.PL ? pl : en;
  }
}
