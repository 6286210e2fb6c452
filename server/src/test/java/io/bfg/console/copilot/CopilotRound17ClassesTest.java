package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * Round seventeen asked a car-sharing company just started (`miejskicar-waw`, written blind for it) and the clinics
 * far along but stuck, by people who are not technical, replayed here from their real journals: a provider's mode
 * asked by its gate's words, the journal's length, a person's sign-offs by a diminutive, a pipeline check's owner
 * and what proves it, "since I signed X", a day named with "ruszają", withdrawals given again, documents to draft
 * and fines declined. Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 17: modes by gate words, the journal counted, since my sign-off, drafts declined")
class CopilotRound17ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final CopilotReadingTest.Console CARS = CopilotFixture.fresh("miejskicar")
      .replay(STATES.resolve("miejskicar-waw-17.ndjson"));
  private static final CopilotReadingTest.Console CLINICS = CopilotFixture.fresh("vltava")
      .replay(STATES.resolve("vltava-care-17.ndjson"));

  @ParameterizedTest(name = "[{2}] {1}")
  @DisplayName("the car-sharing company, just started")
  @CsvSource(delimiter = '|', value = {
      "kzielinska|is telematics still on the simulator?|en|^Vehicle telematics \\(unlock/lock\\) runs as "
          + "telematics-sim today and moves to FleetLink OEM cloud",
      "kzielinska|platnosci karta - jestesmy na mocku czy juz prod?|pl|^Dostawca: Płatności kartą; dziś tryb "
          + "psp-sandbox",
      "kzielinska|strefy parkowania - skad je teraz bierzemy?|pl|dziś tryb static-zones-geojson",
      "awojcik|ktore integracje sa jeszcze na mockach|pl|^Wszyscy dostawcy \\(7\\)",
      "kzielinska|the kasia from the insurer - whats her full name and what has she signed|en|^Katarzyna Mazur "
          + "\\(Insurer account manager \\(TU Mazovia\\)\\).*Fleet policy mapped to cars \\[insurance.policy-mapping], "
          + "signed off at ",
      "kzielinska|kiedy Gosia klepnela taryfy?|pl|^Taryfy 2026 wgrane \\[payments.tariffs].*Akceptacja: Małgorzata "
          + "Dąbrowska \\(2026-12-06T22:46:55",
      "awojcik|whos owner of operator isolation and how does it turn green|en|owns Operator isolation "
          + "\\[rehearsal.isolation]; it is REVIEW\\. Nobody signs it: a passing step in a run of the dry-run pipeline "
          + "proves it\\.",
      "awojcik|audit log - how many events so far|en|^The journal holds 5 events so far",
      "awojcik|since i signed CEPiK what else happened|en|^Since #1 check.accepted by Agnieszka Wójcik .*"
          + "\\[licence.cepik-access], these changes were recorded \\(4\\)",
      "awojcik|Krzysiek już odpalił kontrolę połączenia?|pl|^Pipeline connection jeszcze nie był uruchomiony",
      "awojcik|draft me a privacy notice for drivers about the licence scans|en|^That is outside",
      "awojcik|jakie sa kary UODO za wyciek danych kierowcow|pl|^To jest poza zakresem",
      "awojcik|what's DamageClaim.v1|en|Insurer claims API \\(TU Mazovia\\) runs as insurer-mock today",
      "awojcik|who can't record decisions?|en|^Without decisions.record, so they may not record decisions: Katarzyna "
          + "Mazur \\(Insurer account manager \\(TU Mazovia\\)\\)\\. Those who may record decisions",
      "awojcik|who is not allowed to run pipelines?|en|^Without pipelines.run, so they may not run pipelines: .*"
          + "Only Krzysztof Lewandowski \\(IT & Security Lead\\) may run pipelines \\(pipelines.run\\)"})
  void cars(String asker, String question, String lang, String wanted) {
    String answer = CARS.ask(question, Lang.valueOf(lang.toUpperCase()), asker);
    matches(answer, wanted);
    lacks(answer, "All 2 providers");
  }

  @ParameterizedTest(name = "[{2}] {1}")
  @DisplayName("the clinics, far along but stuck")
  @CsvSource(delimiter = '|', value = {
      "psvobodova|overall % done? everything looks green but people say we're not live|en|^7 of 7 integration gates "
          + "are ready .*100% complete\\. Production is BLOCKED_PENDING_CLAIMS",
      "jdvorakova|czy kliniki w poniedzialek ruszaja czy nie?|pl|^Produkcja ma status NO-GO",
      "psvobodova|czy ktos poza mna cos wycofywal?|pl|Cofnięte, a potem ponownie podpisane lub zapisane: Okresy "
          + "przechowywania dokumentacji \\[dpia.retention] – cofnięte \\(MUDr. Jana Dvořáková",
      "jdvorakova|co sie dzialo od mojego podpisu pod powiadomieniem pacjentow?|pl|^Od #10 check.accepted \\(MUDr. "
          + "Jana Dvořáková, .*zapisano zmiany \\(6\\)",
      "psvobodova|co sie zmienilo od kiedy zatwierdzilam mapowanie taryf?|pl|^Od #5 check.accepted \\(Petra Svobodová"})
  void clinics(String asker, String question, String lang, String wanted) {
    matches(CLINICS.ask(question, Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }
}
