package io.bfg.console.copilot;

import io.bfg.console.copilot.Words.Word;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How a text is cut into words, and how a set of stems is asked whether a word begins with one of them. */
class WordsTest {

  @Test
  void aWordHasTheSameFormsAloneAndInASentence() {
    String typed = "Kto podpisał bramki produkcji, and why are the gates blocked?";
    List<Word> sentence = Words.of(typed);
    String[] tokens = typed.split("[^\\p{L}\\p{N}]+");
    assertThat(tokens).hasSameSizeAs(sentence);
    for (int i = 0; i < tokens.length; i++) {
      assertThat(Words.of(tokens[i])).containsExactly(sentence.get(i));
    }
    assertThat(sentence).extracting(Word::text).containsExactly("kto", "podpisal", "bramki", "produkcji", "and",
        "why", "are", "the", "gates", "blocked");
    assertThat(sentence.get(2).pl()).isEqualTo(Words.of("bramek").get(0).pl());
    assertThat(sentence.get(8).en()).isEqualTo("gate");
  }

  @Test
  void aVeryLongTokenIsStillOneWordFoldedAndLowerCased() {
    String longToken = "Ż" + "a".repeat(99);
    List<Word> words = Words.of("czy " + longToken + " działa");
    assertThat(words).extracting(Word::text).containsExactly("czy", "z" + "a".repeat(99), "dziala");
  }

  @Test
  void theDatabaseAndAnUnapostrophedNegationAreReadAsTheirWords() {
    assertThat(Words.of("baza danych dont work")).extracting(Word::text)
        .containsExactly("database", "don", "t", "work");
  }

  @Test
  void aStemSetFindsTheStemAWordBeginsWithWhateverItsFirstLetter() {
    Set<String> stems = WordSet.of("akcept", "zatwierdz", "sign", "źródł", "");
    assertThat(((WordSet) stems).begins("zatwierdzisz")).isTrue();
    assertThat(((WordSet) stems).begins("źródło")).isTrue();
    // every word begins with the empty stem, kept under the letters that are not ASCII
    assertThat(((WordSet) stems).begins("run")).isTrue();
    Set<String> verbs = WordSet.of("akcept", "zatwierdz", "sign");
    assertThat(((WordSet) verbs).begins("signature")).isTrue();
    assertThat(((WordSet) verbs).begins("zaakceptuj")).isFalse();
    assertThat(((WordSet) verbs).begins("")).isFalse();
  }
}
