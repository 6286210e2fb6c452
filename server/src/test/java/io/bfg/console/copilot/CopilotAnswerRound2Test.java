package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static io.bfg.console.copilot.CopilotFixture.ask;
import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * The answer classes of the second question-set round: "can I do this thing now" is what the server
 * would do now (not the permission alone), the permission a verb asks about, "my tasks and what I
 * cannot start", two terms compared, gates of one status, an answer never saying a fact twice, and
 * wording that agrees in number and speaks to the asker as "you". Asked in-process, every answer run
 * through the validator (Console.ask).
 */
@DisplayName("Local answers, round 2: doing a thing now, the permission asked, tasks, terms, wording")
class CopilotAnswerRound2Test {

  @ParameterizedTest(name = "[{1}] {0} (asked by {3})")
  @DisplayName("'can I do this thing now': what the server would do now, refused with what it waits for")
  @CsvSource(delimiter = '|', value = {
      "Am I able to start the dry-run at the moment?|en|bfg|user_md_anna|connection",
      "Can I already run the dry-run?|en|kestrel|user_ops_ines|uplink",
      "Czy mogę już teraz puścić dry-run?|pl|kestrel|user_ops_ines|uplink",
      "Czy mogę teraz uruchomić dry-run, czy coś mnie blokuje?|pl|bfg|user_md_anna|connection",
      "can I already accept the test batch?|en|vltava|psvobodova|replay",
      "czy mogę już podpisać paczkę testową?|pl|vltava|psvobodova|replay"})
  void thingNow(String question, String lang, String scenario, String asker, String waitsFor) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, "^(No|Not|Nie|Jeszcze nie)\\b");
    matches(answer, "\\[" + waitsFor + "[\\].]");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a general 'can X do this kind of thing' is still answered by the permission")
  @CsvSource(delimiter = '|', value = {
      "can Marek accept checks?|en|bfg|user_md_anna|^Yes.*checks.accept",
      "czy Olena może uruchamiać pipeline'y?|pl|bfg|user_md_anna|^Nie.*pipelines.run"})
  void general(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("deciding is decisions.record, accepting is checks.accept, running is pipelines.run")
  @CsvSource(delimiter = '|', value = {
      "can the dispatcher make decisions?|en|bfg|^No.*decisions.record",
      "Is Marek allowed to take decisions?|en|bfg|^No.*decisions.record",
      "czy dyspozytor może podejmować decyzje?|pl|bfg|^Nie.*decisions.record",
      "czy Marek może wpisywać decyzje infrastrukturalne?|pl|bfg|^Nie.*decisions.record",
      "czy Petra może zatwierdzać decyzje?|pl|vltava|^Nie.*decisions.record"})
  void permissionAsked(String question, String lang, String scenario, String regex) {
    String asker = scenario.equals("bfg") ? "user_md_anna" : "psvobodova";
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, "checks.accept");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("holding the permission but owning no decision: said so, and no sign-off cited as a decision")
  @CsvSource(delimiter = '|', value = {
      "may the medical director make decisions?|en",
      "is Jana allowed to record decisions?|en",
      "czy dyrektor medyczna może podejmować decyzje?|pl",
      "can the medical director record decisions about the medical records?|en"})
  void permissionWithoutDecisions(String question, String lang) {
    String answer = ask(question, lang, "vltava", "psvobodova");
    matches(answer, "decisions.record");
    matches(answer, "(none|no decision|owns no|żadnej|nie ma|nie należy)");
    lacks(answer, "/accept");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("'my tasks and what I cannot start yet': the asker's own tasks, available and refused with why")
  @CsvSource(delimiter = '|', value = {
      "what do I have to do now, and what can't I start yet?|en",
      "what is on my list now, and what is still refused to me?|en",
      "co mam teraz do zrobienia i czego jeszcze nie mogę zacząć?|pl",
      "is there anything on my list right now, and anything I cannot start yet?|en",
      "czy mam coś teraz do zrobienia i czy jest coś, czego nie mogę jeszcze zacząć?|pl",
      "anything on my list at the moment, and is there something I can't run yet?|en",
      "czy coś na mnie czeka i czego nie mogę jeszcze uruchomić?|pl"})
  void myTasksAndRefused(String question, String lang) {
    String answer = ask(question, lang, "kestrel", "user_ops_ines");
    matches(answer, "connection");
    matches(answer, "dry-run");
    matches(answer, "\\[uplink");
    lacks(answer, "pipelines.run");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("two terms compared: both explained")
  @CsvSource(delimiter = '|', value = {
      "What is the difference between READY and REVIEW?|en|READY means.*REVIEW means|REVIEW means.*READY means",
      "how does BLOCKED differ from REVIEW|en|BLOCKED means.*REVIEW means|REVIEW means.*BLOCKED means",
      "Czym różni się BLOCKED od READY?|pl|BLOCKED oznacza.*READY oznacza|READY oznacza.*BLOCKED oznacza",
      "Jaka jest różnica między REVIEW a BLOCKED?|pl|REVIEW oznacza.*BLOCKED oznacza|BLOCKED oznacza.*REVIEW oznacza"})
  void twoTerms(String question, String lang, String regex) {
    matches(ask(question, lang, "bfg", "user_md_anna"), regex);
  }

  @ParameterizedTest(name = "[{1}] {0} ({2})")
  @DisplayName("gates of one status: those listed, no gate of another status among them")
  @CsvSource(delimiter = '|', value = {
      "which gates are blocked right now?|en|bfg|BLOCKED",
      "list the gates that are BLOCKED|en|vltava|BLOCKED",
      "które bramki są zablokowane?|pl|bfg|BLOCKED",
      "które bramki mają status REVIEW?|pl|kestrel|REVIEW"})
  void gatesOfStatus(String question, String lang, String scenario, String status) {
    String asker = switch (scenario) {
      case "bfg" -> "user_md_anna";
      case "vltava" -> "psvobodova";
      default -> "user_ops_ines";
    };
    String answer = ask(question, lang, scenario, asker);
    String other = status.equals("BLOCKED") ? "REVIEW" : "BLOCKED";
    for (String line : answer.split("\n")) {
      if (line.startsWith("- ")) {
        // a decision code such as BLOCKED_PENDING_X is no status
        matches(line, "(?<![_A-Z])" + status + "(?![_A-Z])");
        lacks(line, "(?<![_A-Z])" + other + "(?![_A-Z])");
      }
    }
    matches(answer, "\\n- .*" + status);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("a second reading that only repeats the first's facts is left out")
  @CsvSource(delimiter = '|', value = {
      "who owns the patient reminders provider|en",
      "who owns the patient reminders (SMS) provider?|en",
      "who is the owner of the patient reminders (SMS) provider?|en",
      "whose is the SMS reminders provider?|en",
      "kto jest właścicielem dostawcy przypomnień SMS?|pl"})
  void noRepeat(String question, String lang) {
    String answer = ask(question, lang, "vltava", "psvobodova");
    lacks(answer, "^(Also|Ponadto|Również|Dodatkowo)");
    lacks(answer, "\\n(Also|Ponadto|Również|Dodatkowo)");
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("wording: numbers agree, Polish needs no inflected noun, the asker is 'you'")
  @CsvSource(delimiter = '|', value = {
      "how far along is the migration runbook?|en|vltava|psvobodova|checks are done|done: 1 of 3 checks",
      "ile jest gotowych bramek?|pl|bfg|user_md_anna|niegotowych|niegotowe: \\d",
      "what are my tasks?|en|kestrel|user_ops_ines|Ines Duarte \\(Operations lead\\) can|^You",
      "co mam do zrobienia?|pl|kestrel|user_ops_ines|Kolejne|^Możesz",
      "what can I do right now?|en|bfg|user_md_anna|more of theirs|^You",
      "na co czeka brama próby?|pl|kestrel|user_ops_ines|, które ma status|\\[uplink\\]"})
  void wording(String question, String lang, String scenario, String asker, String wrong, String right) {
    String answer = ask(question, lang, scenario, asker);
    lacks(answer, wrong);
    matches(answer, right);
  }
}
