package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/**
 * Round twenty asked a chain of veterinary clinics in its early days (`zielona-lapa-vet`, written blind for it) and a
 * ferry operator nearly done, replayed here from their real journals, and the known misses of rounds eighteen and
 * nineteen were taken up: what a run found asked by its own words (the server's version, BYPASSRLS, encryption),
 * who holds a thing up, whether one thing still waits on another, a what-if asked of a check ("then can Magda sign
 * the wording?"), two things sharing a word in a what-if, a check of the person a condition names by fewer of its
 * words, a gate named by one word beside "bramka", who has the most open, what replaces a mode, the console's own
 * store and login, the first run, "od dry-runa", two questions each with its mark, and an e-mail declined only when
 * one is to be written. Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 20: a run's findings by their words, who holds it up, waits on, a check what-if")
class CopilotRound20ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final CopilotReadingTest.Console CLINICS = CopilotFixture.fresh("zielona")
      .replay(STATES.resolve("zielona-lapa-vet-20.ndjson"));
  private static final CopilotReadingTest.Console FERRIES = CopilotFixture.fresh("mazury")
      .replay(STATES.resolve("mazury-ferries-20.ndjson"));
  private static final CopilotReadingTest.Console HOTELS = CopilotFixture.fresh("sudety")
      .replay(STATES.resolve("sudety-hotels-19.ndjson"));
  private static final CopilotReadingTest.Console AIRPORT = CopilotFixture.fresh("katowice")
      .replay(STATES.resolve("katowice-airport-19.ndjson"));
  private static final CopilotReadingTest.Console INSURER = CopilotFixture.fresh("tatra")
      .replay(STATES.resolve("tatra-insurance-18.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round twenty's classes")
  @CsvSource(delimiter = '|', value = {
      // what a step of the connection check found, asked by its words
      "airport|mwojcik|ktora wersja postgresa odpowiedziala|pl|^Ostatni przebieg connection .*: 4/4\\.\\n- "
          + "Osiągalność endpointu \\[link\\.endpoint]: PASSED \\(zaliczony\\), \"osiągnięto "
          + ".*PostgreSQL 14\\.22",
      "airport|mwojcik|does the migrator role have bypassrls or superuser|en|^The last connection run .*\\n- "
          + "RBAC session \\[link\\.airport-session]: PASSED, \"session role ktw_migrator is neither superuser nor "
          + "BYPASSRLS",
      "clinics|azielinska|czy polaczenie z baza jest w ogole szyfrowane?|pl|^Ostatni przebieg connection .*\\n- "
          + "Osiągalność endpointu \\[link\\.endpoint]: PASSED \\(zaliczony\\), \".*sesja szyfrowana \\(TLSv1\\.3\\)",
      "insurer|jbachleda|czy kontrola polaczenia przeszla? na jaki endpoint?|pl|^Ostatni przebieg connection "
          + "run-connection-\\w+ \\(uruchomienie: Jan Bachleda\\): PASSED \\(zaliczony\\) \\(.*\\) na postgresql://",
      // who holds a thing up: whoever owes its open checks
      "ferries|kzielinska|kto wstrzymuje otwarcie sezonu|pl|^\"Otwarcie sezonu jest zatwierdzone\" "
          + "\\[season-opening] ma status REVIEW \\(do przeglądu\\), 2/3; na otwarte kontrole czekają: Magdalena "
          + "Lewandowska \\(Kierowniczka sprzedaży biletów\\): Rozkład sezonowy opublikowany \\[opening\\.timetable]",
      "ferries|kzielinska|who's blocking the notices?|en|^\"Passenger notices are ready\" \\[notices] is REVIEW at "
          + "1/3; its open checks wait for: Katarzyna Zielińska",
      "ferries|kzielinska|which gate is still open and who's holding it up|en|^Still open before go-live "
          + "\\[season-go], by who must act: Magdalena Lewandowska .*Season timetable published",
      // who has the most open, and one person's open counted
      "hotels|pnowak|kto poza mna ma najwiecej otwartych rzeczy?|pl|^Poza Tobą najwięcej otwartych kontroli przed "
          + "uruchomieniem \\[go-live]: Krzysztof Zieliński \\(Kierownik IT\\), 2\\.",
      "hotels|mwrobel|how many things has pawel still got open?|en|^Paweł Nowak \\(Chief Accountant\\) owns 7 checks: "
          + ".* Ready: 4 of them; not ready yet: 3\\.",
      // whether one thing still waits on another
      "hotels|pnowak|czy rejestracja kas w KAS dalej czeka na ten VAT?|pl|^Nie: \"Stawki VAT dla noclegów i "
          + "gastronomii\" \\[fiscal\\.vat-rates] ma status READY \\(gotowe\\), więc \"Kasy zarejestrowane w KAS\" "
          + "\\[fiscal\\.register-enrolled] już na to nie czeka\\..* możesz to zaakceptować już teraz",
      "hotels|mwrobel|is the go-live window still blocked by fiscal?|en|^Yes: \"The go-live window is agreed\" "
          + "\\[season-window] still waits for \"Fiscal receipts are approved\" \\[fiscal], which is REVIEW\\.",
      "hotels|mwrobel|is the restore drill waiting on the receipt layout?|en|^No: \"Restore drill\" "
          + "\\[way-back\\.restore-drill] does not wait for \"Receipt layout with NIP\" \\[fiscal\\.receipt-layout]",
      // a what-if asked of a check: could it be done then
      "ferries|kzielinska|jak wybiore kanal, to Magda od razu podpisze tresci komunikatow?|pl|^Tak: po zrobieniu "
          + "\"Kanał odwołań z powodu pogody\" \\[notices\\.weather-channel] \"Treść powiadomień po polsku, angielsku "
          + "i niemiecku\" \\[notices\\.wording] nie będzie już na nic czekać; zrobić to może wtedy Magdalena "
          + "Lewandowska\\.",
      "ferries|mlewandowska|if Kasia decides the weather channel, can I sign the wording then?|en|^Yes: with "
          + "\"Weather cancellation channel\" \\[notices\\.weather-channel] done, \"Notice wording in PL, EN and DE\" "
          + "\\[notices\\.wording] would no longer wait for anything; you could then do it\\.",
      // two things sharing a word; a check of the person the condition names, by one of its words
      "clinics|azielinska|jak wybiore zasade wynikow i podpisze obieg, to bramka wynikow bedzie gotowa?|pl|^Tak: po "
          + "zrobieniu \"Zasada udostępniania wyników\" \\[lab\\.release-policy] i \"Próbny obieg wyników\" "
          + "\\[lab\\.results-roundtrip] kompletne będzie też \"Portal wyników badań jest zatwierdzony klinicznie\"",
      "clinics|mkaczmarek|jak Tomek wybierze harmonogram i zrobi testowa platnosc to platnosci beda zielone?|pl|^Tak: "
          + "po zrobieniu \"Harmonogram rozliczeń\" \\[payments\\.settlement] i \"Testowa płatność kartą i BLIK\"",
      // a gate named by one word beside "bramka"; a provider by a word of its mode
      "clinics|azielinska|ile mamy gotowych kontroli w bramce wynikow|pl|^Bramka \"Portal wyników badań jest "
          + "zatwierdzony klinicznie\" \\[lab-results] ma status REVIEW \\(do przeglądu\\), 1/3",
      "clinics|mkaczmarek|co bedzie zamiast tego folderu z pdfami z wynikami?|pl|^Dostawca: Portal wyników badań; "
          + "dziś tryb local-pdf-folder, docelowo Vetlab Connect results API",
      // an e-mail is declined only when one is to be written; "still goes by e-mail" asks the provider's mode
      "ferries|kzielinska|co z manifestem do kapitanatu, nadal idzie mailem?|pl|^Dostawca: Manifest dla kapitanatu "
          + "portu; dziś tryb csv-by-email, docelowo Harbour master manifest API",
      "ferries|kzielinska|napisz mi maila do kapitanatu, że manifest się spóźni|pl|^To jest poza zakresem",
      // the console's own store and login; the first run; since a run; two questions, each with its mark
      "ferries|mlewandowska|jaki store i jakie logowanie chodzi teraz w konsoli|pl|^Bieżąca sesja przechowuje stan "
          + "w: file-local; uwierzytelnianie: mock-auth-header",
      "ferries|mlewandowska|kto odpalil pierwszy dry-run?|pl|^Pierwszy przebieg dry-run wśród zapisanych zmian: "
          + "run-dry-run-\\w+ \\(uruchomienie: Paweł Wiśniewski\\): PASSED",
      "clinics|mkaczmarek|od dry-runa cos sie ruszylo?|pl|^Od #9 pipeline\\.finished .* zapisano zmiany \\(3\\)",
      "ferries|mlewandowska|seat plans done? who did the wheelchair places|en|^The group \"Seat plans are loaded\" "
          + "\\[seat-plans] is READY at 2/2 .*\\nAlso: Tomasz Kamiński \\(Fleet Captain\\) owns Wheelchair and bicycle "
          + "places"})
  void roundTwenty(String console, String asker, String question, String lang, String wanted) {
    CopilotReadingTest.Console asked = switch (console) {
      case "clinics" -> CLINICS;
      case "ferries" -> FERRIES;
      case "hotels" -> HOTELS;
      case "airport" -> AIRPORT;
      default -> INSURER;
    };
    CopilotFixture.matches(asked.ask(question, Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }
}
