package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round thirty-three asked a student-housing office half-way (`opole-akademiki`, written blind for it) and a pharmacy
 * chain near GO (`karpaty-pharma`), replayed here from their real journals, in other words than the round's own. Read
 * now: a run told step by step names each step by its own name beside the check it proves; "a failed pipeline run";
 * greetings and things to buy are declined; someone whose every check is done hears which ones; a file a check is
 * named by is no question about where the console keeps its files; "who last touched the console"; a Polish "go" is
 * "it", not GO; what a gate waits for and who is on it; the redacted endpoint a run recorded; whom a step belongs to;
 * "confirm" is signing off; why the figure is not 100%; the target database's roles; what a provider is becoming;
 * a spoken Polish "jak" that means "if". Every answer also passes the validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 33: steps by their names, roles of the database, why not 100%, a Polish \"go\"")
class CopilotRound33ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "opole", CopilotFixture.replayed("opole", "opole-akademiki-33.ndjson"),
      "karpaty", CopilotFixture.replayed("karpaty", "karpaty-pharma-33.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round thirty-three's classes")
  @CsvSource(delimiter = '|', value = {
      "opole|dnguyen|na którym kroku wywalił się dry run?|pl|\\[replay]: 0/5\\.\\n- Eksport snapshotu "
          + "\\[replay\\.freeze]: FAILED \\(nieudany\\), \"cannot reach 127\\.0\\.0\\.1:59999",
      "karpaty|kbaran|show me the failed pipeline run|en|^An earlier connection run, run-connection-\\w+, started by "
          + "Krzysztof Baran .*FAILED: its step Endpoint reachability \\[link\\.endpoint] said \"cannot reach "
          + "127\\.0\\.0\\.1:54999",
      "opole|kzawadzka|napisz życzenia noworoczne dla mieszkańców|pl|^To jest poza zakresem",
      "opole|kzawadzka|whats a decent laptop for home under 4000 zl?|en|^That is outside what I can answer",
      "opole|kzawadzka|co mam do zrobienia?|pl|Wszystkie twoje kontrole \\(3\\) są zakończone: Rejestr studentów "
          + "\\(USOS\\) \\[iface\\.usos-students], Powiadomienia dla mieszkańców \\[iface\\.notices], "
          + "Zasady przydziału 2026/27 \\[allocation\\.rules]\\.$",
      "opole|kzawadzka|did the bank accept the test file or not?|en|^Bank accepted the test virtual-account file "
          + "\\[allocation\\.bank-test-file] is BLOCKED.*It depends on \\[replay\\.round-trip], which is REVIEW",
      "opole|kzawadzka|kto ostatnio ruszał coś w konsoli?|pl|^Ostatni zapis: 2026-12-07T17:18:58\\.\\d+Z, Duc Nguyen",
      "opole|kzawadzka|cennik czynszów - kto go zmienił i na co?|pl|^Cennik czynszów 2026/27 "
          + "\\[allocation\\.rent-tariff].*Michał Wójcik zapisał\\(a\\) tiered-2026",
      "karpaty|kbaran|what's the payments gate waiting for and who is on it?|en|Open checks: Terminal certification "
          + "\\[payments\\.terminal-cert] \\(REVIEW, owner Krzysztof Baran\\)",
      "opole|dnguyen|jaki zredagowany endpoint zapisała kontrola połączenia?|pl|Osiągalność endpointu "
          + "\\[link\\.endpoint]: PASSED \\(zaliczony\\), \"osiągnięto "
          + "postgresql://ak24_migrator:\\*\\*\\*@127\\.0\\.0\\.1:44737",
      "opole|ahalvorsen|does the office isolation step belong to me?|en|^Astrid Halvorsen \\(Data Protection "
          + "Officer\\) owns Office isolation \\[replay\\.isolation]",
      "karpaty|mwisniewska|can Tomasz confirm the staff briefing?|en|^No: Tomasz Kaczmarek \\(Area Manager\\) cannot "
          + "accept checks",
      "karpaty|mwisniewska|what's our % and why aren't we at 100?|en|96% complete.*Also: .*Not ready:.*"
          + "\\[gdpr\\.processor-agreement]",
      "karpaty|kbaran|which runtime role does the app use on the db?|en|^The scenario's target database is karpaty_rx: "
          + "on the embedded target the console logs in as karpaty_migrator .*the application runs as the runtime "
          + "role karpaty_pharmacist",
      "opole|dnguyen|door cards provider: what is it now and what is it becoming?|en|^Door access cards runs as "
          + "local-card-list today and moves to Salto KS cloud",
      "opole|kzawadzka|czy kontrakty wszystkich dostawców są zmapowane?|pl|^Wszyscy dostawcy \\(6\\).*Poza tym: Bramka "
          + "\"Kontrakty dostawców są zmapowane\" \\[interfaces] ma status READY \\(gotowy\\), 6/6",
      "opole|kzawadzka|jak dry run przejdzie, to ruszamy?|pl|^Nie, nadal NO-GO: nawet po zrobieniu .*\\[replay].*"
          + "\\[privacy\\.dpia], właściciel Astrid Halvorsen"})
  void roundThirtyThree(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a blocked gate whose every check is done lists no empty \"open checks\"")
  @CsvSource(delimiter = '|', value = {"what's still blocking go-live?|en", "co jeszcze blokuje start?|pl"})
  void noEmptyOpenChecks(String question, String lang) {
    String answer = CONSOLES.get("karpaty").ask(question, io.bfg.console.model.Lang.valueOf(lang.toUpperCase()),
        "mwisniewska");
    CopilotFixture.matches(answer, "\\[cutover-night]");
    CopilotFixture.lacks(answer, "(Open checks|Otwarte kontrole): \\.");
  }
}
