package io.bfg.console.copilot;

import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.Lang;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.bfg.console.copilot.CopilotFixture.grounding;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each class of wrong fact the validator catches, in English and Polish, on the fresh BFG evaluation
 * (2/9 gates, 13/41 checks = 32%, Anna can do 11 things now, Marek 4, Olena 2, the driver none) and on
 * Vltava Care (3/7 gates, 11/27 = 41%; Tomáš 5 tasks). Expected values are read off the scenarios'
 * files by hand; a claim that holds must pass untouched.
 */
@DisplayName("Grounding: owners, statuses, counts, tasks and permissions")
class GroundingClaimsTest {

  private static final Grounding BFG_EN = grounding(RunningConsole.BFG, Lang.EN);
  private static final Grounding BFG_PL = grounding(RunningConsole.BFG, Lang.PL);
  private static final Path VLTAVA = Path.of("scenarios", "vltava-care");
  private static final Grounding VLTAVA_EN = grounding(VLTAVA, Lang.EN);
  private static final Grounding VLTAVA_PL = grounding(VLTAVA, Lang.PL);
  /** Its product owner's alias is "PO", which is also the Polish "po" (after). */
  private static final Path MAZOVIA = Path.of("server/src/test/resources/scenarios/mazovia-loans");

  private static void holds(Grounding grounding, String text) {
    Grounding.Checked checked = grounding.check(text);
    assertThat(checked.corrections()).as("corrections of %s", text).isEmpty();
    assertThat(checked.warnings()).as("warnings of %s", text).isEmpty();
    assertThat(checked.text()).isEqualTo(text);
  }

  private static void corrected(Grounding grounding, String text, String expected, String correction) {
    Grounding.Checked checked = grounding.check(text);
    assertThat(checked.text()).as("corrected %s", text).isEqualTo(expected);
    assertThat(checked.corrections()).as("corrections of %s", text).containsExactly(correction);
  }

  @Nested
  @DisplayName("owners")
  class Owners {
    @Test
    @DisplayName("a role's word inside an adapter's id is no person: \"legacy-fleet-mysql\" names no fleet manager")
    void roleWordInsideAnId() {
      Grounding car = grounding(Path.of("server/src/test/resources/scenarios/miejskicar-waw"), Lang.EN);
      holds(car, "A rollback returns to legacy-fleet-mysql; Krzysztof Lewandowski (IT & Security Lead) owns the way back.");
      holds(car, "Krzysztof Lewandowski owns \"The way back to the legacy MySQL is rehearsed\" [fallback]; it is BLOCKED.");
    }

    @Test
    @DisplayName("a provider's production target is the provider, not the actor one of its words names (\"ING\")")
    void providerTargetIsNoActor() {
      Path dorms = Path.of("server/src/test/resources/scenarios/opole-akademiki");
      holds(grounding(dorms, Lang.EN), "Rent payments runs as mock-bank-statement today and moves to ING virtual "
          + "accounts under contract RentPayment.v1 [iface.rent-payments]; owner Michał Wójcik; the contract is "
          + "READY.");
      holds(grounding(dorms, Lang.PL), "Dostawca: Płatności czynszowe; dziś tryb mock-bank-statement, docelowo ING "
          + "virtual accounts, kontrakt RentPayment.v1 [iface.rent-payments]; właściciel: Michał Wójcik.");
      // the bank itself named as the owner is still corrected
      corrected(grounding(dorms, Lang.EN), "The owner of [iface.rent-payments] is ING Bank Śląski – Virtual Accounts "
          + "Desk.", "The owner of [iface.rent-payments] is Michał Wójcik.",
          "[iface.rent-payments] is owned by Michał Wójcik, not ING Bank Śląski – Virtual Accounts Desk");
    }

    @Test
    @DisplayName("\"its owner\" is a relation, not the actor whose role is \"Owner and CEO\"")
    void itsOwnerIsNoRole() {
      Grounding brewery = grounding(Path.of("server/src/test/resources/scenarios/browar-kujawy"), Lang.EN);
      holds(brewery, "You (Katarzyna Zielińska, Excise and Compliance Specialist) can do it yourself, as its owner: "
          + "PUESC signing certificate [excise.certificate]: POST /api/checks/excise.certificate/accept.");
      Grounding.Checked byRole = brewery.check("The Owner and CEO can do it: PUESC signing certificate "
          + "[excise.certificate]: POST /api/checks/excise.certificate/accept.");
      assertThat(byRole.corrections()).isNotEmpty();
    }

    @Test
    @DisplayName("an abbreviation in capitals names its actor only written in capitals ('PO', not 'po')")
    void abbreviationInCapitalsOnly() {
      Grounding pl = grounding(MAZOVIA, Lang.PL);
      holds(pl, "Do zrobienia dopiero po innych dowodach (2): akceptacja: Zgłoszenie chmurowe do KNF "
          + "[compliance.knf-cloud]: POST /api/checks/compliance.knf-cloud/accept (czeka na [compliance.hosting]); "
          + "akceptacja: Treść zgody na zapytanie BIK [risk.bik-consent]: POST /api/checks/risk.bik-consent/accept "
          + "(czeka na [risk.scorecard]).");
      Grounding en = grounding(MAZOVIA, Lang.EN);
      Grounding.Checked byAbbreviation = en.check("AML screening rules [compliance.aml] is REVIEW; its owner is PO.");
      assertThat(byAbbreviation.corrections()).as("'PO' in capitals still names the product owner")
          .containsExactly("[compliance.aml] is owned by Katarzyna Zielińska, not Piotr Nowak");
    }

    @Test
    @DisplayName("a wrong owner of a check is replaced by its owner, in the form it was named (EN)")
    void wrongOwnerEnglish() {
      corrected(BFG_EN, "Database schema [cutover.database-schema] is REVIEW; its owner is Anna Kowalska.",
          "Database schema [cutover.database-schema] is REVIEW; its owner is Olena Shevchenko.",
          "[cutover.database-schema] is owned by Olena Shevchenko, not Anna Kowalska");
      corrected(BFG_EN, "Marek owns [cutover.secrets-auth].", "Olena owns [cutover.secrets-auth].",
          "[cutover.secrets-auth] is owned by Olena Shevchenko, not Marek Zielinski");
      corrected(BFG_EN, "Role headers mapped [cutover.role-headers] (REVIEW, owner Dispatcher); "
              + "Database schema [cutover.database-schema] (REVIEW, owner Dispatcher).",
          "Role headers mapped [cutover.role-headers] (REVIEW, owner Dispatcher); "
              + "Database schema [cutover.database-schema] (REVIEW, owner Accountant).",
          "[cutover.database-schema] is owned by Olena Shevchenko, not Marek Zielinski");
    }

    @Test
    @DisplayName("a wrong owner is corrected in Polish, by label when nothing is cited")
    void wrongOwnerPolish() {
      corrected(BFG_PL, "Właścicielem Schemat DB [cutover.database-schema] jest Anna Kowalska (Dyrektor).",
          "Właścicielem Schemat DB [cutover.database-schema] jest Olena Shevchenko (Księgowość).",
          "[cutover.database-schema] is owned by Olena Shevchenko, not Anna Kowalska");
      corrected(BFG_PL, "Kontrola Schemat DB należy do Marka.", "Kontrola Schemat DB należy do Marka.".replace(
          "Marka", "Olena Shevchenko"), "[cutover.database-schema] is owned by Olena Shevchenko, not Marek Zielinski");
    }

    @Test
    @DisplayName("right owners, a signer and an actor who is no owner claim pass")
    void rightOwners() {
      holds(BFG_EN, "Role headers mapped [cutover.role-headers] is REVIEW; its owner is Marek Zielinski (Dispatcher).");
      holds(BFG_EN, "Next: accept [cutover.contracts-frozen]. Who: Anna Kowalska (Managing Director).");
      holds(BFG_PL, "Wlascicielem Kontrakty providerow sa zmapowane [contracts] jest Anna Kowalska; status READY, 6/6 (CONTRACTS_MAPPED).");
    }

    @Test
    @DisplayName("on Vltava Care: a titled name, a first name and a Polish feminine form")
    void vltava() {
      corrected(VLTAVA_EN, "Petra owns [dpia.retention].", "Jana owns [dpia.retention].",
          "[dpia.retention] is owned by MUDr. Jana Dvořáková, not Petra Svobodová");
      corrected(VLTAVA_PL, "Właścicielką [dpia.retention] jest Petra Svobodová.",
          "Właścicielką [dpia.retention] jest MUDr. Jana Dvořáková.",
          "[dpia.retention] is owned by MUDr. Jana Dvořáková, not Petra Svobodová");
      holds(VLTAVA_EN, "The legal basis [dpia.legal-basis] is REVIEW; its owner is Mgr. Lukáš Horák (Data Protection Officer).");
    }
  }

  @Nested
  @DisplayName("statuses and GO")
  class Statuses {
    @Test
    @DisplayName("a wrong status code or word is replaced (EN)")
    void wrongStatusEnglish() {
      corrected(BFG_EN, "The rollback drill [rollback] is REVIEW at 0/4.", "The rollback drill [rollback] is BLOCKED at 0/4.",
          "[rollback] is BLOCKED, not REVIEW");
      corrected(BFG_EN, "Contracts [contracts] are blocked.", "Contracts [contracts] are ready.",
          "[contracts] is READY, not BLOCKED");
      corrected(BFG_EN, "[dry-run] is ready.", "[dry-run] is blocked.", "[dry-run] is BLOCKED, not READY");
    }

    @Test
    @DisplayName("a wrong status word is replaced with the Polish ending kept (PL)")
    void wrongStatusPolish() {
      corrected(BFG_PL, "Pakiet rollback drill [rollback] jest gotowy.", "Pakiet rollback drill [rollback] jest zablokowany.",
          "[rollback] is BLOCKED, not READY");
      corrected(BFG_PL, "Połączenie [connection] jest zablokowane.", "Połączenie [connection] jest do przeglądu.",
          "[connection] is REVIEW, not BLOCKED");
      corrected(BFG_PL, "Kontrakty [contracts] są do przeglądu.", "Kontrakty [contracts] są gotowe.",
          "[contracts] is READY, not REVIEW");
    }

    @Test
    @DisplayName("a wrong denial drops the sentence; labels and conditions are no claims")
    void denialsLabelsConditions() {
      Grounding.Checked denied = BFG_EN.check("Contracts [contracts] are not ready yet. Ask Anna.");
      assertThat(denied.text()).isEqualTo(" Ask Anna.");
      assertThat(denied.corrections()).containsExactly("dropped \"Contracts [contracts] are not ready yet.\": [contracts] is READY");
      holds(BFG_EN, "Migration preflight is ready [preflight] is REVIEW at 1/5.");
      holds(BFG_PL, "Migration preflight jest gotowy [preflight] ma status REVIEW, 1/5.");
      holds(BFG_EN, "It turns ready only when [connection] is ready.");
      holds(BFG_EN, "The dry-run [dry-run] is not ready: it waits for [connection].");
      holds(BFG_PL, "Bramka [dry-run] nie jest gotowa.");
    }

    @Test
    @DisplayName("GO or NO-GO is production's decision")
    void go() {
      corrected(BFG_EN, "Production is GO.", "Production is NO-GO.", "production is NO-GO, not GO");
      holds(BFG_PL, "Produkcja ma status NO-GO dla db-auth-session-adapter: BLOCKED_PENDING_DRY_RUN [production].");
      holds(BFG_EN, "GO is the ready code of Production go/no-go [production].");
    }

    @Test
    @DisplayName("GO or NO-GO in lower case, and a session's store, are claims too")
    void lowerCaseGoAndStore() {
      corrected(BFG_EN, "Production is a go.", "Production is a NO-GO.", "production is NO-GO, not go");
      corrected(BFG_EN, "Good news: production is go now.", "Good news: production is NO-GO now.",
          "production is NO-GO, not go");
      holds(BFG_EN, "Production is no-go until the dry-run passes [dry-run].");
      holds(BFG_EN, "Go ahead and ask Anna; you can go to the dashboard.");
      holds(BFG_EN, "There is no go-live date yet.");
      corrected(BFG_EN, "The live session keeps its state in postgres.", "The live session keeps its state in file-local.",
          "the state is stored in file-local, not postgres");
      corrected(BFG_PL, "Stan jest przechowywany w postgres.", "Stan jest przechowywany w file-local.",
          "the state is stored in file-local, not postgres");
      holds(BFG_EN, "The state is stored in file-local; store-move copies it to postgres when you want it shared.");
      holds(BFG_EN, "The dry-run writes to the target PostgreSQL, not to the console's store.");
    }

    @Test
    @DisplayName("on Vltava Care")
    void vltava() {
      corrected(VLTAVA_EN, "The DPIA [dpia] is READY.", "The DPIA [dpia] is REVIEW.", "[dpia] is REVIEW, not READY");
      corrected(VLTAVA_PL, "Odtworzenie [replay] jest gotowe.", "Odtworzenie [replay] jest zablokowane.",
          "[replay] is BLOCKED, not READY");
      corrected(VLTAVA_EN, "The DPIA is ready.", "The DPIA is in review.", "[dpia] is REVIEW, not READY");
    }
  }

  @Test
  @DisplayName("a thing's label is no permission's verb: \"may do it now: Launch date [launch.date]\" launches nothing")
  void labelIsNoPermissionVerb() {
    Grounding transit = grounding(Path.of("server/src/test/resources/scenarios/wroclaw-transit"), Lang.EN);
    holds(transit, "Yes: Tomasz Lewandowski (Director of Operations) may do it now: Launch date [launch.date]: "
        + "POST /api/decisions/launch.date.");
  }

  @Nested
  @DisplayName("counts and percentages")
  class Counts {
    @Test
    @DisplayName("gates ready, blocked and checks ready, as x of y, x/y and N (EN)")
    void english() {
      holds(BFG_EN, "2 of 9 integration gates are ready.");
      corrected(BFG_EN, "5 of 9 gates are green.", "2 of 9 gates are green.", "the gates ready are 2/9, not 5/9");
      corrected(BFG_EN, "7 gates are blocked.", "4 gates are blocked.", "4 gates BLOCKED, not 7");
      corrected(BFG_EN, "20 of 41 checks are ready.", "13 of 41 checks are ready.", "the checks ready are 13/41, not 20/41");
      corrected(BFG_EN, "Connection [connection] is 3/4.", "Connection [connection] is 0/4.", "[connection] is 0/4, not 3/4");
    }

    @Test
    @DisplayName("a count ends at its clause: the gates or checks named after a semicolon or comma are not counted by it")
    void countEndsAtItsClause() {
      // a ski resort's "gates" are turnstiles: its recommendation reads "Lift passes show 1/3; the gates must read ..."
      holds(BFG_EN, "Cutover rehearsals show 0/6; the gates must read production passes first.");
      holds(BFG_PL, "Rehearsale pokazują 0/6; bramki muszą czytać produkcyjne karnety.");
      holds(BFG_EN, "Cutover rehearsals show 0/6, gates next.");
      corrected(BFG_EN, "5/9 gates are green; the rest wait.", "2/9 gates are green; the rest wait.",
          "the gates ready are 2/9, not 5/9");
    }

    @Test
    @DisplayName("how many checks an actor owns: all of them; said of some (open, ready) it is left alone")
    void owned() {
      holds(BFG_EN, "Olena owns 12 checks.");
      corrected(BFG_EN, "Olena owns 3 checks.", "Olena owns 12 checks.", "Olena Shevchenko owns 12 checks, not 3");
      corrected(BFG_PL, "Olena jest właścicielką 4 kontroli.", "Olena jest właścicielką 12 kontroli.",
          "Olena Shevchenko owns 12 checks, not 4");
      holds(BFG_EN, "Olena owns 3 open checks.");
      holds(BFG_EN, "Olena owns 3 checks that are ready.");
    }

    @Test
    @DisplayName("counts written in words, EN and PL; 'one' alone is not a count")
    void inWords() {
      holds(BFG_EN, "Two of nine gates are ready.");
      corrected(BFG_EN, "Three of nine gates are ready.", "2 of 9 gates are ready.", "the gates ready are 2/9, not 3/9");
      corrected(BFG_EN, "Seven gates are blocked.", "4 gates are blocked.", "4 gates BLOCKED, not 7");
      corrected(BFG_PL, "Gotowe bramki: trzy z dziewięciu.", "Gotowe bramki: 2 z 9.", "the gates ready are 2/9, not 3/9");
      holds(BFG_PL, "Gotowe bramki: dwie z dziewięciu.");
      holds(BFG_EN, "The next one waits for Anna, and one more for Marek.");
      holds(BFG_EN, "Anna owns one of the checks that wait.");
    }

    @Test
    @DisplayName("in Polish: noun before the count, bramek/kontroli")
    void polish() {
      holds(BFG_PL, "Gotowe bramki integracji: 2 z 9.");
      corrected(BFG_PL, "Gotowe bramki integracji: 4 z 9.", "Gotowe bramki integracji: 2 z 9.",
          "the gates ready are 2/9, not 4/9");
      corrected(BFG_PL, "Gotowych jest 30 z 41 kontroli.", "Gotowych jest 13 z 41 kontroli.",
          "the checks ready are 13/41, not 30/41");
    }

    @Test
    @DisplayName("a what-if's count is of a state that would be: left alone; said of now, still corrected")
    void hypothetical() {
      holds(BFG_EN, "Then 5 of 9 integration gates would be ready.");
      holds(BFG_PL, "Wtedy gotowych byłoby 5 z 9 bramek integracji.");
      corrected(BFG_EN, "Then 5 of 9 integration gates are ready.", "Then 2 of 9 integration gates are ready.",
          "the gates ready are 2/9, not 5/9");
    }

    @Test
    @DisplayName("a percentage is the evaluation's, or its id's")
    void percentages() {
      corrected(BFG_EN, "We are 66% done.", "We are 32% done.", "the checks are 32% ready, not 66%");
      holds(BFG_EN, "We are 32% done.");
      corrected(BFG_EN, "Connection [connection] is 50% done.", "Connection [connection] is 0% done.",
          "[connection] is 0%, not 50%");
      corrected(BFG_PL, "Postęp integracji: 66%.", "Postęp integracji: 32%.", "the checks are 32% ready, not 66%");
    }

    @Test
    @DisplayName("on Vltava Care")
    void vltava() {
      holds(VLTAVA_EN, "3 of 7 gates are ready (41%).");
      corrected(VLTAVA_PL, "5 z 7 bramek jest gotowych.", "3 z 7 bramek jest gotowych.", "the gates ready are 3/7, not 5/7");
      corrected(VLTAVA_EN, "The DPIA [dpia] is 2/4.", "The DPIA [dpia] is 0/4.", "[dpia] is 0/4, not 2/4");
    }
  }

  @Nested
  @DisplayName("tasks and permissions")
  class Actors {
    @Test
    @DisplayName("an actor's number of tasks is what they can do now, not every open check they own")
    void tasks() {
      corrected(BFG_EN, "Anna Kowalska (Managing Director) can act on 30 checks now:",
          "Anna Kowalska (Managing Director) can act on 11 checks now:", "Anna Kowalska can do 11 things now, not 30");
      corrected(BFG_PL, "Anna Kowalska (Dyrektor) może teraz wykonać 30 zadań.",
          "Anna Kowalska (Dyrektor) może teraz wykonać 11 zadań.", "Anna Kowalska can do 11 things now, not 30");
      holds(BFG_EN, "Olena Shevchenko can act on 2 checks now:");
      corrected(VLTAVA_EN, "Tomáš can act on 9 things now.", "Tomáš can act on 5 things now.",
          "Ing. Tomáš Novotný can do 5 things now, not 9");
    }

    @Test
    @DisplayName("a wrong permission claim about one actor is turned (EN)")
    void permissionsEnglish() {
      holds(BFG_EN, "Marek Zielinski can run pipelines.");
      corrected(BFG_EN, "The driver can accept checks.", "The driver cannot accept checks.",
          "Petro Tarasenko lacks checks.accept");
      corrected(BFG_EN, "Olena may record decisions.", "Olena may not record decisions.",
          "Olena Shevchenko lacks decisions.record");
      corrected(BFG_EN, "Anna cannot run pipelines.", "Anna can run pipelines.", "Anna Kowalska holds pipelines.run");
      holds(BFG_EN, "I am read-only: I cannot accept, decide or change anything.");
    }

    @Test
    @DisplayName("in Polish, and a wrong actor among several drops the sentence")
    void permissionsPolish() {
      corrected(BFG_PL, "Kierowca może akceptować kontrole.", "Kierowca nie może akceptować kontrole.",
          "Petro Tarasenko lacks checks.accept");
      corrected(BFG_PL, "Olena Shevchenko nie może zatwierdzać kontroli.", "Olena Shevchenko może zatwierdzać kontroli.",
          "Olena Shevchenko holds checks.accept");
      holds(BFG_PL, "Pipeline'y mogą uruchamiać: Anna Kowalska (Dyrektor) i Marek Zielinski (Dyspozytor).");
      Grounding.Checked several = BFG_EN.check("Anna Kowalska and Olena Shevchenko can run pipelines. Ask them.");
      assertThat(several.text()).isEqualTo(" Ask them.");
      assertThat(several.corrections()).containsExactly(
          "dropped \"Anna Kowalska and Olena Shevchenko can run pipelines.\": Olena Shevchenko lacks pipelines.run");
    }

    @Test
    @DisplayName("on Vltava Care, by role in both languages")
    void vltava() {
      corrected(VLTAVA_EN, "Petra Svobodová can run pipelines.", "Petra Svobodová cannot run pipelines.",
          "Petra Svobodová lacks pipelines.run");
      corrected(VLTAVA_EN, "The DPO cannot accept checks.", "The DPO can accept checks.",
          "Mgr. Lukáš Horák holds checks.accept");
      corrected(VLTAVA_PL, "Inspektor ochrony danych nie może akceptować kontroli.",
          "Inspektor ochrony danych może akceptować kontroli.", "Mgr. Lukáš Horák holds checks.accept");
    }
  }
}
