package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/**
 * Round twenty-four asked a municipal waste company in the middle of its cutover (`krakow-czysto`, written blind for
 * it) and a textile wholesaler that had just started, replayed here from their real journals: who has no right to
 * sign; a refusal told of ("jej nie puściło, czemu?"); two providers joined; a provider's mode "now vs after go
 * live"; how many gates are ready and which; a gate's state asked "u Halinki"; a gate ready with nobody's sign-off;
 * the asker's decision before they switched it, and a decision recorded three times; a what-if opened by "a jak",
 * one of the asker's "oba swoje", one whose outcome is a check to be done; a role's word inside a check's name; two
 * commands asked at once ("sign stuff or only run pipelines"); a short follow-up after the mark ("i czyje to"); a run
 * gone by "szedł"; the difference of two statuses; where to begin; both counts; a restaurant and a press release
 * declined; what happened since the asker changed a decision (to the option named, if one is) or after they
 * pulled a sign-off; the first run's snapshot against the last. Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 24: an early cutover, two providers, two commands, a decision's history")
class CopilotRound24ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final CopilotReadingTest.Console WASTE = CopilotFixture.fresh("krakow")
      .replay(STATES.resolve("krakow-czysto-24.ndjson"));
  private static final CopilotReadingTest.Console TEXTILES = CopilotFixture.fresh("lodz")
      .replay(STATES.resolve("lodz-textiles-24.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round twenty-four's classes")
  @CsvSource(delimiter = '|', value = {
      "textiles|kpawlak|kto w zespole nie ma prawa niczego podpisywac?|pl|^Bez uprawnienia checks\\.accept.*Katarzyna "
          + "Ślęzak",
      "textiles|kpawlak|lucja mowi ze chciala odpalic test polaczenia i jej nie puscilo, czemu?|pl|^Nie: Łucja Żmuda "
          + ".* nie może uruchamiać pipeline'ów, bo nie ma uprawnienia pipelines\\.run",
      "textiles|pdabrowski|erp and edi - what are they on today and whats replacing them in prod|en|Comarch ERP XL "
          + "API.*EDICOM VAN",
      "textiles|pdabrowski|dpd - whats it running on now vs after go live|en|^Courier shipping \\(DPD\\) runs as "
          + "mock-label-printer today and moves to DPD Polska API",
      "textiles|kpawlak|ile bramek jest zielonych i ktore|pl|^Gotowe bramki integracji: 2 z 6.*Bramki ze statusem "
          + "READY \\(gotowy\\): \"Integracje są zmapowane\" \\[integrations], \"Połączenie z bazą portalu jest "
          + "potwierdzone\" \\[link]",
      "textiles|kpawlak|na czym stoja finanse u halinki?|pl|^Bramka \"Finanse są zatwierdzone\" \\[finance] ma status "
          + "REVIEW \\(do przeglądu\\), 1/3",
      "textiles|kpawlak|integracje maja 6/6 a nikt nic nie klepal - jak to?|pl|Tych kontroli nikt nie podpisuje "
          + "ręcznie: każda wynika z innych dowodów",
      "textiles|kpawlak|and what was my launch pick before i switched it|en|^Who gets the portal first "
          + "\\[sales\\.launch-scope].*Before that, .*all-customers",
      "textiles|kpawlak|a jak jędrek znowu zatwierdzi inwentaryzację, to będzie mógł robić etykiety?|pl|^Tak: po "
          + "zrobieniu \"Stany magazynowe zgodne z portalem\" \\[sales\\.stock-sync] \"Testowe etykiety kurierskie\" "
          + "\\[sales\\.courier-labels] nie będzie już na nic czekać",
      "textiles|kpawlak|board approval - what is it waiting on|en|^Management board approval "
          + "\\[weekend\\.board-approval] is BLOCKED",
      "waste|mzielinska|can Bartek sign stuff or only run pipelines?|en|^No: Bartosz Sowa .* cannot accept checks.*"
          + "Also: Yes: Bartosz Sowa .* may run pipelines",
      "waste|mzielinska|and how many times have I changed the window|en|It was recorded 3 times, oldest first: "
          + "weekend-dec-05 .*christmas-break .*weekend-dec-12",
      "waste|mzielinska|a sms-y na produkcji przez co pójdą? i czyje to|pl|^Dostawca: Przypomnienia SMS; dziś tryb "
          + "sms-log-sink, docelowo SMSAPI\\.pl.*właściciel: Joanna Dudek",
      "waste|akaczmarek|jesli podpisze oba swoje to opłaty beda gotowe?|pl|^Tak: po zrobieniu tego, co Agnieszka "
          + "Kaczmarek ma jeszcze do zatwierdzenia",
      "textiles|kpawlak|czy dry run juz kiedys szedl? jak wyszedl|pl|^Pipeline dry-run jeszcze nie był uruchomiony",
      "textiles|pdabrowski|whats the diff between REVIEW and BLOCKED on the checks|en|^REVIEW means[^\\n]*\\nBLOCKED "
          + "means",
      "textiles|kpawlak|od czego w ogole zaczynamy? kto ma pierwszy ruch|pl|^Dalej: Wybierz tryb wysyłki do KSeF "
          + "\\[finance\\.ksef-mode]",
      "textiles|kpawlak|ile bramek gotowych a ile zostalo?|pl|^Gotowe bramki integracji: 2 z 6 \\(niegotowe: 4\\)",
      "textiles|kpawlak|polec jakas restauracje na piotrkowskiej na kolacje z klientem|pl|^To jest poza zakresem",
      "waste|mzielinska|draft a press release announcing the new fee system|en|^That is outside what I can answer",
      "textiles|kpawlak|co sie zmienilo od czasu jak zmienilam decyzje?|pl|^Od #5 decision\\.recorded .*"
          + "\\[sales\\.launch-scope].*#6 check\\.revoked",
      "waste|mzielinska|since I moved the window to the christmas break, what happened?|en|^Since #9 "
          + "decision\\.recorded by Małgorzata Zielińska .*\\[cutover\\.window] = christmas-break"})
  void roundTwentyFour(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.matches((console.equals("waste") ? WASTE : TEXTILES).ask(question,
        Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }
}
