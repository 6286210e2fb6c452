package io.bfg.console.copilot;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round thirty-one asked a spa resort early on (`ciechocinek-zdroj`, written blind for it) and a water utility
 * half-way with nothing signed by hand, replayed here from their real journals. Read now: what a check attests (its
 * description: "what am I confirming with X", "co sprawdza"); a provider no check proves is not said to have a READY
 * contract; a command after a remark ("ok target's fixed, kick off the dry run"); whom to ping to do a thing is who
 * may do it, named first; a pipeline step by its own id; steps of a pipeline that never ran, none passed; a what-if
 * that leaves production NO-GO says so; the step that failed a run by its own name; "certem"; "gdybym"; someone's run
 * ("pawels run") and "the failed run" with no pipeline named; a sign-off never given asked whether it went stale; "pull
 * her signature"; since a gate a pipeline proves passed; the target of the first run and of the last; why a thing is
 * not blocked (what it depends on is done); the snapshot's checksum named by its value. Every answer also passes the
 * validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 31: what a check attests, an unproved contract, whom to ping, a step by its id")
class CopilotRound31ClassesTest {

  private static final Map<String, CopilotReadingTest.Console> CONSOLES = Map.of(
      "spa", CopilotFixture.replayed("ciechocinek", "ciechocinek-zdroj-31.ndjson"),
      "water", CopilotFixture.replayed("kestrel", "kestrel-water-31.ndjson"),
      "university", CopilotFixture.replayed("lublin", "lublin-university-30.ndjson"));

  @ParameterizedTest(name = "[{3}] {2}")
  @DisplayName("round thirty-one's classes")
  @CsvSource(delimiter = '|', value = {
      "university|ezielinska|what exactly am i confirming with the reconciliation|en|^\"Payments reconciliation\" "
          + "\\[tuition\\.reconciliation]: Payments replayed into the new store match the sandbox ledger",
      "spa|kzielinski|rbac-session co sprawdza i czy przeszlo|pl|^\"Sesja ograniczona do uzdrowiska\" "
          + "\\[link\\.resort-session]: Rola aplikacji loguje się bez BYPASSRLS.*PASSED \\(zaliczony\\)",
      "water|user_field_tomas|does leak alerts have a contract check yet?|en|No check proves that contract yet",
      "water|user_ops_ines|ok target's fixed, kick off the dry run again pls|en|^I am read-only",
      "water|user_field_tomas|who do I ping to rerun the dry run|en|^Only Ines Duarte \\(Operations lead\\) may run "
          + "pipelines \\(pipelines\\.run\\)\\. The dry-run pipeline can be started now",
      "water|user_field_tomas|kogo mam pingnąć żeby odpalić dry run ponownie|pl|^Pipeline'y może uruchamiać tylko "
          + "Ines Duarte",
      "water|user_field_tomas|what does the rbac-claims step check|en|^\"Crew claims rehearsed\" "
          + "\\[rehearsal\\.crews]: Crews become claims",
      "spa|mwisniewska|ile krokow ma proba generalna i ile przeszlo|pl|wykonuje kolejno te kroki \\(5\\).*żaden krok "
          + "nie przeszedł",
      "spa|mwisniewska|what if I sign the processor agreement now - are we GO then?|en|^No, still NO-GO: even with "
          + "\"Processor agreement\" \\[privacy\\.processor-agreement] done",
      "water|user_ops_ines|which step killed the first connection check?|en|its step Endpoint reachability "
          + "\\[uplink\\.reach] said \"cannot reach",
      "water|user_field_tomas|jakim certem przedstawil sie serwer przy connection checku|pl|serwer przedstawił "
          + "CN=localhost",
      "spa|mwisniewska|a gdybym dziś wybrała termin przełączenia, to otwarcie sezonu będzie gotowe?|pl|^Nie: nawet po "
          + "zrobieniu \"Termin przełączenia\" \\[season\\.cutover-date]",
      "spa|kzielinski|which step failed in pawels run|en|started by Paweł Mazur .*FAILED: its step Endpoint "
          + "reachability \\[link\\.endpoint]",
      "spa|kzielinski|what target did the failed run hit vs the one that passed|en|127\\.0\\.0\\.1:5999.*FAILED.*"
          + "127\\.0\\.0\\.1:46311",
      "spa|kzielinski|did my hosting change make the processor agreement stale?|en|^It is not signed off now: there "
          + "is no sign-off to stand or to go stale\\. Processor agreement",
      "spa|kzielinski|what time did Agnieszka pull her signature|en|^dr Agnieszka Dąbrowska withdrew the sign-off of "
          + "Treatment catalogue \\[treatments\\.catalogue] at 2026-12-07T14:17",
      "water|user_ops_ines|since the uplink passed, has anything else happened?|en|^Since #\\d+ .*connection "
          + "\\[uplink] PASSED, these changes were recorded \\(1\\):.*dry-run \\[rehearsal] FAILED",
      "water|user_field_tomas|co sie zmienilo w targecie miedzy pierwszym a drugim connection checkiem|pl|cel "
          + "postgresql://\\S+@127\\.0\\.0\\.1:1/kestrel.*cel postgresql://\\S+@127\\.0\\.0\\.1:33839",
      "water|user_ops_ines|czemu replay nie jest zablokowany skoro dry-run padl|pl|^To nie jest zablokowane: nic, od "
          + "czego zależy, nie jest otwarte\\..*Zależy od: .*\\[uplink] ze statusem READY",
      "water|user_field_tomas|co to jest kw-eeafc78d|pl|^Snapshot \\(KestrelMeterSnapshot\\.v1\\): łączna liczba "
          + "wierszy 6; suma kontrolna kw-eeafc78d"})
  void roundThirtyOne(String console, String asker, String question, String lang, String wanted) {
    CopilotFixture.answers(CONSOLES.get(console), asker, question, lang, wanted);
  }
}
