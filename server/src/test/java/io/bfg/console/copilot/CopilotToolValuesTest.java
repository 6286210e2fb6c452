package io.bfg.console.copilot;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.Tool;
import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local model reads a tool's result from the value the tool made, with no JSON written or parsed: that is
 * sound only while the value says exactly what the JSON a hosted model reads says. Every tool, with every
 * id the scenario names as its argument (and one it does not), on fresh consoles and on consoles under way.
 */
@DisplayName("What the local model reads of a tool's result is what its JSON says")
class CopilotToolValuesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "bfg|", "vltava|", "kestrel|", "wisla|", "mazovia|", "odra|", "baltic|", "karpaty|", "hansa|", "tatra|",
      "pomorze|", "lublin|", "sudety|", "wroclaw|", "warmia|", "gdansk|", "silesia|", "mazury|", "poznan|", "slask|",
      "lodz|", "bfg|bfg-flowcontrol-14.ndjson", "vltava|vltava-care-14.ndjson", "bfg|bfg-flowcontrol-15.ndjson",
      "gdansk|gdansk-port-15.ndjson", "polonina|polonina-ski-16.ndjson", "gazeta|gazeta-wschodnia-16.ndjson",
      "miejskicar|miejskicar-waw-17.ndjson", "vltava|vltava-care-17.ndjson", "rzeszow|rzeszow-edziennik-18.ndjson",
      "tatra|tatra-insurance-18.ndjson", "katowice|katowice-airport-19.ndjson", "sudety|sudety-hotels-19.ndjson",
      "zielona|zielona-lapa-vet-20.ndjson", "mazury|mazury-ferries-20.ndjson", "browar|browar-kujawy-21.ndjson",
      "wroclaw|wroclaw-transit-21.ndjson", "gdynia|gdynia-biblioteka-22.ndjson", "silesia|silesia-energy-22.ndjson",
      "warta|warta-gorzow-23.ndjson", "pomorze|pomorze-telecom-23.ndjson", "krakow|krakow-czysto-24.ndjson",
      "lodz|lodz-textiles-24.ndjson", "szczecin|szczecin-meble-25.ndjson", "gdynia|gdynia-biblioteka-25.ndjson",
      "olsztyn|olsztyn-wodociagi-26.ndjson", "hansa|hansa-freight-26.ndjson",
      "bielsko|bielsko-apteki-27.ndjson", "wroclaw|wroclaw-transit-27.ndjson",
      "kuznia|kuznia-fitness-28.ndjson", "odra|odra-grid-28.ndjson",
      "motolech|motolech-serwis-29.ndjson", "mazovia|mazovia-loans-29.ndjson",
      "torun|torun-spp-30.ndjson", "lublin|lublin-university-30.ndjson",
      "ciechocinek|ciechocinek-zdroj-31.ndjson", "kestrel|kestrel-water-31.ndjson",
      "opera|bialystok-opera-32.ndjson", "clinic|clinic-launch-32.ndjson",
      "opole|opole-akademiki-33.ndjson", "karpaty|karpaty-pharma-33.ndjson",
      "darlowo|darlowo-wind-34.ndjson", "wisla|wisla-parcel-34.ndjson",
      "grojec|grojec-sady-35.ndjson", "hansa|hansa-freight-35.ndjson",
      "rckik|rckik-kielce-36.ndjson", "tatra|tatra-insurance-36.ndjson",
      "tczew|tczew-cieplo-37.ndjson", "sudety|sudety-hotels-37.ndjson",
      "gliwice|gliwice-spp-38.ndjson", "olsztyn|olsztyn-wodociagi-38.ndjson",
      "podhale|podhale-oscypek-39.ndjson", "kuznia|kuznia-fitness-39.ndjson",
      "malbork|malbork-zamek-40.ndjson", "podhale|podhale-oscypek-40.ndjson",
      "pieniny|pieniny-flisacy-41.ndjson",
      "gliwice|gliwice-spp-41.ndjson"})
  void everyResultsValueIsItsJson(String scenario, String journal) throws Exception {
    CopilotReadingTest.Console console = journal == null ? CopilotFixture.console(scenario)
        : CopilotFixture.fresh(scenario).replay(STATES.resolve(journal)).withLiveCredentials();
    List<String> ids = new ArrayList<>();
    Lexicon.of(console.scenario).entities().forEach(entity -> ids.add(entity.id()));
    ids.add("nothing-of-this-scenario");
    int compared = 0;
    for (Lang lang : Lang.values()) {
      // the local model's tools hand it the maps themselves; a hosted model's the JSON
      CopilotTools local = new CopilotTools(() -> console.facts(lang),
          () -> new CopilotTools.Now(console.scenario, console.assessment(), console.evaluation(lang)), true);
      CopilotTools hosted = new CopilotTools(() -> console.facts(lang),
          () -> new CopilotTools.Now(console.scenario, console.assessment(), console.evaluation(lang)), false);
      for (Method tool : CopilotTools.class.getMethods()) {
        if (!tool.isAnnotationPresent(Tool.class)) {
          continue;
        }
        for (Object[] arguments : arguments(tool, ids)) {
          CopilotTools.forgetValues();
          Object value = CopilotTools.valueOf((String) tool.invoke(local, arguments));
          String text = (String) tool.invoke(hosted, arguments);
          if (value == null) {
            // not a map (the snapshot's record): the local model parses its JSON
            continue;
          }
          assertThat(comparable(value)).as("%s%s in %s", tool.getName(), Arrays.toString(arguments), lang)
              .isEqualTo(comparable(JSON.readValue(text, Object.class)));
          compared++;
        }
      }
    }
    CopilotTools.forgetValues();
    assertThat(compared).isGreaterThan(2 * ids.size());
  }

  private static List<Object[]> arguments(Method tool, List<String> ids) {
    if (tool.getParameterCount() == 0) {
      return List.<Object[]>of(new Object[0]);
    }
    Class<?> type = tool.getParameterTypes()[0];
    if (type == String.class && tool.getParameterCount() == 2) {
      // a what-if: each thing alone, then each with the next as its outcome and two things at once
      List<Object[]> out = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        String next = ids.get((i + 1) % ids.size());
        out.add(new Object[] {ids.get(i), null});
        out.add(new Object[] {ids.get(i), next});
        out.add(new Object[] {ids.get(i) + ", " + next, null});
      }
      return out;
    }
    if (type == String.class) {
      return ids.stream().map(id -> new Object[] {id}).toList();
    }
    if (type == Boolean.class) {
      return List.of(new Object[] {true}, new Object[] {false}, new Object[] {null});
    }
    return List.of(new Object[] {3}, new Object[] {50});
  }

  /**
   * Numbers by their value: JSON reads 12 back as an Integer where the tool wrote a long, which the local model's
   * answers read through Number alike. Anything else (an Instant, an enum, a record) must already be what the
   * JSON reads.
   */
  private static Object comparable(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((key, item) -> out.put(key, comparable(item)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(CopilotToolValuesTest::comparable).toList();
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros();
    }
    return value;
  }
}
