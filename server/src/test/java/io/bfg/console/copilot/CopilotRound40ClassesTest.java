package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round forty asked a castle museum's ticketing early on (`malbork-zamek`, written blind for it) and the highland
 * cheese cooperative stalled (`podhale-oscypek`), replayed here from their real journals, in other words than the
 * round's own. Read now: a provider a scenario calls by the console's own word for gates ("bramka" for a payment
 * gateway) is not what "ile bramek" counts; what a check is "about" is its description ("what about X" still asks
 * how it stands); whether a sign-off still counts is that check's state; who else still has to sign; how many
 * decisions are recorded, said; a share price is out of scope though "price" names a price list; the snapshot's rows
 * table by table; where we keep the console's data; which step was slowest (each with its time); when a pipeline's
 * first run went; a value "set to what now"; a release variable left empty by an unrecorded decision. Every answer
 * also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 40: a gateway is no gate, what a check is about, rows per table, empty variables")
class CopilotRound40ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "malbork", CopilotFixture.replayed("malbork", "malbork-zamek-40.ndjson"),
      "podhale", CopilotFixture.replayed("podhale", "podhale-oscypek-40.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round forty's classes")
  @CsvSource(delimiter = '|', value = {
      "malbork|it_tomasz|ile mamy gotowych bramek?|pl|^Gotowe bramki integracji: 2 z 8",
      "malbork|fin_jadwiga|what's the VAT mapping all about|en|^\"VAT and fiscal mapping\" "
          + "\\[finanse\\.fiscal-mapping]: VAT rates \\(8% entry tickets, 23% merchandise\\)",
      "malbork|fin_jadwiga|what about the VAT mapping?|en|^VAT and fiscal mapping \\[finanse\\.fiscal-mapping] is "
          + "REVIEW",
      "malbork|fin_jadwiga|does my VAT mapping sign-off still count?|en|^VAT and fiscal mapping "
          + "\\[finanse\\.fiscal-mapping] is REVIEW.*Jadwiga Lis withdrew that sign-off",
      "malbork|fin_jadwiga|who else still needs to sign something?|en|^Besides you, the open checks of \"Summer "
          + "season go-live\" \\[season-go-live] wait for: Tomasz Grabowski",
      "malbork|fin_jadwiga|how many decisions have been recorded?|en|\\[decisions] \\(1 of 4 recorded; not chosen "
          + "yet: 3\\)",
      "malbork|fin_jadwiga|what's the CD Projekt share price?|en|^That is outside what I can answer",
      "podhale|tbachleda|ile wierszy ma każda tabela w snapshocie?|pl|Wiersze według tabel: cooperatives: 1; staff: "
          + "5; cheese_batches: 12; lab_results: 12\\.$",
      "podhale|zgasienica|gdzie przechowujemy dane konsoli?|pl|^Bieżąca sesja przechowuje stan w: file-local",
      "podhale|tbachleda|which dry-run step took the longest?|en|PASSED in [0-9]+ ms.*\\nIts steps took [0-9]+ ms in "
          + "all\\.$",
      "malbork|it_tomasz|kiedy poszedł pierwszy test połączenia?|pl|^Pierwszy przebieg connection wśród zapisanych "
          + "zmian: run-connection-a82cbbaf6494 \\(uruchomienie: Tomasz Grabowski\\)",
      "malbork|it_tomasz|database hosting is set to what now?|en|^Database hosting \\[infra\\.hosting] is READY.*"
          + "recorded beyond-poznan",
      "malbork|it_tomasz|what's MZM_CUTOVER_WINDOW now?|en|^MZM_CUTOVER_WINDOW is empty now, in the "
          + "ProductionReleaseHandoff\\.v1 packet: it takes the value of Cutover window \\[cutover\\.window], which "
          + "nobody has recorded yet\\.$",
      "malbork|it_tomasz|co jest teraz w MZM_PAYMENT_OPERATOR?|pl|^MZM_PAYMENT_OPERATOR jest teraz pusta w pakiecie "
          + "ProductionReleaseHandoff\\.v1: przyjmie wartość decyzji Operator płatności \\[payments\\.acquirer]"})
  void roundForty(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }
}
