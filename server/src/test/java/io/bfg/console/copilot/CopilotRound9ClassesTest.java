package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.bfg.console.copilot.CopilotFixture.ask;
import static io.bfg.console.copilot.CopilotFixture.lacks;
import static io.bfg.console.copilot.CopilotFixture.matches;

/**
 * Classes of question the ninth and tenth blind rounds found misread, each asked here in words of its
 * own (the rounds' own questions are in the question sets).
 */
@DisplayName("Local answers, rounds 9-10: on me, every reason, a group before a provider, steps, decisions by their options")
class CopilotRound9ClassesTest {

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the question's own words: 'on me' is the asker, 'why blocked' is not a filter, steps and proofs")
  @CsvSource(delimiter = '|', value = {
      "anything waiting on me?|en|vltava|jdvorakova|dpia.retention|^Next:",
      "why is production blocked? list every reason|en|bfg|user_md_anna|\\[preflight\\] is REVIEW.*\\[runbook\\] is BLOCKED|Gates that are BLOCKED",
      "payments status?|en|baltic|kzielinski|\\[payments\\] is REVIEW at 0/4|runs as mock-payment",
      "what steps does the dry-run have?|en|bfg|user_md_anna|\\[dry-run\\].*Scenario snapshot export.*Rollback checkpoint|has not run yet",
      "what does the TLS fingerprint check prove?|en|bfg|user_md_anna|\\[connection.tls-fingerprint\\]: Certificate fingerprint.*is REVIEW|has not run yet"})
  void words(String question, String lang, String scenario, String asker, String regex, String wrong) {
    String answer = ask(question, lang, scenario, asker);
    matches(answer, regex);
    lacks(answer, wrong);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("sign-offs counted for 'anything to sign?', a decision's value for 'has X decided', the asker's providers")
  @CsvSource(delimiter = '|', value = {
      "have I got anything to sign?|en|pomorze|jnowak|^You have nothing to sign off: you do not hold checks.accept",
      "czy mam coś do podpisania?|pl|bfg|user_dispatcher_marek|^Akceptacje, które możesz teraz złożyć: 2",
      "has Agnieszka picked the freeze window yet?|en|pomorze|pkaczmarek|\\[porting.freeze-window\\] is REVIEW: not chosen yet",
      "when do we open enrolment?|en|lublin|kduda|\\[enrolment.opening-date\\] is REVIEW: not chosen yet",
      "which providers do I own?|en|bfg|user_dispatcher_marek|Yours \\(3\\):.*Marek Zielinski"})
  void asked(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("the target and the way back asked together; a decision named by its option; every reason a check waits")
  @CsvSource(delimiter = '|', value = {
      "what adapter are we switching over to, and where do we fall back?|en|tatra|-|returns to mock-claims-json.*target is claims-pg-adapter",
      "record it: we go live before the ski season|en|sudety|-|Marta Wr[oó]bel.*\\[season.go-live-timing\\]",
      "why can't I sign off the clinical sign-off of the way back yet?|en|vltava|jdvorakova|\\[fallback.legacy-readonly\\], which is REVIEW; \\[fallback.restore-drill\\], which is BLOCKED"})
  void together(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("round 10: permissions compared, an environment named, who is responsible, whether someone else may")
  @CsvSource(delimiter = '|', value = {
      "does Anna have more permissions than me?|en|bfg|user_dispatcher_marek|^Anna Kowalska holds more permissions: 5, against 4",
      "what is pilot-lab?|en|vltava|psvobodova|Pilot lab \\(pilot-lab\\) on his-nightly-export, active",
      "what is Marek responsible for?|en|bfg|user_md_anna|^Marek Zielinski is the Dispatcher; they own",
      "could Olena record the region decision for me?|en|bfg|user_md_anna|^No: Olena Shevchenko .* cannot record decisions",
      "co jest następnym krokiem dla całej migracji?|pl|bfg|user_md_anna|^Dalej:"})
  void roundTen(String question, String lang, String scenario, String asker, String regex) {
    matches(ask(question, lang, scenario, asker), regex);
  }

  @ParameterizedTest(name = "[{1}] {0}")
  @DisplayName("round 10: production's code, a decider, a verb that names a gate, a provider in prod, who still owes")
  @CsvSource(delimiter = '|', value = {
      "what's the production decision code at the moment?|en|wroclaw|^BLOCKED_PENDING_PRIVACY means",
      "kto decyduje o zasadzie limitu opłat?|pl|wroclaw|\\[fare-rules.capping\\]: właściciel Agnieszka Kowalczyk",
      "why is the launch gate still blocked?|en|wroclaw|^The gate \"[^\"]+\" \\[launch\\] is BLOCKED",
      "what will the maps provider be in production?|en|bfg|^Maps and ETA runs as local-eta today and moves to Maps/ETA API",
      "who still has to sign off the DPIA?|en|vltava|\\[dpia\\] is REVIEW at 0/4; its open checks wait for: .*Hor[aá]k.*Novotn.*Dvo[rř][aá]kov"})
  void roundTenNames(String question, String lang, String scenario, String regex) {
    matches(ask(question, lang, scenario, null), regex);
  }
}
