package io.bfg.console.copilot;

import io.bfg.console.eval.Evaluation;
import io.bfg.console.model.Lang;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Classes of questions the second round of question sets found misread, each asked in words that are
 * not in the sets (both languages, every scenario where it applies). Every answer also passes
 * {@link Grounding} with nothing to correct or warn (the console asserts it).
 */
@DisplayName("The reader on the second round's classes of questions")
class CopilotReadingRound2Test {

  private static final CopilotReadingTest.Console BFG = console(Path.of("scenarios", "bfg-flowcontrol"));
  private static final CopilotReadingTest.Console CARE = console(Path.of("scenarios", "vltava-care"));
  private static final CopilotReadingTest.Console KESTREL =
      console(Path.of("server/src/test/resources/scenarios/kestrel-water"));

  private static CopilotReadingTest.Console console(Path dir) {
    try {
      return new CopilotReadingTest.Console(ScenarioLoader.load(dir).scenario());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Evaluation.SnapshotView snapshot(CopilotReadingTest.Console console) {
    return console.evaluation(Lang.EN).snapshot();
  }

  @Test
  @DisplayName("the snapshot's rows, checksum and batches are answered from the snapshot, in both languages")
  void snapshotFacts() {
    assertThat(BFG.en("what's the total row count of the snapshot?")).contains(String.valueOf(snapshot(BFG).rows()));
    assertThat(CARE.pl("Podaj liczbę wierszy w snapshocie.")).contains(String.valueOf(snapshot(CARE).rows()));
    assertThat(KESTREL.en("which checksum does the snapshot have?")).contains(snapshot(KESTREL).checksumShort());
    assertThat(CARE.pl("Jaką sumę kontrolną ma snapshot danych?")).contains(snapshot(CARE).checksumShort());
    Evaluation.BatchView batch = snapshot(CARE).batches().get(0);
    assertThat(CARE.en("how many rows does each batch hold?")).contains(batch.label(), String.valueOf(batch.rows()));
    assertThat(BFG.en("how many rows are we migrating?")).contains(String.valueOf(snapshot(BFG).rows()));
  }

  @Test
  @DisplayName("programming and general writing tasks are out of scope, whatever check a word of them names")
  void programmingOutOfScope() {
    assertThat(BFG.en("write a python function that reverses a string")).contains("outside what I can answer");
    assertThat(KESTREL.en("can you give me a regex that matches email addresses?")).contains("outside what I can answer");
    assertThat(CARE.en("translate this paragraph into German for me")).contains("outside what I can answer");
    assertThat(CARE.pl("napisz skrypt w pythonie, który sortuje listę")).contains("poza zakresem");
    assertThat(BFG.pl("Napisz mi e-mail do klienta o opóźnieniu.")).contains("poza zakresem");
  }

  @Test
  @DisplayName("a request to record, set, tick or choose is refused; asking who may do it is still a question")
  void actVerbs() {
    assertThat(BFG.pl("Zaznacz okno freeze jako zaakceptowane.")).contains("tylko do odczytu");
    assertThat(BFG.en("Put the hosting decision down as managed PostgreSQL.")).contains("read-only");
    assertThat(CARE.en("Tick the patient notification as done.")).contains("read-only");
    assertThat(CARE.pl("Ustaw region hostingu na Pragę.")).contains("tylko do odczytu");
    assertThat(KESTREL.pl("Odhacz interfejs rozliczeń.")).contains("tylko do odczytu");
    assertThat(BFG.en("who can record the hosting decision?")).doesNotContain("read-only");
    assertThat(BFG.pl("kto może wpisać decyzję hostingową?")).doesNotContain("tylko do odczytu");
  }

  @Test
  @DisplayName("how far along overall is the overall count, not a group whose label holds a progress word")
  void overallProgress() {
    Evaluation.Summary care = CARE.evaluation(Lang.EN).summary();
    assertThat(CARE.en("what's the completion percent?")).contains(care.percent() + "%");
    assertThat(CARE.en("how complete are we, in percent?")).contains(care.percent() + "%");
    Evaluation.Summary kestrel = KESTREL.evaluation(Lang.EN).summary();
    assertThat(KESTREL.en("checks finished out of the total?")).contains(kestrel.checksReady() + " of "
        + kestrel.checksTotal());
    assertThat(KESTREL.pl("ile kontroli zakończonych w sumie?")).contains(kestrel.checksReady() + " z "
        + kestrel.checksTotal());
  }

  @Test
  @DisplayName("who answers for a rollback to an environment named is the target's rollback owner, with its adapter")
  void rollbackOwner() {
    assertThat(KESTREL.en("who owns a rollback to the depot server?")).contains("Ines Duarte", "depot-server");
    assertThat(KESTREL.en("rolling back to the depot server: who answers for it?")).contains("Ines Duarte");
    assertThat(KESTREL.pl("Kto prowadzi wycofanie na serwer zajezdni?")).contains("Ines Duarte", "depot-server");
  }

  private static String proves(CopilotReadingTest.Console console, String pipeline) {
    return console.scenario.pipelines().stream().filter(p -> p.id().equals(pipeline)).findFirst().orElseThrow()
        .proves();
  }

  @Test
  @DisplayName("casual Polish and synonyms: what still holds us, how people sign in, the store in use, a check by its console name")
  void casualWords() {
    assertThat(CARE.pl("co nas wciąż trzyma przed startem?")).contains(CARE.evaluation(Lang.PL).summary().decision());
    assertThat(BFG.pl("a co jeszcze trzyma produkcję?")).contains(BFG.evaluation(Lang.PL).summary().decision());
    assertThat(KESTREL.en("how do operators sign in?")).contains(KESTREL.evaluation(Lang.EN).session().auth());
    assertThat(KESTREL.pl("jak się logują pracownicy zmiany?")).contains(KESTREL.evaluation(Lang.PL).session().auth());
    assertThat(BFG.pl("Jak loguje się dyspozytor?")).contains(BFG.evaluation(Lang.PL).session().auth());
    assertThat(KESTREL.pl("Jaki był wynik testu połączenia?")).contains("jeszcze nie był uruchomiony");
    assertThat(BFG.pl("Co wyszło ze sprawdzenia połączenia?")).contains("jeszcze nie był uruchomiony");
    assertThat(CARE.pl("Czy dry-run był już uruchamiany?")).contains("jeszcze nie był uruchomiony");
    assertThat(KESTREL.en("which data store is in use right now?")).contains(KESTREL.evaluation(Lang.EN).session().storage());
    assertThat(KESTREL.pl("Który magazyn danych jest teraz używany?")).contains(KESTREL.evaluation(Lang.PL).session().storage());
    assertThat(KESTREL.pl("czy kontrakt przekazania zmiany jest ok?")).contains("[handover]");
    assertThat(KESTREL.en("is the shift handover gate ok?")).contains("[handover]");
  }

  @Test
  @DisplayName("a decision code asked of a gate is its code: the ready code once ready, else the one it carries")
  void codesOfGates() {
    assertThat(CARE.en("which decision code will go-live carry once all is ready?")).contains(
        CARE.scenario.production().readyCode());
    assertThat(BFG.pl("Jaki kod pokaże produkcja, gdy wszystko będzie gotowe?")).contains(
        BFG.scenario.production().readyCode());
    assertThat(KESTREL.en("what's the decision code of the handover gate?")).contains(KESTREL.group("handover").decision());
    assertThat(KESTREL.pl("Jaki kod decyzji ma bramka interfejsów dostawców?")).contains(KESTREL.group("interfaces").decision());
  }

  @Test
  @DisplayName("what a pipeline does is the gate it proves, with its checks")
  void pipelinePurpose() {
    assertThat(KESTREL.en("what does the dry-run do?")).contains("[" + proves(KESTREL, "dry-run") + "]");
    assertThat(BFG.pl("Na czym polega test połączenia?")).contains("[" + proves(BFG, "connection") + "]");
    assertThat(CARE.en("what is the connection check for?")).contains("[" + proves(CARE, "connection") + "]");
  }
}
