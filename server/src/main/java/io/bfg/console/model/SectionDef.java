package io.bfg.console.model;

import java.util.List;

/**
 * A section of the dashboard page, in page order: its texts, the groups and packets it shows and
 * its cards (label/value/description, each possibly templated).
 */
public record SectionDef(String id, String kind, Label eyebrow, Label title, Label description, Label badge,
                         List<String> groups, List<String> packets, List<CardDef> cards) {

  /** A figure on the page: {@code show} names a check, group or fact whose value and status it shows. */
  public record CardDef(String id, Label label, Label value, Label description, String show) {
  }
}
