package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How names and questions are compared: {@link ReadinessFacts#fold}. */
@DisplayName("Folding text for comparison")
class ReadinessFactsFoldTest {

  @Test
  @DisplayName("lower-cases ASCII and turns every run of other characters into one space, none at the ends")
  void ascii() {
    assertThat(ReadinessFacts.fold("  What's BLOCKED_PENDING_DRY_RUN? (infra.region)  ")).isEqualTo(
        "what s blocked pending dry run infra.region");
    assertThat(ReadinessFacts.fold("Co dalej?")).isEqualTo("co dalej");
  }

  @Test
  @DisplayName("drops Polish and other diacritics, ł included, as the seed's ASCII spelling has them")
  void diacritics() {
    assertThat(ReadinessFacts.fold("Kto jest właścicielem decyzji? ZAŻÓŁĆ GĘŚLĄ JAŹŃ, Łódź, café"))
        .isEqualTo("kto jest wlascicielem decyzji zazolc gesla jazn lodz cafe");
  }

  @Test
  @DisplayName("folds nothing, null and punctuation alone to the empty string")
  void empty() {
    assertThat(ReadinessFacts.fold(null)).isEmpty();
    assertThat(ReadinessFacts.fold("")).isEmpty();
    assertThat(ReadinessFacts.fold("?! — …")).isEmpty();
  }
}
