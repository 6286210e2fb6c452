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
  private static final CopilotReadingTest.Console SCHOOLS = CopilotFixture.fresh("rzeszow")
      .replay(STATES.resolve("rzeszow-edziennik-18.ndjson"));
  private static final CopilotReadingTest.Console CLAIMS = CopilotFixture.fresh("tatra")
      .replay(STATES.resolve("tatra-insurance-18.ndjson"));

  @ParameterizedTest(name = "[{2}] {1}")
  @DisplayName("a what-if of two things, or asked of a gate: that gate as it would then be")
  @CsvSource(delimiter = '|', value = {
      "cars|if Agnieszka records the retention and signs the DPIA, is the licensing gate done?|en|^Yes: with "
          + "\"Retention of licence scans\" \\[licence.retention] and \"DPIA for driver data\" \\[licence.dpia] done, "
          + "\"Driver licence checks are approved\" \\[licensing] would be complete: 3 of 3 checks done, "
          + "LICENCE_CHECKS_APPROVED\\.$",
      "cars|jeśli zapiszę przechowywanie skanów i podpiszę DPIA, to czy weryfikacja praw jazdy będzie gotowa?|pl|"
          + "^Tak: po zrobieniu \"Przechowywanie skanów prawa jazdy\" \\[licence.retention] i \"DPIA dla danych "
          + "kierowców\" \\[licence.dpia] kompletne będzie też \"Weryfikacja praw jazdy jest zatwierdzona\" "
          + "\\[licensing]: 3 z 3 kontroli, LICENCE_CHECKS_APPROVED\\.$",
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
          + "production would be GO \\(7/7 integration gates ready\\): it could go live",
      "gdyby Petra podpisała wszystko, co ma, to czy ruszymy?|pl|^Nie, nadal NO-GO: nawet po zrobieniu tego, co "
          + "Petra Svobodová ma jeszcze do zatwierdzenia \\(\"Paczka testowa przyjęta\" \\[claims.test-batch]\\) "
          + "produkcja będzie czekać na .*Kliniczna akceptacja drogi powrotu \\[fallback.clinical-signoff], "
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
  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round eighteen's classes: what is left and by whom, go-live words, who else may, runs and steps")
  @CsvSource(delimiter = '|', value = {
      "clinics|psvobodova|what's left?|en|^Production is NO-GO for clinic-pg-adapter",
      "clinics|psvobodova|czego jeszcze brakuje?|pl|^Produkcja ma status NO-GO",
      "claims|mgasienica|what is still left and who needs to do it?|en|^Still open before go-live \\[go-live], by "
          + "who must act: Katarzyna Majerczyk \\(Chief Financial Officer\\): Four-eyes approval above the limit "
          + "\\[payout-policy.four-eyes], Test payout in the bank sandbox \\[payout-cutover.sandbox-payout]; "
          + "Wojciech Zwijacz .*; Jan Bachleda \\(Head of IT\\): Rollback drill \\[fallback.drill]\\.$",
      "claims|mgasienica|who do we chase before go-live?|en|^Still open before go-live \\[go-live]",
      "claims|mgasienica|when is the go-live date?|en|recorded 2026-05-04 \\(Monday 4 May 2026\\) at ",
      "schools|pkaczmarek|anyone besides me allowed to run pipelines?|en|^Besides you, these may run pipelines "
          + "\\(pipelines.run\\): Tomasz Mazur \\(Database Administrator\\)\\.$",
      "claims|jbachleda|who else has pipelines.run besides me|en|^No one else may run pipelines: only you hold "
          + "pipelines.run\\.$",
      "claims|mgasienica|who has pipelines.run?|en|^Only Jan Bachleda \\(Head of IT\\) may run pipelines",
      "schools|mwojcik|how many people may record decisions?|en|^People who may record decisions "
          + "\\(decisions.record\\): 2: Małgorzata Wójcik",
      "schools|pkaczmarek|ile osób może podejmować decyzje?|pl|^Liczba osób z uprawnieniem decisions.record: 2: ",
      "claims|jbachleda|did any step of the dry run fail?|en|^No step failed: all 5 of 5 passed\\. The last dry-run run",
      "claims|jbachleda|what changed since my first dry run?|en|^Since #4 pipeline.finished by Jan Bachleda",
      "claims|jbachleda|co się zmieniło od mojego pierwszego dry runa?|pl|^Od #4 pipeline.finished",
      "claims|mgasienica|which sign-offs are stale since the limit was raised?|en|^Stale now \\(2\\)",
      "claims|mgasienica|history of the payout limit?|en|recorded pln-50000 \\(Up to 50,000 PLN\\) at .*Before that, "
          + "Katarzyna Majerczyk had recorded pln-25000 \\(Up to 25,000 PLN\\) at ",
      "claims|jbachleda|ile razy puszczaliśmy kontrolę połączenia?|pl|zakończył się 1 raz \\(uruchamiali: Jan "
          + "Bachleda\\): zaliczone 1",
      "schools|pkaczmarek|Kasia może już robić uzgodnienie wpłat?|pl|^Tak: Katarzyna Zielińska",
      "schools|pkaczmarek|mogę już zrobić testową wysyłkę?|pl|^Tak: możesz to zrobić już teraz",
      "claims|jbachleda|can I sign the rollback drill now?|en|^Yes: you \\(Jan Bachleda, Head of IT\\) may do it now",
      "schools|pkaczmarek|napisz mi skrypt w bashu do backupu bazy|pl|^To jest poza zakresem",
      "schools|mwojcik|is the national login working yet?|en|^The group \"The national login is proven\" "
          + "\\[national-login]",
      "schools|mwojcik|what replaces the sms stub?|en|^SMS to parents runs as sms-console-stub today and moves to "
          + "SMSAPI.pl gateway",
      "schools|mwojcik|how many checks are left in data protection and which?|en|\\(2/4\\).*Open checks: Data "
          + "processing agreement \\[gdpr.processor-agreement]",
      "schools|mwojcik|if I sign the privacy notice and pick the start date, can the schools start?|en|"
          + "^No, still NO-GO: even with \"Privacy notice for parents published\" \\[gdpr.parent-notice] and \"Start date in the pilot "
          + "schools\" \\[start.date] done, production would wait for"})
  void roundEighteen(String console, String asker, String question, String lang, String wanted) {
    CopilotReadingTest.Console asked = switch (console) {
      case "clinics" -> CLINICS;
      case "claims" -> CLAIMS;
      default -> SCHOOLS;
    };
    matches(asked.ask(question, Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }
}
