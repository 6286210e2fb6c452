package io.bfg.console.copilot;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pl.PolishAnalyzer;
import org.apache.lucene.analysis.stempel.StempelFilter;
import org.apache.lucene.analysis.stempel.StempelStemmer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Text cut into words with their morphology, the same way for a question and for every name it may
 * mention: each word folded (lower case, no diacritics, so "produkcje" = "produkcję"), its Polish
 * stem (Lucene's Stempel: "bramek" and "bramka" share one) and its English stem (Porter: "gates",
 * "gate"). Two words are the same word when any of these agree, or when both are long and begin
 * alike, which catches inflections neither stemmer knows ("preflighcie", "runbooka"). The analyzers
 * are built once; Lucene reuses their token streams per thread, so analysing a question allocates
 * little.
 */
final class Words {

  /** One word: folded as written, its Polish and English stems (folded), and its first letters when long. */
  record Word(String text, String pl, String en, String head) {

    /** Whether {@code other} is the same word in another form. */
    boolean same(Word other) {
      return text.equals(other.text) || key(pl) && (pl.equals(other.pl) || pl.equals(other.text))
          || key(en) && (en.equals(other.en) || en.equals(other.text))
          || key(other.pl) && other.pl.equals(text) || key(other.en) && other.en.equals(text)
          || head != null && head.equals(other.head);
    }

    /** Whether this word, a name's word written as a prefix ("faktur*"), begins {@code other}. */
    boolean begins(Word other) {
      return other.text.startsWith(text) || key(other.pl) && other.pl.startsWith(text);
    }

    private static boolean key(String stem) {
      return stem != null && stem.length() >= 3;
    }
  }

  /** Words of at least this many letters also match by their first {@link #HEAD} letters. */
  private static final int LONG = 7;
  private static final int HEAD = 6;

  private static final Analyzer SURFACE = analyzer(in -> new ASCIIFoldingFilter(in));
  private static final Analyzer POLISH = analyzer(in -> new ASCIIFoldingFilter(
      new StempelFilter(in, new StempelStemmer(PolishAnalyzer.getDefaultTable()))));
  private static final Analyzer ENGLISH = analyzer(in -> new ASCIIFoldingFilter(
      new PorterStemFilter(new EnglishPossessiveFilter(in))));

  private Words() {
  }

  private static Analyzer analyzer(Function<TokenStream, TokenStream> filters) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new WhitespaceTokenizer();
        return new TokenStreamComponents(source, filters.apply(new LowerCaseFilter(source)));
      }
    };
  }

  /** The last text this thread read and its words: the language check and the reader read the same question. */
  private static final ThreadLocal<Map.Entry<String, List<Word>>> LAST = new ThreadLocal<>();

  /** The words of {@code text}: every run of letters and digits is one ("dry-run" is two, "ł" folds to "l"). */
  static List<Word> of(String text) {
    Map.Entry<String, List<Word>> last = LAST.get();
    if (last != null && last.getKey().equals(text)) {
      return last.getValue();
    }
    List<Word> words = List.copyOf(read(text));
    LAST.set(Map.entry(text == null ? "" : text, words));
    return words;
  }

  private static List<Word> read(String text) {
    String spaced = spaced(text);
    if (spaced.isBlank()) {
      return List.of();
    }
    List<String> surface = new ArrayList<>();
    List<String> polish = new ArrayList<>();
    List<String> english = new ArrayList<>();
    if (!analysedByToken(spaced, surface, polish, english)) {
      surface = terms(SURFACE, spaced);
      polish = terms(POLISH, spaced);
      english = terms(ENGLISH, spaced);
    }
    List<Word> out = new ArrayList<>(surface.size());
    for (int i = 0; i < surface.size(); i++) {
      String word = surface.get(i);
      if (BASE.contains(word)) {
        // "baza danych", "bazy", "bazie danych": the database, as an English label names it
        out.add(database());
        if (i + 1 < surface.size() && surface.get(i + 1).equals("danych")) {
          i++;
        }
        continue;
      }
      String negated = UNAPOSTROPHED.get(word);
      if (negated != null) {
        // "why cant I", "dont we": typed without the apostrophe, read as "can't" is ("can", "t")
        out.add(SPELLED.computeIfAbsent(negated, Words::spelledOut));
        out.add(NOT_T);
        continue;
      }
      String meant = SHORTHAND.get(word);
      if (meant != null) {
        // "what was it b4", "whats on my plate rn": chat shorthand, read as the word it stands for
        out.add(SPELLED.computeIfAbsent(meant, Words::spelledOut));
        continue;
      }
      out.add(new Word(word, i < polish.size() ? polish.get(i) : word, i < english.size() ? english.get(i) : word,
          word.length() >= LONG ? word.substring(0, HEAD) : null));
    }
    return out;
  }

  /**
   * Every filter works on one token alone, so a token's three forms are the same wherever it stands: they are
   * remembered by the token as written (operators reuse few words), and a question's words are looked up instead of
   * run through three token streams. False (nothing added) for a token too long to be one word, which the
   * tokenizer would cut in pieces: then the text is analysed whole.
   */
  private static boolean analysedByToken(String spaced, List<String> surface, List<String> polish,
                                         List<String> english) {
    int start = -1;
    for (int i = 0; i <= spaced.length(); i++) {
      boolean letter = i < spaced.length() && spaced.charAt(i) != ' ';
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        String[] forms = forms(spaced.substring(start, i));
        if (forms == null) {
          surface.clear();
          polish.clear();
          english.clear();
          return false;
        }
        surface.add(forms[0]);
        polish.add(forms[1]);
        english.add(forms[2]);
        start = -1;
      }
    }
    return true;
  }

  private static String[] forms(String token) {
    String[] known = FORMS.get(token);
    if (known != null || token.length() > LONGEST_TOKEN) {
      return known;
    }
    List<String> surface = terms(SURFACE, token);
    List<String> polish = terms(POLISH, token);
    List<String> english = terms(ENGLISH, token);
    if (surface.size() != 1 || polish.size() != 1 || english.size() != 1) {
      return null;
    }
    String[] forms = {surface.get(0), polish.get(0), english.get(0)};
    if (FORMS.size() < REMEMBERED) {
      FORMS.put(token, forms);
    }
    return forms;
  }

  /** Tokens as written and their surface, Polish and English forms; at most {@link #REMEMBERED}, whatever is typed. */
  private static final Map<String, String[]> FORMS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int REMEMBERED = 50_000;
  /** Longer tokens are left to the analysers (whose tokenizer cuts a token at 255 characters). */
  private static final int LONGEST_TOKEN = 64;

  /** Chat shorthand and the word each stands for. */
  private static final Map<String, String> SHORTHAND = Map.of("b4", "before", "rn", "now", "pls", "please",
      "plz", "please", "thx", "thanks");
  /** Negations typed without their apostrophe, and the word before it. */
  private static final Map<String, String> UNAPOSTROPHED = Map.ofEntries(Map.entry("cant", "can"),
      Map.entry("dont", "don"), Map.entry("doesnt", "doesn"), Map.entry("didnt", "didn"), Map.entry("isnt", "isn"),
      Map.entry("arent", "aren"), Map.entry("wont", "won"), Map.entry("wasnt", "wasn"), Map.entry("werent", "weren"),
      Map.entry("havent", "haven"), Map.entry("hasnt", "hasn"), Map.entry("couldnt", "couldn"),
      Map.entry("wouldnt", "wouldn"), Map.entry("shouldnt", "shouldn"));
  private static final Word NOT_T = new Word("t", "t", "t", null);
  private static final Map<String, Word> SPELLED = new java.util.concurrent.ConcurrentHashMap<>();

  private static Word spelledOut(String word) {
    return new Word(word, terms(POLISH, word).get(0), terms(ENGLISH, word).get(0),
        word.length() >= LONG ? word.substring(0, HEAD) : null);
  }

  /**
   * The Polish word for a database in its forms: the one compound the two languages split
   * differently ("database" is one word, "baza danych" two, "danych" alone is "data"), so no
   * stemmer relates them. Console vocabulary, not any scenario's.
   */
  private static final Set<String> BASE = WordSet.of("baza", "bazy", "bazie", "baze",
      "bazach", "bazami", "bazom", "baz");

  private static Word database() {
    return SPELLED.computeIfAbsent("database", Words::spelledOut);
  }

  /** {@code text} with every character that is not a letter or digit made a space. */
  private static String spaced(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(Character.isLetterOrDigit(c) ? c : ' ');
    }
    return out.toString();
  }

  private static List<String> terms(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing text in memory failed", e);
    }
    return out;
  }
}
