package io.bfg.console.copilot;

import io.bfg.console.copilot.FoldedNames.Phrase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a declared alias matches a question ({@link Phrase}): folded, whole words, or any ending after a '*'. */
@DisplayName("A declared alias")
class AliasPhraseTest {

  private static boolean matches(String alias, String question) {
    return Phrase.alias(alias).in(" " + ReadinessFacts.fold(question) + " ");
  }

  @Test
  @DisplayName("matches whole words only, so a short alias does not catch longer words")
  void wholeWords() {
    assertThat(matches("map", "Is the map provider live?")).isTrue();
    assertThat(matches("map", "who did the mapping")).isFalse();
    assertThat(matches("eta", "na jakim etapie jestesmy")).isFalse();
    assertThat(matches("go live", "when do we go live?")).isTrue();
  }

  @Test
  @DisplayName("ending in * matches any ending, as Polish inflects (faktura, faktury, fakturami)")
  void endings() {
    assertThat(matches("faktur*", "Jak stoja faktury?")).isTrue();
    assertThat(matches("faktur*", "co z fakturami")).isTrue();
    assertThat(matches("faktur*", "refaktoryzacja")).isFalse();
  }

  @Test
  @DisplayName("is folded like the question: case, accents and punctuation do not matter")
  void folded() {
    assertThat(matches("E-Invoice*", "status of e invoices")).isTrue();
    assertThat(matches("połączeń*", "wyniki polaczenia?")).isTrue();
    assertThat(matches("Łącze", "czy LACZE dziala?")).isTrue();
  }
}
