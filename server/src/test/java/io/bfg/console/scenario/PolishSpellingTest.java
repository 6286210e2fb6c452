package io.bfg.console.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Polish operators read Polish written properly: no PL text of the scenarios or of the dashboard's PL
 * dictionary may hold a common word typed without its diacritics ("sa" for "są", "byc" for "być").
 * Technical terms kept in English are not in the list.
 */
@DisplayName("Polish spelling")
class PolishSpellingTest {

  /** ASCII spellings that are never correct Polish, each with its proper form. */
  static final Set<String> ASCII_ONLY = Set.of("sa", "byc", "moze", "moga", "musza", "maja", "sie", "zaakceptowac",
      "gotowosc", "gotowosci", "dziala", "dzialac", "dzialasz", "wartosci", "zaleznosc", "zaleznosci", "przejscia",
      "przejscie", "srodowiska", "srodowisko", "sciezka", "sciezki", "dowodow", "krokow", "postep", "ksiegowosc",
      "nastepny", "nastepna", "pozniej", "wlasciciel", "wlasciciela", "ktora", "ktory", "ktore", "kazda", "kazdy",
      "bedzie", "beda", "mozna", "potwierdzic", "wybrac", "zapisac", "uruchomic", "polaczenie", "polaczen", "naglowki",
      "zamowienia", "uzytkownik", "uzytkownicy", "uzywa", "uzyj", "jezeli", "rowniez", "wiecej", "zrodlowe", "blad",
      "bledy", "dostep", "dostepu", "jesli", "juz", "takze", "miedzy", "rol", "dzis", "przyszly", "przyszlego",
      "zespol", "zgodnosc", "proba", "wybor", "zamrozone", "platnosci", "zarzadzany", "odtworz", "potwierdz");

  private static final Pattern WORD = Pattern.compile("\\p{L}+");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"scenarios/bfg-flowcontrol/scenario.yaml", "scenarios/bfg-flowcontrol/data-model.yaml",
      "scenarios/vltava-care/scenario.yaml", "scenarios/vltava-care/data-model.yaml"})
  @DisplayName("no PL label or text of a scenario holds a word that needs diacritics typed without them")
  void scenarios(String file) throws IOException {
    List<String> texts = new ArrayList<>();
    collectPolish(YAML.readTree(Path.of(file).toFile()), texts);
    assertThat(texts).as("PL texts in %s", file).hasSizeGreaterThan(10);
    assertThat(misspelled(texts)).as("PL texts of %s with words typed without diacritics", file).isEmpty();
  }

  @Test
  @DisplayName("no entry of the dashboard's PL dictionary holds a word that needs diacritics typed without them")
  void dashboard() throws IOException {
    String source = Files.readString(Path.of("web", "js", "i18n.js"));
    int start = source.indexOf("const pl = {");
    assertThat(start).as("the PL dictionary in i18n.js").isPositive();
    String dictionary = source.substring(start, source.indexOf("\n};", start));
    List<String> texts = new ArrayList<>();
    Matcher literal = Pattern.compile(":\\s*'((?:[^'\\\\]|\\\\.)*)'").matcher(dictionary);
    while (literal.find()) {
      texts.add(literal.group(1));
    }
    assertThat(texts).hasSizeGreaterThan(100);
    assertThat(misspelled(texts)).as("PL dictionary entries with words typed without diacritics").isEmpty();
  }

  @Test
  @DisplayName("the check itself catches ASCII Polish")
  void catches() {
    assertThat(misspelled(List.of("Kontrakty sa zaakceptowane", "Aktorzy musza byc nazwani"))).hasSize(2);
    assertThat(misspelled(List.of("Kontrakty są zaakceptowane", "Aktorzy muszą być nazwani"))).isEmpty();
  }

  /** Each text holding a listed word ({placeholders} aside). */
  static List<String> misspelled(List<String> texts) {
    List<String> found = new ArrayList<>();
    for (String text : texts) {
      Matcher word = WORD.matcher(text.replaceAll("\\{[^}]*}", " "));
      while (word.find()) {
        if (ASCII_ONLY.contains(word.group().toLowerCase(Locale.ROOT))) {
          found.add(word.group() + " in: " + text);
          break;
        }
      }
    }
    return found;
  }

  /** Every string under a key "pl" (an alias list under "pl" matches typed words, folded: not shown, skipped). */
  private static void collectPolish(JsonNode node, List<String> texts) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().equals("pl") && field.getValue().isTextual()) {
          texts.add(field.getValue().asText());
        } else {
          collectPolish(field.getValue(), texts);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectPolish(child, texts));
    }
  }
}
