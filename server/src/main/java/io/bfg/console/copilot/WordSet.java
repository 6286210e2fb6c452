package io.bfg.console.copilot;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/**
 * A fixed set of words whose {@link #contains} answers "no" from two bits of the word's hash before any lookup. The
 * reader asks thousands of "is this word one of those" per question, almost all of them "no": the hash is cached
 * in the string, so most answers cost a shift and a mask instead of a probe and a comparison.
 */
final class WordSet extends AbstractSet<String> {

  private final Set<String> words;
  private final long low;
  private final long high;
  /** The words by their first letter (ASCII; the rest under 0), for {@link #begins}. */
  private final String[][] byFirst = new String[128][];

  private WordSet(Set<String> words) {
    this.words = words;
    long l = 0;
    long h = 0;
    for (String word : words) {
      int hash = word.hashCode();
      l |= 1L << (hash & 63);
      h |= 1L << ((hash >>> 16) & 63);
    }
    this.low = l;
    this.high = h;
    for (String word : words) {
      int first = word.isEmpty() || word.charAt(0) >= 128 ? 0 : word.charAt(0);
      String[] had = byFirst[first];
      String[] grown = had == null ? new String[1] : Arrays.copyOf(had, had.length + 1);
      grown[grown.length - 1] = word;
      byFirst[first] = grown;
    }
  }

  static Set<String> of(String... words) {
    return new WordSet(Set.copyOf(Arrays.asList(words)));
  }

  @Override
  public boolean contains(Object o) {
    if (!(o instanceof String word)) {
      return false;
    }
    int hash = word.hashCode();
    return (low & (1L << (hash & 63))) != 0 && (high & (1L << ((hash >>> 16) & 63))) != 0 && words.contains(word);
  }

  /**
   * Whether {@code word} begins with one of these words (stems such as "akcept", "zatwierdz"): only the words of its
   * first letter are tried, where the reader used to try every one on every word of a question.
   */
  boolean begins(String word) {
    if (word.isEmpty()) {
      return words.contains(word);
    }
    char first = word.charAt(0);
    return first < 128 && beginsAny(word, byFirst[first]) || beginsAny(word, byFirst[0]);
  }

  private static boolean beginsAny(String word, String[] stems) {
    if (stems != null) {
      for (String stem : stems) {
        if (word.startsWith(stem)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public Iterator<String> iterator() {
    return words.iterator();
  }

  @Override
  public int size() {
    return words.size();
  }
}
