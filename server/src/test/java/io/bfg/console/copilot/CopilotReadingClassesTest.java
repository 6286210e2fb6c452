package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Classes of questions the reader misread, each asked in words that are not in the question sets
 * (paraphrases, both languages, both scenarios where it applies). Every answer also passes
 * {@link Grounding} with nothing to correct (the console asserts it).
 */
@DisplayName("The reader on classes of questions it misread")
class CopilotReadingClassesTest {

  private static final CopilotReadingTest.Console BFG = console("bfg-flowcontrol");
  private static final CopilotReadingTest.Console CARE = console("vltava-care");

  private static CopilotReadingTest.Console console(String name) {
    try {
      return new CopilotReadingTest.Console(ScenarioLoader.load(Path.of("scenarios", name)).scenario());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("a meaning asked of no code, and providers asked of none in particular, never crash the reader")
  void noEntityNoCrash() {
    assertThat(BFG.en("what does OVERDUE mean?")).contains("Production");
    assertThat(BFG.en("show me every provider and what mode each runs in")).contains("mock-ksef", "local-eta");
    assertThat(BFG.pl("pokaż wszystkich dostawców z ich trybami")).contains("mock-ksef", "local-eta");
    assertThat(CARE.en("give me all the providers with their modes")).contains("his-nightly-export", "erecept-test-env");
  }

  @Test
  @DisplayName("the console's status words and terms are explained from the templates, in both languages")
  void consoleTerms() {
    assertThat(BFG.en("what does BLOCKED mean?")).contains("BLOCKED means", "depends");
    assertThat(CARE.en("Explain the difference between READY and REVIEW.")).contains("READY means", "REVIEW means");
    assertThat(BFG.pl("Co oznacza status BLOCKED?")).contains("BLOCKED oznacza");
    assertThat(CARE.pl("Co to jest kontrola?")).contains("Kontrola to");
    assertThat(CARE.en("what does a gate mean here?")).contains("A gate is");
  }

  @Test
  @DisplayName("status words in a question ask about the thing, a code only when written as one")
  void codesOnlyWhenNamed() {
    String runbook = BFG.en("is the runbook ready yet?");
    assertThat(runbook).doesNotContain("RUNBOOK_READY is").contains("BLOCKED", "1/6");
    assertThat(BFG.pl("Czy runbook jest już gotowy?")).doesNotContain("RUNBOOK_READY to").contains("1/6");
    assertThat(CARE.en("is the fallback rehearsed?")).doesNotContain("FALLBACK_REHEARSED is");
    assertThat(CARE.en("What does clinics_live stand for?")).contains("[go-live]").doesNotContain("not a decision code");
    assertThat(CARE.en("explain CLINICS LIVE")).contains("[go-live]");
    assertThat(BFG.pl("co znaczy CUTOVER_REHEARSED?")).contains("[cutover]", "REVIEW");
  }

  @Test
  @DisplayName("how many gates have a status is counted by that status")
  void countsByStatus() {
    assertThat(BFG.en("how many of the gates are BLOCKED?")).contains("4 of 9 integration gates are BLOCKED");
    assertThat(BFG.en("count the gates in review")).contains("3 of 9 integration gates are REVIEW");
    assertThat(BFG.pl("ile bramek ma status REVIEW?")).contains("3 z 9 bramek integracji ma status REVIEW");
    long review = CARE.evaluation(Lang.EN).gates().stream().filter(g -> g.status().equals("REVIEW")).count();
    assertThat(CARE.en("how many gates are waiting in REVIEW?")).contains(review + " of ");
  }

  @Test
  @DisplayName("whether a pipeline has run is its last run, not its gate")
  void pipelineRunYet() {
    assertThat(BFG.en("has the connection pipeline been run yet?")).contains("has not run yet");
    assertThat(BFG.pl("czy connection był już odpalony?")).contains("jeszcze nie był uruchomiony");
    assertThat(BFG.pl("Czy dry-run został już uruchomiony?")).contains("jeszcze nie był uruchomiony");
    assertThat(CARE.en("has the connection check run yet?")).contains("has not run yet");
  }

  @Test
  @DisplayName("the request's language stands unless the question is plainly in the other")
  void language() {
    assertThat(QuestionReader.language("status runbooka?", Lang.PL)).isEqualTo(Lang.PL);
    assertThat(QuestionReader.language("status KSeF", Lang.PL)).isEqualTo(Lang.PL);
    assertThat(QuestionReader.language("status?", Lang.PL)).isEqualTo(Lang.PL);
    assertThat(QuestionReader.language("what is the status of the runbook?", Lang.PL)).isEqualTo(Lang.EN);
    assertThat(BFG.pl("status runbooka?")).contains("ma status");
  }

  @Test
  @DisplayName("a question about providers in a mode lists every provider in it")
  void providersInAMode() {
    assertThat(BFG.en("which providers are mocked today?")).contains("mock-ksef", "mock-auth-header");
    assertThat(BFG.pl("którzy dostawcy działają na mocku?")).contains("mock-ksef", "mock-auth-header");
  }

  @Test
  @DisplayName("a thing named clearly wins over a provider or the overview that share its words")
  void topicOfTheQuestion() {
    assertThat(CARE.en("were the patients notified yet?")).contains("[switchover.patient-notice]");
    assertThat(CARE.pl("Czy pacjenci zostali powiadomieni?")).contains("[switchover.patient-notice]");
    assertThat(CARE.en("what blocks the fallback to the legacy HIS?")).contains("[fallback]").doesNotContain("[go-live]");
    assertThat(BFG.en("what is blocking the migration runbook?")).contains("[runbook]", "[preflight]");
  }

  @Test
  @DisplayName("a check named in Polish with 'bazy danych' is the database check, not a group about data")
  void polishDatabase() {
    String owner = BFG.name("user_accountant_olena");
    assertThat(BFG.pl("Kto odpowiada za kontrolę schematu bazy danych?")).contains("[cutover.database-schema]", owner);
    assertThat(BFG.pl("czyj jest schemat bazy?")).contains("[cutover.database-schema]", owner);
    assertThat(BFG.pl("Podpisz schemat bazy danych")).contains(owner);
  }
}
