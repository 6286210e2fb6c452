package io.bfg.console.copilot;

import io.bfg.console.eval.Evaluator;
import io.bfg.console.model.Lang;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;
import io.bfg.console.scenario.ScenarioLoader;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copilot asked in-process, as the server asks it, on the scenarios its class tests use (each
 * loaded once per test JVM), the two checks those tests make of an answer's wording, and the
 * validator of a fresh console for the tests that check it alone.
 */
final class CopilotFixture {

  private static final Map<String, Path> SCENARIOS = Map.ofEntries(
      Map.entry("bfg", Path.of("scenarios", "bfg-flowcontrol")),
      Map.entry("vltava", Path.of("scenarios", "vltava-care")),
      Map.entry("kestrel", Path.of("server/src/test/resources/scenarios/kestrel-water")),
      Map.entry("wisla", Path.of("server/src/test/resources/scenarios/wisla-lockers")),
      Map.entry("mazovia", Path.of("server/src/test/resources/scenarios/mazovia-loans")),
      Map.entry("odra", Path.of("server/src/test/resources/scenarios/odra-grid")),
      Map.entry("baltic", Path.of("server/src/test/resources/scenarios/baltic-tickets")),
      Map.entry("karpaty", Path.of("server/src/test/resources/scenarios/karpaty-pharma")),
      Map.entry("hansa", Path.of("server/src/test/resources/scenarios/hansa-freight")),
      Map.entry("tatra", Path.of("server/src/test/resources/scenarios/tatra-insurance")),
      Map.entry("pomorze", Path.of("server/src/test/resources/scenarios/pomorze-telecom")),
      Map.entry("lublin", Path.of("server/src/test/resources/scenarios/lublin-university")),
      Map.entry("sudety", Path.of("server/src/test/resources/scenarios/sudety-hotels")),
      Map.entry("wroclaw", Path.of("server/src/test/resources/scenarios/wroclaw-transit")),
      Map.entry("warmia", Path.of("server/src/test/resources/scenarios/warmia-dairy")),
      Map.entry("gdansk", Path.of("server/src/test/resources/scenarios/gdansk-port")),
      Map.entry("silesia", Path.of("server/src/test/resources/scenarios/silesia-energy")),
      Map.entry("mazury", Path.of("server/src/test/resources/scenarios/mazury-ferries")),
      Map.entry("poznan", Path.of("server/src/test/resources/scenarios/poznan-marketplace")),
      Map.entry("slask", Path.of("server/src/test/resources/scenarios/slask-logistics")),
      Map.entry("lodz", Path.of("server/src/test/resources/scenarios/lodz-textiles")),
      Map.entry("polonina", Path.of("server/src/test/resources/scenarios/polonina-ski")),
      Map.entry("gazeta", Path.of("server/src/test/resources/scenarios/gazeta-wschodnia")),
      Map.entry("miejskicar", Path.of("server/src/test/resources/scenarios/miejskicar-waw")),
      Map.entry("rzeszow", Path.of("server/src/test/resources/scenarios/rzeszow-edziennik")),
      Map.entry("katowice", Path.of("server/src/test/resources/scenarios/katowice-airport")),
      Map.entry("zielona", Path.of("server/src/test/resources/scenarios/zielona-lapa-vet")),
      Map.entry("browar", Path.of("server/src/test/resources/scenarios/browar-kujawy")),
      Map.entry("gdynia", Path.of("server/src/test/resources/scenarios/gdynia-biblioteka")),
      Map.entry("warta", Path.of("server/src/test/resources/scenarios/warta-gorzow")),
      Map.entry("krakow", Path.of("server/src/test/resources/scenarios/krakow-czysto")),
      Map.entry("szczecin", Path.of("server/src/test/resources/scenarios/szczecin-meble")),
      Map.entry("olsztyn", Path.of("server/src/test/resources/scenarios/olsztyn-wodociagi")),
      Map.entry("bielsko", Path.of("server/src/test/resources/scenarios/bielsko-apteki")),
      Map.entry("kuznia", Path.of("server/src/test/resources/scenarios/kuznia-fitness")),
      Map.entry("motolech", Path.of("server/src/test/resources/scenarios/motolech-serwis")),
      Map.entry("torun", Path.of("server/src/test/resources/scenarios/torun-spp")),
      Map.entry("ciechocinek", Path.of("server/src/test/resources/scenarios/ciechocinek-zdroj")),
      Map.entry("opera", Path.of("server/src/test/resources/scenarios/bialystok-opera")),
      Map.entry("clinic", Path.of("server/src/test/resources/scenarios/clinic-launch")),
      Map.entry("opole", Path.of("server/src/test/resources/scenarios/opole-akademiki")),
      Map.entry("darlowo", Path.of("server/src/test/resources/scenarios/darlowo-wind")),
      Map.entry("grojec", Path.of("server/src/test/resources/scenarios/grojec-sady")),
      Map.entry("rckik", Path.of("server/src/test/resources/scenarios/rckik-kielce")),
      Map.entry("tczew", Path.of("server/src/test/resources/scenarios/tczew-cieplo")),
      Map.entry("gliwice", Path.of("server/src/test/resources/scenarios/gliwice-spp")),
      Map.entry("podhale", Path.of("server/src/test/resources/scenarios/podhale-oscypek")),
      Map.entry("malbork", Path.of("server/src/test/resources/scenarios/malbork-zamek")),
      Map.entry("pieniny", Path.of("server/src/test/resources/scenarios/pieniny-flisacy")));
  private static final Map<String, CopilotReadingTest.Console> CONSOLES = new ConcurrentHashMap<>();

  private CopilotFixture() {
  }

  /**
   * The console of a scenario by its short name: bfg, vltava, kestrel, wisla, mazovia, odra, baltic, karpaty,
   * hansa, tatra, pomorze, lublin, sudety, wroclaw, warmia, gdansk, silesia, mazury, poznan, slask, lodz, polonina,
   * gazeta, miejskicar, rzeszow, katowice, zielona, browar, gdynia, warta, krakow, szczecin,
   * olsztyn, bielsko, kuznia, motolech, torun, ciechocinek, opera, clinic, opole, darlowo, grojec, rckik, tczew,
   * gliwice, podhale, malbork, pieniny.
   */
  static CopilotReadingTest.Console console(String scenario) {
    return CONSOLES.computeIfAbsent(scenario, CopilotFixture::fresh);
  }

  /** A console of its own on {@code scenario}, for a test that changes its state (the shared ones stay fresh). */
  static CopilotReadingTest.Console fresh(String scenario) {
    Path dir = SCENARIOS.get(scenario);
    if (dir == null) {
      throw new IllegalArgumentException("no test scenario '" + scenario + "'; known: " + SCENARIOS.keySet());
    }
    return new CopilotReadingTest.Console(ScenarioLoader.load(dir).scenario());
  }

  /** The console of a scenario by its short name, after the journal of a real console under `copilot/states`. */
  static CopilotReadingTest.Console replayed(String scenario, String journal) {
    return fresh(scenario).replay(Path.of("server/src/test/resources/copilot/states").resolve(journal));
  }

  /** Asks {@code question} of {@code console} as {@code asker} in {@code lang} (en, pl); the answer matches. */
  static void answers(CopilotReadingTest.Console console, String asker, String question, String lang, String wanted) {
    matches(console.ask(question, Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }

  /** {@code question} in {@code lang} (en, pl) on {@code scenario}, asked by {@code asker} (blank: nobody). */
  static String ask(String question, String lang, String scenario, String asker) {
    return console(scenario).ask(question, Lang.valueOf(lang.toUpperCase()),
        asker == null || asker.isBlank() ? null : asker);
  }

  /** The validator of a fresh console on the scenario in {@code dir}, for answers in {@code lang}. */
  static Grounding grounding(Path dir, Lang lang) {
    Scenario scenario = ScenarioLoader.load(dir).scenario();
    Evaluator evaluator = new Evaluator(scenario);
    Evaluator.Assessment fresh = evaluator.assess(new Runtime("file-local", "mock-auth-header", false),
        SessionState.empty());
    return new Grounding(scenario, fresh, evaluator.render(fresh, lang));
  }

  static void matches(String answer, String regex) {
    assertThat(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
        .matcher(answer).find()).as("answer: %s%n  expected /%s/", answer, regex).isTrue();
  }

  static void lacks(String answer, String regex) {
    assertThat(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
        .matcher(answer).find()).as("answer: %s%n  must not match /%s/", answer, regex).isFalse();
  }
}
