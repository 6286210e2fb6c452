package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round twenty-eight asked a fitness club network half-way (`kuznia-fitness`, written blind for it) and a grid
 * operator near GO, replayed here from their real journals, with older known misses of the same kinds. Read now: a
 * word of the same meaning as a label's ("powiadomienie" of "poinformowani"), a role's words that are a check's name
 * beside "I", the console's own store and sign-in named by their values, the last write with what it was, "conn
 * check", a run's word as a decision's name ("wybierze retry"), a what-if followed by a question word, the asker's
 * thing in a what-if named by words another thing shares, "besides X, what is left", "apart from me, who", every
 * packet, what production runs on, the sample data, a provider now and on prod, runs that failed and passed in order,
 * "ją" pointing back, "or only me?", what someone may do when they may sign nothing, a pipeline run again over a gate
 * it proved as no task; two people's permissions side by side, and how many people may do what. Every answer also
 * passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 28: words of one meaning, what-ifs of two people, what is left besides")
class CopilotRound28ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "clubs", CopilotFixture.replayed("kuznia", "kuznia-fitness-28.ndjson"),
      "grid", CopilotFixture.replayed("odra", "odra-grid-28.ndjson"),
      "pharmacy", CopilotFixture.replayed("bielsko", "bielsko-apteki-27.ndjson"),
      "transit", CopilotFixture.replayed("wroclaw", "wroclaw-transit-27.ndjson"),
      "bank", CopilotFixture.console("mazovia"),
      "bfg", CopilotFixture.console("bfg"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round twenty-eight's classes")
  @CsvSource(delimiter = '|', value = {
      "transit|tlewandowski|moge sam zaklepac powiadomienie pasazerow?|pl|^Nie: Tomasz Lewandowski .* nie może "
          + "akceptować kontroli.*Pasażerowie poinformowani \\[launch\\.passenger-notice]: właściciel Piotr Nowak",
      "transit|tlewandowski|can I sign off the passengers informed check myself?|en|^No: Tomasz Lewandowski",
      "pharmacy|mkubica|is the console still on file-local + mock auth?|en|keeps its state in file-local with auth "
          + "mock-auth-header",
      "pharmacy|mkubica|kto ostatnio coś zapisywał w konsoli i co|pl|^Ostatni zapis: .*Marek Kubica\\. Był to: #\\d+ "
          + "decision\\.recorded, Marek Kubica, .*\\[compliance\\.hosting] = pl-warszawa",
      "transit|tlewandowski|since marek's conn check blew up, did anyone rerun it?|en|^An earlier connection run, "
          + "run-connection-\\w+, started by Marek Zieliński .*FAILED.*started by Agnieszka Kowalczyk, PASSED",
      "clubs|mzielinska|jak Kasia wybierze retry i klepnie rozliczenie to płatności będą zielone?|pl|^Tak: po "
          + "zrobieniu \"Ponawianie nieudanych obciążeń\" \\[payments\\.retry-policy] i \"Rozliczenie zgadza się z "
          + "rejestrem\" \\[payments\\.settlement] kompletne będzie też",
      "clubs|pwojcik|jak Kasia zatwierdzi rozliczenie i wybierze retry, co dalej blokuje start?|pl|^Po zrobieniu "
          + ".*\\[payments\\.retry-policy] przed produkcją zostanie jeszcze: .*właściciel Łukasz Szczepański",
      "grid|jluczak|jak Magda podpisze rownolegle rozliczenie a ja zdecyduje o fakturach przy wycofaniu, to jest GO?"
          + "|pl|^Nie, nadal NO-GO: nawet po zrobieniu \"Równoległe rozliczenie się zgadza\" "
          + "\\[tariffs\\.parallel-run] i "
          + "\"Faktury wystawione w czasie wycofania\" \\[rollback\\.write-off] produkcja będzie czekać.*PCI DSS",
      "grid|jluczak|besides the parallel run whats still left before go-live?|en|^Production is NO-GO for "
          + "grid-billing-pg.*PCI DSS",
      "grid|mzielinska|apart from me who still has to do something|en|^Besides you, the open checks of .* wait for: "
          + "Tomasz Grabowski .*Jerzy Łuczak .*Krzysztof Wójcik",
      "grid|mzielinska|kto jeszcze poza mną musi coś zrobić?|pl|^Poza Tobą na otwarte kontrole",
      "clubs|pwojcik|jakie pakiety mam w tym scenariuszu?|pl|^Pakiet ProductionAdapterConnection\\.v1 dotyczy \\[link] "
          + "i nie eksportuje zmiennych\\..*Pakiet ProductionReleaseHandoff\\.v1 eksportuje teraz zmienne",
      "clubs|pwojcik|a docelowy prod na czym stoi?|pl|^Środowiska \\(\\d+\\): .*\\(prod-malopolska\\), adapter "
          + "kuznia-pg-ha",
      "grid|mzielinska|how many invoices in the sample data we migrate?|en|^The batch \"Invoices\" holds 12 rows",
      "clubs|mzielinska|platnosci - co jest teraz mockiem a co bedzie na prodzie?|pl|^Dostawca: Płatności cykliczne "
          + "kartą; dziś tryb payu-sandbox, docelowo PayU production",
      "transit|tlewandowski|ile razy odpalali kontrole polaczenia i z jakim skutkiem|pl|Po kolei: run-connection-\\w+ "
          + "\\(uruchomienie: Marek Zieliński, .*\\): FAILED .*; run-connection-\\w+ \\(uruchomienie: Agnieszka "
          + "Kowalczyk, .*\\): PASSED",
      "transit|tlewandowski|proba migracji byla juz? kto moze ja odpalic|pl|^Pipeline dry-run jeszcze nie był "
          + "uruchomiony",
      "pharmacy|mkubica|can anyone else record the hosting decision or only me?|en|Only its owner, Marek Kubica, may "
          + "sign it off or record it: nobody else can\\.$",
      "pharmacy|kwroblewska|can Łukasz from Beskid-Farm sign anything?|en|^Łukasz Bartosik has nothing to sign off: "
          + "Łukasz Bartosik does not hold checks\\.accept \\(their permissions: scenario\\.read\\)\\..*The one check "
          + "Łukasz Bartosik owns is done: Wholesaler stock feed \\[iface\\.stock-feed]\\.",
      "pharmacy|mkubica|co mi zostało do zrobienia?|pl|^Nie masz teraz nic do zrobienia .*Możesz też uruchomić "
          + "ponownie to, co już przeszło: connection \\[link]: POST /api/pipelines/connection; dry-run",
      "bank|kzielinska|whats the difference between Marek's and Tomek's permissions|en|^Marek Wiśniewski .* holds "
          + "these permissions: .*infra\\.admin\\.\\s+Also: Tomasz Lewandowski .* holds these permissions: scenario\\.read",
      "bfg|user_md_anna|Ilu jest aktorów i kto ma najwięcej uprawnień?|pl|Z nich akceptować \\(checks\\.accept\\) może "
          + "\\d+, zapisywać decyzje \\(decisions\\.record\\) \\d+, a uruchamiać pipeline'y \\(pipelines\\.run\\) \\d+\\. "
          + "Najwięcej uprawnień \\(5\\): Anna Kowalska\\.$"})
  void roundTwentyEight(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }
}
