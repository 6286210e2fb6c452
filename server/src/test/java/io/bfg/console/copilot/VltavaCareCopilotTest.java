package io.bfg.console.copilot;

import io.bfg.console.http.ApiClient;
import io.bfg.console.http.CopilotStream;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local copilot over {@code POST /api/copilot/ask} on the second scenario (scenarios/vltava-care), fresh.
 * The answers below were written by hand from the scenario's files and the answer templates
 * (prompts/local.*.properties): go-live is BLOCKED_PENDING_DPIA with 3/7 gates; dpia (0/4) and link (0/4)
 * are REVIEW; replay waits for link and switchover (0/3: its release variables wait for two decisions) for
 * replay; the next step is dpia.legal-basis, signed by the DPO. Aliases are the ones scenario.yaml declares:
 * "DPIA" on the dpia group, "eRecept" on the erecept provider, "VZP" on insurer-claims, "powrót" and "rollback"
 * on the fallback group.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The local copilot on Vltava Care")
class VltavaCareCopilotTest {

  private static final Path VLTAVA = Path.of("scenarios", "vltava-care");

  private static final String NEXT_EN = "Next: Sign off the legal basis for moving patient data [dpia.legal-basis]. "
      + "The DPIA shows 0/4; no patient row moves before the data protection officer and the medical director sign "
      + "it. Who: Mgr. Lukáš Horák (Data Protection Officer). How: POST /api/checks/dpia.legal-basis/accept.";
  private static final String NEXT_PL = "Dalej: Zatwierdź podstawę prawną przeniesienia danych pacjentów "
      + "[dpia.legal-basis]. DPIA pokazuje 0/4; żaden rekord pacjenta nie zostanie przeniesiony, zanim inspektor "
      + "ochrony danych i dyrektor medyczna jej nie podpiszą. Kto: Mgr. Lukáš Horák (Inspektor ochrony danych). "
      + "Jak: POST /api/checks/dpia.legal-basis/accept.";

  private RunningConsole console;
  private ApiClient api;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dataDir) {
    console = RunningConsole.start(vertx, VLTAVA, dataDir, Map.of("CONSOLE_COPILOT_RATE_PER_MINUTE", "1000"));
    api = console.api();
  }

  @AfterAll
  void stop() {
    console.stop();
  }

  /** A streamed, grounded answer of the local model, every delta joined into its text. */
  private JsonObject ask(String question, String lang) {
    CopilotStream.Reply reply = CopilotStream.ask(api.base(), null, question, lang);
    JsonObject answer = reply.answer();
    assertThat(String.join("", reply.deltas())).isEqualTo(answer.getString("text"));
    assertThat(answer.getBoolean("grounded")).as(answer.encodePrettily()).isTrue();
    assertThat(answer.getJsonArray("warnings")).as(answer.encodePrettily()).isEmpty();
    assertThat(answer.getJsonArray("corrections")).as(answer.encodePrettily()).isEmpty();
    assertThat(answer.getString("model")).isEqualTo("local");
    return answer;
  }

  private static List<Object> citations(JsonObject answer) {
    return answer.getJsonArray("citations").getList();
  }

  @Test
  @DisplayName("\"what blocks production?\" cites go-live, not production: 3 of 7 gates, BLOCKED_PENDING_DPIA, the open "
      + "gates, and the DPO's sign-off as the next step")
  void blockersInEnglish() {
    JsonObject answer = ask("what blocks production?", "en");

    assertThat(answer.getString("lang")).isEqualTo("en");
    assertThat(answer.getString("text")).isEqualTo(String.join("\n",
        "Production is NO-GO for clinic-pg-adapter: BLOCKED_PENDING_DPIA [go-live]. 3 of 7 integration gates are "
            + "ready. Checks ready: 11/27 (41%). Production traffic: production_traffic_disabled.",
        "Not ready:",
        "- \"Data protection impact assessment is signed\" [dpia] is REVIEW at 0/4 (BLOCKED_PENDING_DPIA).",
        "- \"The link to the clinic database is proven\" [link] is REVIEW at 0/4 (BLOCKED_PENDING_LINK).",
        "- \"The record replay is rehearsed clean\" [replay] is BLOCKED at 0/5 (BLOCKED_PENDING_LINK), waiting for "
            + "[link].",
        "- \"The switchover weekend is approved\" [switchover] is BLOCKED at 0/3 (BLOCKED_PENDING_REPLAY), waiting for "
            + "[replay].",
        "Production also waits for groups outside the checklist gates: \"Insurer claims reconcile\" [claims] is REVIEW "
            + "at 0/2; \"The fallback to the legacy HIS is rehearsed\" [fallback] is BLOCKED at 0/3; \"The migration "
            + "runbook is complete\" [migration-plan] is REVIEW at 1/3; \"The record transfer plan is proven\" [transfer] "
            + "is REVIEW at 1/3.",
        NEXT_EN));
    assertThat(citations(answer)).startsWith("go-live")
        .contains("dpia", "link", "replay", "switchover", "dpia.legal-basis").doesNotContain("production");
    assertThat(answer.getJsonObject("recommendation").getString("checkId")).isEqualTo("dpia.legal-basis");
  }

  @Test
  @DisplayName("\"co blokuje produkcję?\" answers the same in Polish, with the scenario's Polish labels")
  void blockersInPolish() {
    JsonObject answer = ask("co blokuje produkcję?", "en");

    assertThat(answer.getString("lang")).isEqualTo("pl");
    assertThat(answer.getString("text")).isEqualTo(String.join("\n",
        "Produkcja ma status NO-GO dla clinic-pg-adapter: BLOCKED_PENDING_DPIA [go-live]. Gotowe bramki integracji: "
            + "3 z 7. Gotowe kontrole: 11/27 (41%). Ruch produkcyjny: production_traffic_disabled.",
        "Niegotowe:",
        "- \"Ocena skutków dla ochrony danych jest podpisana\" [dpia] ma status REVIEW (do przeglądu), 0/4 (BLOCKED_PENDING_DPIA).",
        "- \"Połączenie z bazą danych klinik jest potwierdzone\" [link] ma status REVIEW (do przeglądu), 0/4 (BLOCKED_PENDING_LINK).",
        "- \"Odtworzenie rekordów jest przećwiczone bez błędów\" [replay] ma status BLOCKED (zablokowany), 0/5 (BLOCKED_PENDING_LINK), "
            + "czeka na [link].",
        "- \"Weekend przełączenia jest zatwierdzony\" [switchover] ma status BLOCKED (zablokowany), 0/3 (BLOCKED_PENDING_REPLAY), "
            + "czeka na [replay].",
        "Produkcja czeka też na grupy spoza bramek listy: \"Rozliczenia z ubezpieczycielami się zgadzają\" [claims] "
            + "ma status REVIEW (do przeglądu), 0/2; \"Powrót do dotychczasowego HIS jest przećwiczony\" [fallback] ma "
            + "status BLOCKED (zablokowany), 0/3; \"Runbook migracji jest kompletny\" [migration-plan] ma status REVIEW "
            + "(do przeglądu), 1/3; \"Plan transferu rekordów jest potwierdzony\" [transfer] ma status REVIEW (do "
            + "przeglądu), 1/3.",
        NEXT_PL));
    assertThat(citations(answer)).startsWith("go-live").doesNotContain("production");
  }

  @Test
  @DisplayName("\"what should I do next?\" names dpia.legal-basis and its owner, the DPO")
  void next() {
    assertThat(ask("what should I do next?", "en").getString("text")).isEqualTo(NEXT_EN);
    assertThat(ask("co dalej?", "en").getString("text")).isEqualTo(NEXT_PL);
  }

  @Test
  @DisplayName("\"what about the DPIA?\" finds the dpia group by its alias: 0/4, its open checks and their owners")
  void dpiaAlias() {
    JsonObject answer = ask("what about the DPIA?", "en");

    assertThat(answer.getString("text")).isEqualTo("The gate \"Data protection impact assessment is signed\" [dpia] is REVIEW at "
        + "0/4 with BLOCKED_PENDING_DPIA. Open checks: Legal basis for the move [dpia.legal-basis] (REVIEW, owner "
        + "Mgr. Lukáš Horák); Hosting region [dpia.hosting-region] (REVIEW, owner Ing. Tomáš Novotný); Processor "
        + "agreement [dpia.processor-agreement] (BLOCKED, owner Mgr. Lukáš Horák); Retention of medical records "
        + "[dpia.retention] (REVIEW, owner MUDr. Jana Dvořáková).");
    assertThat(citations(answer)).first().isEqualTo("dpia");
    assertThat(ask("who owns the DPIA?", "en").getString("text")).isEqualTo("Mgr. Lukáš Horák owns \"Data protection "
        + "impact assessment is signed\" [dpia]; it is REVIEW at 0/4 (BLOCKED_PENDING_DPIA).");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "jak wygląda eRecept?|Dostawca: E-recepty (eRecept); dziś tryb erecept-test-env, docelowo SÚKL eRecept production, "
          + "kontrakt EPrescription.v1 [iface.erecept]; właściciel: MUDr. Jana Dvořáková; status kontraktu READY (gotowy).",
      "how is the e-prescription doing?|E-prescriptions (eRecept) runs as erecept-test-env today and moves to SÚKL "
          + "eRecept production under contract EPrescription.v1 [iface.erecept]; owner MUDr. Jana Dvořáková; the "
          + "contract is READY.",
      "VZP?|Insurer claims runs as dasta-batch-files today and moves to Insurer claims portals (VZP ePortal) under "
          + "contract InsuranceClaim.v1 [iface.insurer-claims]; owner Petra Svobodová; the contract is READY.",
      "co z VZP?|Dostawca: Rozliczenia z ubezpieczycielami; dziś tryb dasta-batch-files, docelowo Insurer claims portals "
          + "(VZP ePortal), kontrakt InsuranceClaim.v1 [iface.insurer-claims]; właściciel: Petra Svobodová; status "
          + "kontraktu READY (gotowy)."})
  @DisplayName("eRecept and VZP find their providers by the declared aliases, with the check proving each contract")
  void providerAliases(String question, String expected) {
    JsonObject answer = ask(question, "en");

    assertThat(answer.getString("text")).isEqualTo(expected);
  }

  @Test
  @DisplayName("\"powrót\" and \"rollback\" find the fallback group: blocked by the replay, with its open checks")
  void fallbackAliases() {
    JsonObject polish = ask("jak wygląda powrót?", "en");
    JsonObject english = ask("what about the rollback?", "en");

    assertThat(polish.getString("text")).isEqualTo("Grupa \"Powrót do dotychczasowego HIS jest przećwiczony\" [fallback] ma "
        + "status BLOCKED (zablokowany), 0/3, decyzja BLOCKED_PENDING_REPLAY. Czeka na \"Odtworzenie rekordów jest przećwiczone bez "
        + "błędów\" [replay]. Status [replay]: BLOCKED (zablokowany), 0/5 (BLOCKED_PENDING_LINK). Otwarte kontrole: HIS tylko do "
        + "odczytu [fallback.legacy-readonly] – REVIEW (do przeglądu), właściciel Ing. Tomáš Novotný; Ćwiczenie odtworzenia "
        + "[fallback.restore-drill] – BLOCKED (zablokowany), właściciel Ing. Tomáš Novotný; Kliniczna akceptacja drogi powrotu "
        + "[fallback.clinical-signoff] – BLOCKED (zablokowany), właściciel MUDr. Jana Dvořáková.");
    assertThat(english.getString("text")).isEqualTo("The group \"The fallback to the legacy HIS is rehearsed\" [fallback] is "
        + "BLOCKED at 0/3 with BLOCKED_PENDING_REPLAY. It waits for \"The record replay is rehearsed clean\" [replay], "
        + "which is BLOCKED at 0/5 (BLOCKED_PENDING_LINK). Open checks: Legacy HIS read-only "
        + "[fallback.legacy-readonly] (REVIEW, owner Ing. Tomáš Novotný); Restore drill [fallback.restore-drill] "
        + "(BLOCKED, owner Ing. Tomáš Novotný); Clinical sign-off of the way back [fallback.clinical-signoff] "
        + "(BLOCKED, owner MUDr. Jana Dvořáková).");
    assertThat(citations(polish)).first().isEqualTo("fallback");
    assertThat(citations(english)).first().isEqualTo("fallback");
  }

  /**
   * The DPO owns replay.org-isolation, a dry-run step, but holds no pipelines.run, and the dry-run is
   * refused (409) until the link is proven: the only thing he can act on now is the legal basis.
   */
  @Test
  @DisplayName("\"what does the DPO have to do?\" lists only what he can act on now: the legal basis, not a dry-run "
      + "step he may not start")
  void dpoTasks() {
    String text = ask("what does the DPO have to do?", "en").getString("text");

    assertThat(text).startsWith("Mgr. Lukáš Horák (Data Protection Officer) can do one thing now:\n"
        + "- sign off Legal basis for the move [dpia.legal-basis]: POST /api/checks/dpia.legal-basis/accept\n").doesNotContain("- Org isolation [replay.org-isolation]");
  }

  @Test
  @DisplayName("no answer, whatever it is asked, carries a word of the flagship scenario or cites [production]")
  void noFlagshipWords() {
    List<String> questions = List.of("what blocks production?", "co blokuje produkcję?", "what should I do next?",
        "co dalej?", "what about the DPIA?", "jak wygląda eRecept?", "VZP?", "jak wygląda powrót?",
        "what about the rollback?", "who owns the hosting region?", "what does BLOCKED_PENDING_DPIA mean?",
        "co znaczy CLINICS_LIVE?", "what did the last link check find?", "co wykazało ostatnie odtworzenie?",
        "what changed recently?", "is the clinic go-live ready?", "status?", "write me a haiku",
        "approve the DPIA", "zatwierdź podstawę prawną");
    List<String> offending = new ArrayList<>();
    for (String question : questions) {
      String text = CopilotStream.ask(api.base(), null, question, "en").answer().getString("text");
      if (CopilotVocabularyTest.FLAGSHIP_WORDS.matcher(text).find() || text.contains("[production]")
          || text.contains("(?)") || text.contains(": ?")) {
        offending.add(question + " -> " + text);
      }
    }

    assertThat(offending).isEmpty();
  }
}
