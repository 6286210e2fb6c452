package io.bfg.console.model;

import java.util.List;

/**
 * A section of the dashboard page, in page order: its texts, the groups and packets it shows and
 * its cards (label/value/description, each possibly templated).
 */
public record SectionDef(String id, String kind, Label eyebrow, Label title, Label description, Label badge,
                         List<String> groups, List<String> packets, List<CardDef> cards) {

  /**
   * A figure on the page: {@code show} names a check, group or fact whose value and status it shows.
   * The rest is optional wording: {@code subtitle} and {@code evidence} (a card showing a check of its
   * section's groups lends them to that check's entry), {@code badge} (said in place of the status
   * word) and {@code lines} (label/value pairs). None of it is part of any check's evidence.
   */
  public record CardDef(String id, Label label, Label value, Label description, String show, Label subtitle,
                        Label evidence, Label badge, List<Line> lines) {

    public CardDef {
      lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public CardDef(String id, Label label, Label value, Label description, String show) {
      this(id, label, value, description, show, null, null, null, List.of());
    }
  }

  /** A label/value line of a card; {@code otherwise} is said when the value comes out empty (nothing recorded yet). */
  public record Line(Label label, Label value, Label otherwise) {
  }
}
