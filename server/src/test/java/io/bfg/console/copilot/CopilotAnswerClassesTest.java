package io.bfg.console.copilot;

import io.bfg.console.model.Actor;
import io.bfg.console.model.Lang;
import io.bfg.console.model.Permissions;
import io.bfg.console.model.Scenario;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer side of the local model, by class of question rather than by phrasing: "my" tasks and
 * "can I" for the asker, "why can't X do it" with the server's own refusal, refusals that name who
 * can and why a run would be refused now, and wording that states no wrong fact (a group is no gate,
 * a blocked check waits for its blocker, a sentence is never said twice, Polish stays Polish).
 * Each question is asked in-process with the validator on its answer (Console.ask).
 */
@DisplayName("Local answers: first person, why-not, refusals, wording")
class CopilotAnswerClassesTest {

  private static final CopilotReadingTest.Console BFG = console("bfg-flowcontrol");
  private static final CopilotReadingTest.Console VLTAVA = console("vltava-care");

  private static CopilotReadingTest.Console console(String name) {
    try {
      Scenario scenario = ScenarioLoader.load(Path.of("scenarios", name)).scenario();
      return new CopilotReadingTest.Console(scenario);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static CopilotReadingTest.Console of(String scenario) {
    return scenario.equals("bfg") ? BFG : VLTAVA;
  }

  private static Map<String, Object> tasks(CopilotReadingTest.Console console, String actor) {
    return CopilotTools.tasks(new CopilotTools.Now(console.scenario, console.assessment(), console.evaluation(Lang.EN)),
        console.scenario.actor(actor));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> tasks, String part) {
    return (List<Map<String, Object>>) tasks.get(part);
  }

  @ParameterizedTest(name = "[{1}] {0} (asked by {3})")
  @DisplayName("'my' tasks are the asker's own: what the server would accept from them now")
  @CsvSource(delimiter = '|', value = {
      "Which tasks are mine at the moment?|en|bfg|user_md_anna",
      "Anything I should work on today?|en|vltava|psvobodova",
      "What have I got to do today?|en|vltava|tnovotny",
      "Jakie mam teraz zadania?|pl|bfg|user_md_anna",
      "Co jest moje do zrobienia?|pl|vltava|psvobodova",
      "Co muszę dziś zrobić?|pl|vltava|tnovotny"})
  void myTasks(String question, String lang, String scenario, String asker) {
    CopilotReadingTest.Console console = of(scenario);
    String answer = console.ask(question, Lang.valueOf(lang.toUpperCase()), asker);
    assertThat(answer).contains(console.name(asker));
    for (Map<String, Object> task : items(tasks(console, asker), "actionable").stream().limit(5).toList()) {
      assertThat(answer).contains("[" + task.get("id") + "]");
    }
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("'my' tasks from someone unknown: ask who, naming whose tasks can be listed, never a guess")
  @CsvSource(delimiter = '|', value = {
      "Which tasks are mine at the moment?|en|bfg",
      "What have I got to do today?|en|vltava",
      "Jakie mam teraz zadania?|pl|vltava"})
  void myTasksFromNobody(String question, String lang, String scenario) {
    CopilotReadingTest.Console console = of(scenario);
    String answer = console.ask(question, Lang.valueOf(lang.toUpperCase()), null);
    for (Actor actor : console.scenario.actors()) {
      assertThat(answer).contains(actor.name());
    }
    assertThat(answer).containsAnyOf("name the person", "podaj osobę");
  }

  @ParameterizedTest(name = "[{1}] {0} (asked by {3})")
  @DisplayName("'can I' is answered for the asker, naming who can")
  @CsvSource(delimiter = '|', value = {
      "Am I allowed to start the dry-run pipeline?|en|vltava|psvobodova|no",
      "Could I trigger the identity pipeline myself?|en|vltava|jdvorakova|no",
      "Czy mogę sam odpalić pipeline dry-run?|pl|vltava|lhorak|no",
      "Czy mogę sama uruchomić pipeline tożsamości?|pl|vltava|psvobodova|no",
      "Am I allowed to start the identity pipeline?|en|vltava|tnovotny|yes"})
  void canI(String question, String lang, String scenario, String asker, String may) {
    CopilotReadingTest.Console console = of(scenario);
    String answer = console.ask(question, Lang.valueOf(lang.toUpperCase()), asker);
    assertThat(answer).contains(console.name(asker));
    boolean pl = lang.equals("pl");
    assertThat(answer).startsWith(may.equals("yes") ? (pl ? "Tak" : "Yes") : (pl ? "Nie" : "No"));
    for (String holder : console.holders(Permissions.RUN_PIPELINES)) {
      assertThat(answer).contains(holder);
    }
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("'why can't X do it' gives the server's refusal now and what it waits for")
  @CsvSource(delimiter = '|', value = {
      "Why is Petra not able to accept the test batch?|en|psvobodova|claims.test-batch",
      "Why can't Tomas kick off the dry-run pipeline yet?|en|tnovotny|dry-run",
      "Dlaczego Petra nie może jeszcze zaakceptować paczki testowej?|pl|psvobodova|claims.test-batch",
      "Czemu Tomáš nie może odpalić pipeline'u dry-run?|pl|tnovotny|dry-run"})
  void whyNot(String question, String lang, String actor, String target) {
    String answer = VLTAVA.ask(question, Lang.valueOf(lang.toUpperCase()), "jdvorakova");
    Map<String, Object> refused = items(tasks(VLTAVA, actor), "blocked").stream()
        .filter(i -> target.equals(i.get("id")) || target.equals(i.get("pipeline"))).findFirst().orElseThrow();
    assertThat(answer).contains("[" + refused.get("blockedBy") + "]").doesNotStartWith("Yes").doesNotStartWith("Tak");
  }

  @Test
  @DisplayName("'why can't X do it' when X may: says they may now, with the command")
  void whyNotWhenTheyMay() {
    String answer = VLTAVA.ask("Why can't Tomas run the connection pipeline?", Lang.EN, null);
    assertThat(answer).contains("may do it now").contains("POST /api/pipelines/connection");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a refused request for a whole gate names its open checks' owners")
  @CsvSource(delimiter = '|', value = {
      "Sign off the DPIA gate for me.|en|vltava|dpia",
      "Please approve the fallback group.|en|vltava|fallback",
      "Zatwierdź całą ocenę skutków dla ochrony danych.|pl|vltava|dpia",
      "Klepnij infrastrukturę.|pl|bfg|infrastructure"})
  void refuseGroup(String question, String lang, String scenario, String group) {
    CopilotReadingTest.Console console = of(scenario);
    String answer = console.ask(question, Lang.valueOf(lang.toUpperCase()), null);
    Set<String> owners = new HashSet<>();
    console.group(group).checks().stream().filter(c -> !"READY".equals(c.status()))
        .forEach(c -> owners.add(console.name(c.owner())));
    assertThat(owners).isNotEmpty();
    owners.forEach(owner -> assertThat(answer).contains(owner));
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a refused request to run a pipeline the server would refuse now says why")
  @CsvSource(delimiter = '|', value = {
      "Start the dry-run pipeline now.|en|vltava|tnovotny|dry-run",
      "Please trigger the dry-run.|en|bfg|user_md_anna|dry-run",
      "Odpal teraz dry-run.|pl|vltava|tnovotny|dry-run",
      "Uruchom proszę pipeline dry-run.|pl|bfg|user_md_anna|dry-run"})
  void refuseRunWithWhy(String question, String lang, String scenario, String runner, String pipeline) {
    CopilotReadingTest.Console console = of(scenario);
    String answer = console.ask(question, Lang.valueOf(lang.toUpperCase()), null);
    Map<String, Object> refused = items(tasks(console, runner), "blocked").stream()
        .filter(i -> pipeline.equals(i.get("pipeline"))).findFirst().orElseThrow();
    assertThat(answer).contains("[" + refused.get("blockedBy") + "]")
        .containsAnyOf("would refuse", "odrzuci");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a check blocked by another says what it waits for, never 'waits for <owner>'")
  @CsvSource(delimiter = '|', value = {
      "status of the test batch?|en|claims.test-batch",
      "jak stoi paczka testowa?|pl|claims.test-batch",
      "what about the processor agreement?|en|dpia.processor-agreement",
      "co z umową powierzenia?|pl|dpia.processor-agreement"})
  void blockedCheckWaitsForItsBlocker(String question, String lang, String check) {
    String answer = VLTAVA.ask(question, Lang.valueOf(lang.toUpperCase()), null);
    String owner = VLTAVA.name(VLTAVA.check(check).owner());
    assertThat(answer).contains("[" + VLTAVA.check(check).blockedBy() + "]")
        .doesNotContain("waits for " + owner).doesNotContain("czeka na " + owner);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a group that is no checklist gate is not called one")
  @CsvSource(delimiter = '|', value = {
      "how is the fallback group doing?|en",
      "is the way back rehearsed yet?|en",
      "jak wygląda grupa fallback?|pl",
      "czy powrót jest już przećwiczony?|pl"})
  void groupIsNoGate(String question, String lang) {
    String answer = VLTAVA.ask(question, Lang.valueOf(lang.toUpperCase()), null);
    assertThat(answer).doesNotContain("The gate").doesNotContain("Bramka");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("an answer never says the same sentence twice")
  @CsvSource(delimiter = '|', value = {
      "ile bramek jest jeszcze zablokowanych?|pl|bfg",
      "how many gates are still blocked?|en|bfg",
      "ile bramek blokuje start?|pl|vltava"})
  void noRepeats(String question, String lang, String scenario) {
    String answer = of(scenario).ask(question, Lang.valueOf(lang.toUpperCase()), null);
    List<String> said = new ArrayList<>();
    for (String sentence : answer.split("(?<=\\.)(?<![A-Z][a-z]{1,3}\\.)\\s+|\\n")) {
      String s = sentence.replaceFirst("^(Also|Poza tym):\\s*", "").replaceFirst("\\.$", "").strip();
      if (s.length() > 20) {
        assertThat(said).as("said again: " + s + "\nin: " + answer).noneMatch(earlier -> earlier.contains(s));
        said.add(s);
      }
    }
  }

  @ParameterizedTest(name = "[pl] {0}")
  @DisplayName("Polish answers keep no English session or state words and no label in a wrong case")
  @CsvSource(delimiter = '|', value = {
      "gdzie teraz przechowywany jest stan?|bfg",
      "jakie są środowiska?|vltava",
      "kto jest właścicielem mapowania taryf?|vltava",
      "kto odpowiada za umowę powierzenia?|vltava"})
  void polishStaysPolish(String question, String scenario) {
    String answer = of(scenario).ask(question, Lang.PL, null);
    assertThat(answer).doesNotContain("Sesja live", "auth ", "tryb tenant", "kontrakt store", "active", "planned",
        "Właścicielem ", "należy do ");
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @DisplayName("a ready code of a group that is not ready yet is explained without claiming the group is ready")
  @CsvSource(delimiter = '|', value = {"en|bfg", "pl|bfg", "en|vltava", "pl|vltava"})
  void readyCodes(String lang, String scenario) {
    CopilotReadingTest.Console console = of(scenario);
    int asked = 0;
    for (io.bfg.console.model.GroupDef group : console.scenario.groups()) {
      if (group.readyCode() == null || "READY".equals(console.evaluation(Lang.EN).groups().stream()
          .filter(g -> g.id().equals(group.id())).map(g -> g.status()).findFirst().orElse("READY"))) {
        continue;
      }
      String question = lang.equals("en") ? "explain " + group.readyCode() + " to me" : "wyjaśnij kod "
          + group.readyCode();
      assertThat(console.ask(question, Lang.valueOf(lang.toUpperCase()), null)).contains("[" + group.id() + "]");
      asked++;
    }
    assertThat(asked).isPositive();
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("what blocks a named group is that group's own blocker, not the production overview")
  @CsvSource(delimiter = '|', value = {
      "what is blocking the fallback group?|en|vltava|fallback",
      "what blocks the record replay?|en|vltava|replay",
      "co blokuje grupę fallback?|pl|vltava|fallback",
      "co blokuje dry-run?|pl|bfg|dry-run"})
  void blockersOfOneGroup(String question, String lang, String scenario, String group) {
    CopilotReadingTest.Console console = of(scenario);
    String answer = console.ask(question, Lang.valueOf(lang.toUpperCase()), null);
    assertThat(answer).contains("[" + group + "]").doesNotContain("Production is").doesNotContain("Produkcja ma");
    String blocker = console.group(group).blockedBy();
    if (blocker != null) {
      assertThat(answer).contains("[" + blocker + "]");
    }
  }

  @ParameterizedTest(name = "[pl] {0}")
  @DisplayName("a Polish answer names each status in Polish beside its code")
  @CsvSource(delimiter = '|', value = {"jak stoi DPIA?|vltava", "co z replayem?|vltava", "jaki jest status runbooka?|bfg"})
  void polishStatusWords(String question, String scenario) {
    String answer = of(scenario).ask(question, Lang.PL, null);
    assertThat(answer).containsAnyOf("REVIEW (do przeglądu)", "BLOCKED (zablokowany)", "READY (gotowy)")
        .doesNotContainPattern("(REVIEW|BLOCKED|READY)[,)]");
  }
}
