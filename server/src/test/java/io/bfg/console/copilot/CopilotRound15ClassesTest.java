package io.bfg.console.copilot;

import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * The fifteenth blind round asked consoles far along, replayed here from their real journals: BFG with both runs
 * passed, a dry-run re-run that left a rollback sign-off stale and a withdrawn rehearsal sign-off; the Gdańsk
 * terminal with a changed decision, a withdrawn sign-off and a passed connection run. Stale sign-offs are listed with
 * what they rest on and the run that came after them; "withdraw my sign-off" is a request, refused; "which aren't
 * ready" lists the gates that are not; a Polish decline says it is out of scope. Every answer also passes the
 * validator (the fixture asserts it).
 */
@DisplayName("Local answers, round 15: stale sign-offs, a withdrawal asked for, the gates not ready, a decline")
class CopilotRound15ClassesTest {

  private static final Path STATES = Path.of("server/src/test/resources/copilot/states");
  private static final CopilotReadingTest.Console BFG = CopilotFixture.fresh("bfg")
      .replay(STATES.resolve("bfg-flowcontrol-15.ndjson"));
  private static final CopilotReadingTest.Console TERMINAL = CopilotFixture.fresh("gdansk")
      .replay(STATES.resolve("gdansk-port-15.ndjson"));

  private static String bfg(String question, String lang, String asker) {
    return BFG.ask(question, Lang.valueOf(lang.toUpperCase()), asker);
  }

  private static String terminal(String question, String lang, String asker) {
    return TERMINAL.ask(question, Lang.valueOf(lang.toUpperCase()), asker);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("stale sign-offs are listed: who gave each and when, what it is now, what it rests on, the run after it")
  @CsvSource(delimiter = '|', value = {
      "whats stale rn?|en|user_dispatcher_marek|^Stale now \\(1\\).*Storage fallback \\[rollback.storage-fallback], signed "
          + "off by Anna Kowalska at .*is REVIEW now; it rests on \\[dry-run], and the dry-run pipeline ran again at",
      "which of my signoffs went stale and why?|en|user_md_anna|\\[rollback.storage-fallback]",
      "co jest teraz nieaktualne?|pl|user_dispatcher_marek|^Nieaktualne \\(stale\\) teraz \\(1\\).*"
          + "\\[rollback.storage-fallback]: zaakceptował\\(a\\) Anna Kowalska.*pipeline dry-run przebiegł ponownie",
      "czy któraś z moich akceptacji jest nieaktualna?|pl|user_dispatcher_marek|^Żadna z Twoich akceptacji"})
  void staleSignOffs(String question, String lang, String asker, String wanted) {
    matches(bfg(question, lang, asker), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("none stale on a fresh console: said so; what \"stale\" means is still the term")
  @CsvSource(delimiter = '|', value = {
      "anything stale?|en|^No sign-off or decision is stale now",
      "what does stale mean?|en|^A sign-off or decision goes stale when"})
  void noneStale(String question, String lang, String wanted) {
    matches(CopilotFixture.ask(question, lang, "bfg", "user_md_anna"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("asked to withdraw a sign-off, the copilot refuses: it is read-only (it had answered the asker's tasks)")
  @CsvSource(delimiter = '|', value = {
      "withdraw my EORI cert sign-off, the cert gets rotated next week|en",
      "wycofaj moją akceptację certyfikatu EORI|pl",
      "retract my eori sign-off please|en"})
  void withdrawalRequestRefused(String question, String lang) {
    String answer = terminal(question, lang, "mwisniewski");
    matches(answer, "^(I am read-only|Jestem tylko do odczytu)");
    lacks(answer, "can do \\d+ things now|Możesz teraz zrobić");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("\"how many are ready and which aren't\" lists the gates not ready, with their status")
  @CsvSource(delimiter = '|', value = {
      "how many gates are ready and which ones still aren't?|en|^5 of 8 .*Not ready yet: .*\\[berth-rehearsal] \\(REVIEW\\)"
          + ".*\\[crane-feed] \\(REVIEW\\).*\\[cutover-window] \\(BLOCKED\\)\\.$",
      "ile bramek jest gotowych i które jeszcze nie?|pl|Jeszcze niegotowe: .*\\[berth-rehearsal] – REVIEW",
      "how many gates are ready and which are they?|en|Gates that are READY: .*\\[quay-link]\\.$"})
  void gatesNotReadyListed(String question, String lang, String wanted) {
    matches(terminal(question, lang, "akaczmarek"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a Polish question out of scope is declined as such (\"poza zakresem\"), then what can be answered")
  @CsvSource(delimiter = '|', value = {"kto wygrał wczoraj mecz Lechii?", "polecisz jakąś knajpę na Długim Targu?"})
  void polishDecline(String question) {
    matches(terminal(question, "pl", "akaczmarek"), "^To jest poza zakresem tego, na co mogę odpowiedzieć");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("requests to act with more verbs (retry, redo, confirm, close, complete, finalize; ponów, powtórz, "
      + "dokończ) are refused; the same words as a question or an adjective are not")
  @CsvSource(delimiter = '|', value = {
      "retry the connection run|en|^I am read-only",
      "redo the dry run|en|^I am read-only",
      "confirm the hosting decision: managed-postgres-eu|en|^I am read-only",
      "close the contracts frozen check|en|^I am read-only",
      "finalize the region decision, pick warsaw|en|^I am read-only",
      "ponów test połączenia|pl|^Jestem tylko do odczytu",
      "powtórz dry-run|pl|^Jestem tylko do odczytu",
      "dokończ preflight|pl|^Jestem tylko do odczytu",
      "confirm: is the dry-run still blocked?|en|^The gate \"Adapter dry-run transcript is complete\" \\[dry-run] is BLOCKED",
      "potwierdź: czy dry-run jest zablokowany?|pl|^Bramka \"Transcript dry-run adaptera jest kompletny\" \\[dry-run]",
      "complete list of what blocks production please|en|^Production is NO-GO",
      "close to go-live?|en|^Production is NO-GO"})
  void moreVerbsOfActing(String question, String lang, String wanted) {
    matches(CopilotFixture.ask(question, lang, "bfg", "user_md_anna"), wanted);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a group blocked by a check says what that check is, never \"?/? (?)\"; who owns a blocked group is "
      + "answered with what it waits for")
  @CsvSource(delimiter = '|', value = {
      "co z płatnościami?|pl|Czeka na Zapis i odczyt \\[rehearsal.round-trip]. Status \\[rehearsal.round-trip]: REVIEW",
      "what about payments?|en|It waits for Round trip \\[rehearsal.round-trip], which is REVIEW\\.",
      "kto jest właścicielem płatności i co je blokuje?|pl|właściciel Ewa Dąbrowska.*Najpierw czeka na Zapis i odczyt "
          + "\\[rehearsal.round-trip], ze statusem REVIEW",
      "who owns payments and what's blocking it?|en|Ewa Dąbrowska owns .*It waits for Round trip \\[rehearsal.round-trip]"
          + " first, which is REVIEW"})
  void blockedByACheck(String question, String lang, String wanted) {
    String answer = terminal(question, lang, "akaczmarek");
    matches(answer, wanted);
    lacks(answer, "\\?/\\?");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("\"does X block go-live\" is answered yes or no from what production waits for, directly or through "
      + "others: not at all, waits but X is ready, or waits and X is not")
  @CsvSource(delimiter = '|', value = {
      "czy kontrola tożsamości PCS w ogóle blokuje produkcję?|pl|gdansk|^Nie: produkcja w ogóle nie czeka na "
          + "\"Dostawca tożsamości portu jest potwierdzony\" \\[pcs-identity]",
      "does the PCS identity check block go-live at all?|en|gdansk|^No: production does not wait for .*\\[pcs-identity] at all",
      "is the payments group holding up go-live?|en|gdansk|^Yes: production waits for \"Terminal payments settle\" \\[payments]",
      "does the rollback gate block production?|en|bfg|^Yes: production waits for \"Rollback drill packet is owner-ready\" "
          + "\\[rollback]",
      "czy rollback blokuje produkcję?|pl|bfg|^Tak: produkcja czeka na \"Pakiet rollback drill jest gotowy dla ownera\" "
          + "\\[rollback] i to ją teraz wstrzymuje",
      "does the identity provider gate block production?|en|bfg|^Yes: production waits for .*\\[identity]",
      "is the contracts gate holding up go-live?|en|bfg|^No: production waits for \"Provider contracts are mapped\" "
          + "\\[contracts], but it is READY",
      "does anything block production?|en|bfg|^Production is NO-GO"})
  void blocksProduction(String question, String lang, String scenario, String wanted) {
    String answer = "gdansk".equals(scenario) ? terminal(question, lang, "akaczmarek")
        : CopilotFixture.ask(question, lang, "bfg", "user_md_anna");
    matches(answer, wanted);
  }
}
