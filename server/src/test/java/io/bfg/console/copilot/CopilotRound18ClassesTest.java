package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * Known misses of the earlier rounds that were classes, asked of their real journals: what-ifs with two things
 * taken as done, with a gate other than production as the outcome ("is the licensing gate done then?"), and with
 * people for what they still owe ("if Petra and I sign our bits"); "kto może ..." (the modal verb read as the mocks
 * of a scenario whose integrations are called "mocki"); "does X have to be done before Monday". Every answer also
 * passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 18: what-ifs of several things, people or a gate; who may; needed before a day")
class CopilotRound18ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final CopilotReadingTest.Console CARS = CopilotFixture.fresh("miejskicar")
      .replay(STATES.resolve("miejskicar-waw-17.ndjson"));
  private static final CopilotReadingTest.Console CLINICS = CopilotFixture.fresh("vltava")
      .replay(STATES.resolve("vltava-care-17.ndjson"));
  private static final CopilotReadingTest.Console BFG = CopilotFixture.fresh("bfg")
      .replay(STATES.resolve("bfg-flowcontrol-14.ndjson"));

  @ParameterizedTest(name = "[{2}] {1}")
  @DisplayName("a what-if of two things, or asked of a gate: that gate as it would then be")
  @CsvSource(delimiter = '|', value = {
      "cars|if Agnieszka records the retention and signs the DPIA, is the licensing gate done?|en|^Yes: with "
          + "\"Retention of licence scans\" \\[licence.retention] and \"DPIA for driver data\" \\[licence.dpia] done, "
          + "\"Driver licence checks are approved\" \\[licensing] would be complete\\.$",
      "cars|jeśli zapiszę przechowywanie skanów i podpiszę DPIA, to czy weryfikacja praw jazdy będzie gotowa?|pl|"
          + "^Tak: po zrobieniu \"Przechowywanie skanów prawa jazdy\" \\[licence.retention] i \"DPIA dla danych "
          + "kierowców\" \\[licence.dpia] kompletne będzie też \"Weryfikacja praw jazdy jest zatwierdzona\" "
          + "\\[licensing]\\.$",
      "cars|if I sign the DPIA, will the licensing gate be done?|en|^\"DPIA for driver data\" \\[licence.dpia] cannot "
          + "be done yet: first it waits for \"Retention of licence scans\" \\[licence.retention]\\. No: even with",
      "bfg|jak Olena znowu zaakceptuje sekrety i auth, to czy rehearsal cutover będzie zamknięty?|pl|^Nie: nawet po "
          + "zrobieniu \"Sekrety i auth\" \\[cutover.secrets-auth] do kompletu \"Rehearsal cutover DB/auth jest "
          + "zaakceptowany\" \\[cutover] nadal będzie brakować: Migracja i rollback \\[cutover.migration-rollback], "
          + "właściciel Anna Kowalska\\.$",
      "bfg|if Olena re-accepts secrets and auth, is the cutover rehearsal group complete?|en|^No: even with "
          + "\"Secrets and auth\" \\[cutover.secrets-auth] done, \"DB/auth cutover rehearsals are accepted\" "
          + "\\[cutover] would still wait for Migration and rollback \\[cutover.migration-rollback], owner Anna "
          + "Kowalska\\.$"})
  void whatIfOfAGate(String console, String question, String lang, String wanted) {
    String asker = console.equals("cars") ? "awojcik" : "user_accountant_olena";
    matches((console.equals("cars") ? CARS : BFG).ask(question, Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }

  @ParameterizedTest(name = "[{2}] {1}")
  @DisplayName("a what-if of people: what each still has to give, the asker by \"me\" or \"ja\"")
  @CsvSource(delimiter = '|', value = {
      "if Jana and Petra sign everything they still owe, can the clinics go live?|en|^Yes: with what MUDr\\. Jana "
          + "Dvořáková still has to give \\(\"Clinical sign-off of the way back\" \\[fallback.clinical-signoff]\\) "
          + "and what Petra Svobodová still has to give \\(\"Test batch accepted\" \\[claims.test-batch]\\) done, "
          + "production could go live",
      "gdyby Petra podpisała wszystko, co ma, to czy ruszymy?|pl|^Nie, jeszcze nie: nawet po zrobieniu tego, co "
          + "Petra Svobodová ma jeszcze do zatwierdzenia \\(\"Paczka testowa przyjęta\" \\[claims.test-batch]\\) "
          + "produkcja nadal będzie czekać na .*Kliniczna akceptacja drogi powrotu \\[fallback.clinical-signoff], "
          + "właściciel MUDr\\. Jana Dvořáková",
      "jak ja i Jana podpiszemy swoje, to produkcja ruszy?|pl|^Tak: po zrobieniu tego, co Petra Svobodová ma jeszcze "
          + "do zatwierdzenia .* i tego, co MUDr\\. Jana Dvořáková ma jeszcze do zatwierdzenia"})
  void whatIfOfPeople(String question, String lang, String wanted) {
    matches(CLINICS.ask(question, Lang.valueOf(lang.toUpperCase()), "psvobodova"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("\"kto może ...\" asks who may, in a scenario whose integrations are called \"mocki\"")
  @CsvSource(delimiter = '|', value = {
      "kto może podejmować decyzje?|pl|^Uprawnienie decisions.record mają: Tomasz Wróblewski",
      "kto w zespole nie może podejmować decyzji?|pl|^Bez uprawnienia decisions.record, więc nie mogą zapisywać "
          + "decyzji: Katarzyna Mazur",
      "czy Kasia może podpisywać?|pl|^Tak: Katarzyna Zielińska \\(Kierowniczka floty\\) ma uprawnienie checks.accept"})
  void whoMay(String question, String lang, String wanted) {
    String answer = CARS.ask(question, Lang.valueOf(lang.toUpperCase()), "awojcik");
    matches(answer, wanted);
    lacks(answer, "Każda integracja");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("\"does X have to be done before Monday\": whether production waits for it")
  @CsvSource(delimiter = '|', value = {
      "does the claims test batch have to be done before the switch?|en|^Yes: production waits for \"Test batch "
          + "accepted\" \\[claims.test-batch], and it is not ready\\.",
      "czy paczka testowa musi być gotowa przed startem?|pl|^Tak: produkcja czeka na \"Paczka testowa przyjęta\" "
          + "\\[claims.test-batch]",
      "does the patient notice have to be done before monday?|en|^No: production waits for \"Patients notified\" "
          + "\\[switchover.patient-notice], but it is READY"})
  void neededBeforeADay(String question, String lang, String wanted) {
    matches(CLINICS.ask(question, Lang.valueOf(lang.toUpperCase()), "psvobodova"), wanted);
  }
}
