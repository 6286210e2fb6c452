package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/**
 * Round twenty-two's misses that are kinds of question, read before round twenty-three was asked: a provider's
 * integration named beside the group aliased "integrations"; a second question pointing back with "it" ("who owns X
 * and what does it depend on"); news told first and the question after ", to co"; what is blocking one gate. Every
 * answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 23: it pointing back, news before the question, what is blocking X")
class CopilotRound23ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final CopilotReadingTest.Console LIBRARY = CopilotFixture.fresh("gdynia")
      .replay(STATES.resolve("gdynia-biblioteka-22.ndjson"));
  private static final CopilotReadingTest.Console GRID = CopilotFixture.fresh("silesia")
      .replay(STATES.resolve("silesia-energy-22.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round twenty-two's misses")
  @CsvSource(delimiter = '|', value = {
      "library|mzielinska|who owns the Legimi integration|en|^Agnieszka Kamińska owns \"E-book lending is ready\" "
          + "\\[ebooks]",
      "library|mzielinska|kto odpowiada za integrację z Legimi|pl|\\[ebooks]: właściciel Agnieszka Kamińska",
      "grid|abak|who owns the GDPR register check and what does it depend on|en|^Agnieszka Bąk .* owns GDPR "
          + "processing register \\[ure\\.gdpr-register].*It depends on Reporting cadence \\[ure\\.cadence]",
      "grid|abak|kto jest właścicielem rejestru RODO i od czego on zależy|pl|\\[ure\\.gdpr-register]: właściciel.*"
          + "Zależy od: Częstotliwość raportowania \\[ure\\.cadence]",
      "library|mzielinska|Ewa klepnęła cennik, to co jeszcze blokuje płatności?|pl|^Bramka \"Płatności online za "
          + "kary i opłaty są gotowe\" \\[payments] ma status BLOCKED",
      "library|mzielinska|what is blocking payments|en|^The gate \"Online payments for fines and fees are ready\" "
          + "\\[payments] is BLOCKED at 1/3"})
  void roundTwentyTwoMisses(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.matches((console.equals("library") ? LIBRARY : GRID).ask(question,
        Lang.valueOf(lang.toUpperCase()), asker), wanted);
  }
}
