package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round twenty-six asked a water utility at the start of its cutover (`olsztyn-wodociagi`, written blind for it) and a
 * rail freight company half-way, replayed here from their real journals, with an older known miss of the same kind:
 * whether a named sign-off still stands; how many times a decision was recorded, asked by "keeps changing"; how many
 * times a pipeline ran when the count follows "and" ("kto odpalał dry runa i ile razy"); on which run it first
 * passed; the failed step of a run named in a Polish case ("w pierwszym dry runie"); where the console keeps its
 * state, "w pliku czy w bazie", though a gate is named by the same words; the asker's own decision, free now; what a
 * check waited for, asked "why couldn't I before"; two events put in order ("before or after", "przed czy po");
 * what a thing covers; access to a command as its permission; a count and the decision code asked together; what
 * changed since someone's sign-off, the sign-off named by its noun. Every answer also passes the validator (the
 * fixture asserts it).
 */
@DisplayName("Local answers, round 26: a sign-off's standing, runs and their order, a decision's history")
class CopilotRound26ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "water", CopilotFixture.fresh("olsztyn").replay(STATES.resolve("olsztyn-wodociagi-26.ndjson")),
      "freight", CopilotFixture.fresh("hansa").replay(STATES.resolve("hansa-freight-26.ndjson")),
      "ski", CopilotFixture.fresh("polonina").replay(STATES.resolve("polonina-ski-16.ndjson")));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round twenty-six's classes")
  @CsvSource(delimiter = '|', value = {
      "water|pwojcik|is my tariff sign-off still valid or did it go stale|en|^It still stands: the sign-off is not "
          + "stale.*\\[billing\\.tariff]",
      "water|pwojcik|czy moja akceptacja taryfy jest nadal ważna?|pl|^Tak, jest nadal ważna: .*\\[billing\\.tariff]",
      "freight|mwisniewski|kasia keeps changing the ksef thing?? how many times and what is it now|en|^KSeF "
          + "onboarding mode \\[invoicing\\.ksef-mode].*recorded production-direct.*It was recorded 3 times",
      "freight|azielinska|kto odpalal dry runa i ile razy|pl|^W zapisanych zmianach pipeline dry-run zakończył się 2 "
          + "razy \\(uruchamiali: Piotr Kaczmarek\\)",
      "freight|azielinska|czy dry run w koncu przeszedl? za ktorym razem|pl|^Przeszedł za drugim razem",
      "freight|mwisniewski|did the dry run pass in the end? on which try?|en|^It passed on the second run",
      "freight|azielinska|ktory krok sie wywalil w pierwszym dry runie|pl|^Wcześniejszy przebieg dry-run, .*FAILED.*"
          + "krok Eksport snapshotu \\[rehearsal\\.export]",
      "freight|mwisniewski|gdzie siedzi sesja pulpitu, w pliku czy w bazie?|pl|^Bieżąca sesja przechowuje stan w: "
          + "file-local",
      "freight|mwisniewski|moge sam wybrac okno przelaczenia? jakie sa opcje|pl|decyzja należy do Ciebie \\(Marek "
          + "Wiśniewski.*Możesz ją zapisać już teraz\\. Opcje: .*listopada",
      "freight|azielinska|why couldnt i sign the authorised consignor before, can i now?|en|^Yes: you .* may do it "
          + "now.*It depends on Customs guarantee \\[customs\\.guarantee], which is READY",
      "freight|azielinska|did kasia pick the guarantee before or after i first signed the mapping|en|^After: #2 "
          + "check\\.accepted .*\\[customs\\.mapping] came first, then #4 decision\\.recorded .*\\[customs\\.guarantee]",
      "ski|alabedz|PCI klepnięte przed czy po mojej zmianie terminali?|pl|^Po: najpierw .*\\[payments\\.terminals].*"
          + "potem .*\\[payments\\.pci]",
      "freight|azielinska|jakie terminale obejmuje pozwolenie upowaznionego nadawcy|pl|Gdańsku i Małaszewiczach",
      "freight|azielinska|kto ma dostep do odpalania pipeline'ow?|pl|^Pipeline'y może uruchamiać tylko Piotr "
          + "Kaczmarek",
      "water|mzielinski|ile bramek gotowych i jaki mamy kod decyzji?|pl|^Gotowe bramki integracji: 2 z 6.*"
          + "BLOCKED_PENDING_REHEARSAL",
      "water|mzielinski|co sie zmienilo od akceptacji Asi?|pl|^Od #2 check\\.accepted \\(Joanna Szymańska",
      "water|mzielinski|what changed since Joanna's sign-off?|en|^Since #2 check\\.accepted by Joanna Szymańska"})
  void roundTwentySix(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.matches(CONSOLES.get(console).ask(question, Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }
}
