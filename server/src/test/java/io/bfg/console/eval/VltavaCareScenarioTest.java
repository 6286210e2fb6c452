package io.bfg.console.eval;

import io.bfg.console.model.Actor;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.Environment;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Lang;
import io.bfg.console.model.PacketBinding;
import io.bfg.console.model.PacketIds;
import io.bfg.console.model.PipelineBinding;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.Provider;
import io.bfg.console.model.Scenario;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.bfg.console.eval.EvaluatorSeedTest.check;
import static io.bfg.console.eval.EvaluatorSeedTest.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The second scenario, a Czech clinic network, loaded from its real files and evaluated by the pure
 * evaluator. Every expected headline below was worked out by hand from its dependency graph
 * (scenarios/vltava-care/scenario.yaml), not copied from a run:
 * <ul>
 *   <li>interfaces (5 provider-contract facts), clinic-session (store and auth facts) and inventory
 *       (4 batch-rows facts) are READY from the start: 3/7 gates, 12 of 27 gate checks (44%);</li>
 *   <li>go-live needs [interfaces, clinic-session, inventory, dpia, link, replay, switchover, claims,
 *       fallback, migration-plan, transfer]; the first unmet one names its code: BLOCKED_PENDING_DPIA;</li>
 *   <li>the recommendation walks the gates in file order; the first unmet root is dpia's first check,
 *       dpia.legal-basis, which the data protection officer (lhorak) signs;</li>
 *   <li>replay depends on link as a group; switchover depends on two gates, replay then dpia.</li>
 * </ul>
 */
@DisplayName("The Vltava Care scenario")
class VltavaCareScenarioTest {

  static final Path FOLDER = Path.of("scenarios", "vltava-care");

  static final String MD = "jdvorakova";
  static final String IT = "tnovotny";
  static final String BILLING = "psvobodova";
  static final String DPO = "lhorak";

  static final PipelineRun LINK = Session.passed(Pipelines.CONNECTION, "run-link-1", "tls=5e:91:0c");
  static final PipelineRun REPLAY = Session.passed(Pipelines.DRY_RUN, "run-replay-1", "checksum=vltava-1");
  static final PipelineRun STAFF_IDP = Session.passed(Pipelines.IDENTITY, "run-idp-1", "kids=vltava-k1");
  /** A replay that proved something else (another checksum): what rests on the first one goes stale. */
  static final PipelineRun REPLAY_CHANGED = Session.passed(Pipelines.DRY_RUN, "run-replay-2", "checksum=vltava-2");

  /** The numbers a reader checks first: gates ready, production's code, who moves next and what. */
  record Headline(int gatesReady, String decision, String check, String actor) {
  }

  static Headline headline(Evaluation e) {
    return new Headline(e.summary().gatesReady(), e.summary().decision(), e.recommendation().checkId(),
        e.recommendation().actor());
  }

  static Scenario scenario() {
    return ScenarioLoader.load(FOLDER).scenario();
  }

  static Session session() {
    return new Session(new Evaluator(scenario()));
  }

  static Session signDpia(Session s) {
    return s.accept("dpia.legal-basis", DPO)
        .decide("dpia.hosting-region", IT, "cz-praha")
        .accept("dpia.processor-agreement", DPO)
        .accept("dpia.retention", MD);
  }

  static Session approveSwitchover(Session s) {
    return s.accept("switchover.patient-notice", MD).decide("switchover.on-call", IT, "internal-it-24x7");
  }

  static Session reconcileClaims(Session s) {
    return s.accept("claims.tariff-map", BILLING).accept("claims.test-batch", BILLING);
  }

  static Session rehearseFallback(Session s) {
    return s.accept("fallback.legacy-readonly", IT).accept("fallback.restore-drill", IT)
        .accept("fallback.clinical-signoff", MD);
  }

  /** Every sign-off, decision and run the scenario asks for, in the order the recommendation leads. */
  static Session everything() {
    return rehearseFallback(reconcileClaims(approveSwitchover(signDpia(session()).pipeline(LINK).pipeline(REPLAY))))
        .pipeline(STAFF_IDP);
  }

  /** The declared env variables of an env packet, filled from the session's current state. */
  static Map<String, String> env(Session s, String packetId) {
    Evaluator evaluator = new Evaluator(scenario());
    Evaluator.Assessment a = evaluator.assess(Fixtures.LOCAL_DEMO, s.state());
    Map<String, String> out = new LinkedHashMap<>();
    for (PacketBinding.EnvVar variable : evaluator.scenario().packet(packetId).env()) {
      out.put(variable.name(), evaluator.envValue(a, Lang.EN, variable.value()));
    }
    return out;
  }

  @Nested
  @DisplayName("as written in its files")
  class Files {

    @Test
    @DisplayName("loads with 4 actors, 5 providers, 7 gates, its own production node and bindings")
    void declarations() {
      Scenario s = scenario();

      assertThat(s.id()).isEqualTo("vltava-care");
      assertThat(s.actors()).extracting(Actor::id).containsExactly(MD, IT, BILLING, DPO);
      assertThat(s.providers()).extracting(Provider::id)
          .containsExactly("his-records", "erecept", "insurer-claims", "staff-identity", "patient-sms");
      assertThat(s.groups().stream().filter(GroupDef::gate).map(GroupDef::id))
          .containsExactly("interfaces", "clinic-session", "inventory", "dpia", "link", "replay", "switchover");
      assertThat(s.production().id()).isEqualTo("go-live");
      assertThat(s.production().readyCode()).isEqualTo("CLINICS_LIVE");
      assertThat(s.branding().product().en()).isEqualTo("Vltava Care go-live desk");
      assertThat(s.branding().product().pl()).isEqualTo("Pulpit uruchomienia Vltava Care");
      assertThat(s.branding()).extracting("snapshotSchema", "checksumPrefix")
          .containsExactly("VltavaCareSnapshot.v1", "vltava");
      assertThat(s.database()).extracting("database", "appRole", "runtimeRole")
          .containsExactly("vltava_records", "vltava_migrator", "vltava_clinician");
      assertThat(s.pipelines()).extracting(PipelineBinding::id, PipelineBinding::proves)
          .containsExactly(tuple("connection", "link"), tuple("dry-run", "replay"), tuple("identity", "staff-idp"));
      assertThat(s.packets()).extracting(PacketBinding::id, PacketBinding::reportsOn, PacketBinding::batches)
          .containsExactly(
              tuple(PacketIds.CONNECTION, "link", null),
              tuple(PacketIds.DRY_RUN, "replay", null),
              tuple(PacketIds.RUNBOOK, "migration-plan", null),
              tuple(PacketIds.DATA_CUTOVER_PLAN, "transfer", "inventory"),
              tuple(PacketIds.RELEASE_HANDOFF, "switchover", null),
              tuple(PacketIds.ROLLBACK_DRILL, "fallback", null));
      assertThat(s.packet(PacketIds.PREFLIGHT)).as("this network declares no preflight packet").isNull();
      assertThat(s.packets().stream().flatMap(p -> p.env().stream()).map(PacketBinding.EnvVar::name))
          .isNotEmpty().allMatch(name -> name.startsWith("CARE_"));
    }

    @Test
    @DisplayName("keys row-level security on org_id with its own session setting")
    void tenancy() {
      DataModel model = scenario().dataModel();

      assertThat(model.schema()).isEqualTo("vltava_care");
      assertThat(model.tenancy()).isEqualTo(new DataModel.Tenancy("organisations", "org_id", "vltava.org_id"));
      assertThat(model.tables()).allSatisfy(table -> assertThat(table.columns())
          .anySatisfy(column -> assertThat(column).extracting("name", "type", "nullable")
              .containsExactly("org_id", "text", false)));
      assertThat(model.tables().stream().flatMap(t -> t.columns().stream()).map(DataModel.ColumnDef::type))
          .contains("date", "jsonb", "text[]", "numeric", "bigint", "boolean", "timestamptz", "integer");
    }

    @Test
    @DisplayName("shares no id with BFG: groups, checks, actors, providers, environments, production, packet groups")
    void nothingShared() {
      Scenario ours = scenario();
      Scenario bfg = Fixtures.bfg().scenario();

      assertThat(ids(ours)).doesNotContainAnyElementsOf(ids(bfg));
      assertThat(ours.packets().stream().flatMap(p -> Stream.of(p.reportsOn(), p.batches())))
          .doesNotContainAnyElementsOf(bfg.packets().stream().flatMap(p -> Stream.of(p.reportsOn(), p.batches()))
              .filter(id -> id != null).toList());
      assertThat(ours.tenant().id()).isNotEqualTo(bfg.tenant().id());
      assertThat(ours.dataModel().tables().stream().map(DataModel.TableDef::name))
          .doesNotContainAnyElementsOf(bfg.dataModel().tables().stream().map(DataModel.TableDef::name).toList());
    }

    private Set<String> ids(Scenario s) {
      Set<String> out = new HashSet<>();
      for (GroupDef g : s.groups()) {
        out.add(g.id());
        g.checks().stream().map(CheckDef::id).forEach(out::add);
      }
      out.add(s.production().id());
      s.actors().stream().map(Actor::id).forEach(out::add);
      s.providers().stream().map(Provider::id).forEach(out::add);
      s.environments().stream().map(Environment::id).forEach(out::add);
      return out;
    }

    @Test
    @DisplayName("makes its snapshot from the tenant, the 4 actors and the sample rows: 261 rows in 4 families")
    void snapshot() {
      var snapshot = scenario().snapshot();

      assertThat(snapshot.rowsByTable()).containsExactly(
          entry("organisations", 1L), entry("staff_accounts", 4L), entry("clinics", 24L), entry("patients", 48L),
          entry("appointments", 60L), entry("prescriptions", 36L), entry("insurance_claims", 40L),
          entry("record_access_log", 48L));
      assertThat(snapshot.rowsByBatch()).containsExactly(
          entry("clinic-registry", 29L), entry("patient-care", 144L), entry("billing", 40L), entry("compliance", 48L));
      assertThat(snapshot.totalRows()).isEqualTo(261);
      assertThat(snapshot.schema()).isEqualTo("VltavaCareSnapshot.v1");
      assertThat(snapshot.checksumShort()).matches("vltava-[0-9a-f]{8}");
    }
  }

  @Nested
  @DisplayName("fresh, before anyone signs")
  class Fresh {

    @Test
    @DisplayName("3/7 gates, BLOCKED_PENDING_DPIA, and the DPO signs the legal basis first")
    void headlineByHand() {
      Evaluation e = session().evaluate();

      assertThat(headline(e)).isEqualTo(new Headline(3, "BLOCKED_PENDING_DPIA", "dpia.legal-basis", DPO));
      assertThat(e.summary()).extracting("gatesTotal", "checksReady", "checksTotal", "percent", "go", "traffic")
          .containsExactly(7, 11, 27, 41, false, "production_traffic_disabled");
      assertThat(e.summary().headline()).isEqualTo("3/7 integration gates are ready for clinic-pg-adapter.");
      assertThat(e.gates()).extracting("id", "status", "done", "total", "decision").containsExactly(
          tuple("interfaces", "READY", 5, 5, "INTERFACES_MAPPED"),
          tuple("clinic-session", "READY", 2, 2, "SESSION_BOUND"),
          tuple("inventory", "READY", 4, 4, "INVENTORY_LOADED"),
          tuple("dpia", "REVIEW", 0, 4, "BLOCKED_PENDING_DPIA"),
          tuple("link", "REVIEW", 0, 4, "BLOCKED_PENDING_LINK"),
          tuple("replay", "BLOCKED", 0, 5, "BLOCKED_PENDING_LINK"),
          tuple("switchover", "BLOCKED", 0, 3, "BLOCKED_PENDING_REPLAY"));
      assertThat(e.recommendation()).extracting("action", "groupId", "actorName", "command").containsExactly(
          "Sign off the legal basis for moving patient data", "dpia", "Mgr. Lukáš Horák",
          "POST /api/checks/dpia.legal-basis/accept");
      assertThat(e.recommendation().reason()).isEqualTo("The DPIA shows 0/4; no patient row moves before the data "
          + "protection officer and the medical director sign it.");
    }

    @Test
    @DisplayName("holds the groups outside the checklist where their dependencies put them")
    void otherGroups() {
      Evaluation e = session().evaluate();

      assertThat(Stream.of("claims", "fallback", "migration-plan", "transfer").map(id -> group(e, id)))
          .extracting("id", "status", "done", "total", "decision", "blockedBy").containsExactly(
              tuple("claims", "REVIEW", 0, 2, "BLOCKED_PENDING_CLAIMS", null),
              tuple("fallback", "BLOCKED", 0, 3, "BLOCKED_PENDING_REPLAY", "replay"),
              tuple("migration-plan", "REVIEW", 1, 3, "BLOCKED_PENDING_MIGRATION_PLAN", null),
              tuple("transfer", "REVIEW", 1, 3, "BLOCKED_PENDING_TRANSFER", null));
      assertThat(check(e, "dpia.processor-agreement")).extracting("status", "blockedBy", "value")
          .containsExactly("BLOCKED", "dpia.hosting-region", "region not chosen");
      assertThat(check(e, "claims.test-batch")).extracting("status", "blockedBy")
          .containsExactly("BLOCKED", "replay.round-trip");
      assertThat(check(e, "transfer.proof").value()).isEqualTo("0/4 + 0/5");
      assertThat(check(e, "plan.staff-claims").value()).isEqualTo("4 staff roles");
      assertThat(e.production()).extracting("id", "status", "blockedBy").containsExactly("go-live", "BLOCKED", "dpia");
    }

    @Test
    @DisplayName("speaks Polish with its diacritics")
    void polish() {
      Evaluation e = session().evaluate(Lang.PL);

      assertThat(e.recommendation().action()).isEqualTo("Zatwierdź podstawę prawną przeniesienia danych pacjentów");
      assertThat(e.recommendation().reason()).isEqualTo("DPIA pokazuje 0/4; żaden rekord pacjenta nie zostanie "
          + "przeniesiony, zanim inspektor ochrony danych i dyrektor medyczna jej nie podpiszą.");
      assertThat(group(e, "dpia").label()).isEqualTo("Ocena skutków dla ochrony danych jest podpisana");
      assertThat(e.branding().product()).isEqualTo("Pulpit uruchomienia Vltava Care");
      assertThat(e.actors()).extracting("id", "role").contains(tuple(DPO, "Inspektor ochrony danych"));
    }

    @Test
    @DisplayName("shows its bindings: pipelines with the checks each step proves, packets, provider checks")
    void bindingsInTheEvaluation() {
      Evaluation e = session().evaluate();

      assertThat(e.pipelines()).extracting(Evaluation.PipelineView::id, Evaluation.PipelineView::group)
          .containsExactly(tuple("connection", "link"), tuple("dry-run", "replay"), tuple("identity", "staff-idp"));
      assertThat(e.pipelines().get(0).steps()).extracting("id", "check").containsExactly(
          tuple("endpoint-reachability", "link.endpoint"), tuple("tls-fingerprint", "link.certificate"),
          tuple("rbac-session", "link.org-session"), tuple("write-probe", "link.write-probe"));
      assertThat(e.pipelines().get(1).steps()).extracting("id", "check").containsExactly(
          tuple("snapshot-export", "replay.freeze"), tuple("schema-map", "replay.schema"),
          tuple("rbac-claims", "replay.org-isolation"), tuple("adapter-replay", "replay.round-trip"),
          tuple("rollback-checkpoint", "replay.no-residue"));
      assertThat(e.pipelines().get(2).steps()).extracting("id", "check").containsExactly(
          tuple("discovery", "staff-idp.discovery"), tuple("jwks", "staff-idp.keys"),
          tuple("client-token", "staff-idp.probe-token"), tuple("roles-mapped", "staff-idp.roles"));
      assertThat(e.packets()).extracting("id", "group").containsExactly(
          tuple(PacketIds.CONNECTION, "link"), tuple(PacketIds.DRY_RUN, "replay"),
          tuple(PacketIds.RUNBOOK, "migration-plan"), tuple(PacketIds.DATA_CUTOVER_PLAN, "transfer"),
          tuple(PacketIds.RELEASE_HANDOFF, "switchover"), tuple(PacketIds.ROLLBACK_DRILL, "fallback"));
      assertThat(e.providers()).extracting("id", "check", "status").containsExactly(
          tuple("his-records", "iface.his-records", "READY"), tuple("erecept", "iface.erecept", "READY"),
          tuple("insurer-claims", "iface.insurer-claims", "READY"),
          tuple("staff-identity", "iface.staff-identity", "READY"),
          tuple("patient-sms", "iface.patient-sms", "READY"));
      assertThat(e.branding()).extracting("product", "snapshotSchema", "checksumPrefix")
          .containsExactly("Vltava Care go-live desk", "VltavaCareSnapshot.v1", "vltava");
    }

    @Test
    @DisplayName("fills its CARE_* release and rollback variables from the fresh state, an undecided decision's empty")
    void envVariables() {
      Session s = session();

      assertThat(env(s, PacketIds.RELEASE_HANDOFF)).containsExactly(
          entry("CARE_DEPLOY_ENVIRONMENT", "pilot-lab"), entry("CARE_DB_ADAPTER", "clinic-pg-adapter"),
          entry("CARE_STORE_CONTRACT", "ClinicRecordStore.v2"), entry("CARE_SESSION_STORE", "file-local"),
          entry("CARE_STAFF_IDENTITY", "mock-auth-header"), entry("CARE_HOSTING_REGION", ""),
          entry("CARE_WEEKEND_ON_CALL", ""),
          entry("CARE_SWITCHOVER_DECISION", "BLOCKED_PENDING_REPLAY"));
      assertThat(env(s, PacketIds.ROLLBACK_DRILL)).containsExactly(
          entry("CARE_FALLBACK_DECISION", "BLOCKED_PENDING_REPLAY"), entry("CARE_FALLBACK_OWNER", IT),
          entry("CARE_FALLBACK_OWNER_NAME", "Ing. Tomáš Novotný"), entry("CARE_FALLBACK_STORE", "legacy-his-readonly"),
          entry("CARE_FALLBACK_RESTORE", "BLOCKED"), entry("CARE_FALLBACK_EVIDENCE", PacketIds.RELEASE_HANDOFF));
    }
  }

  @Nested
  @DisplayName("as owners sign and pipelines run")
  class Moving {

    @Test
    @DisplayName("moves the headline step by step, as worked out by hand, up to CLINICS_LIVE")
    void walkThrough() {
      Session s = session();
      assertThat(headline(s.evaluate())).isEqualTo(new Headline(3, "BLOCKED_PENDING_DPIA", "dpia.legal-basis", DPO));

      s.accept("dpia.legal-basis", DPO);
      assertThat(headline(s.evaluate())).isEqualTo(new Headline(3, "BLOCKED_PENDING_DPIA", "dpia.hosting-region", IT));

      s.decide("dpia.hosting-region", IT, "cz-praha");
      assertThat(headline(s.evaluate()))
          .isEqualTo(new Headline(3, "BLOCKED_PENDING_DPIA", "dpia.processor-agreement", DPO));

      s.accept("dpia.processor-agreement", DPO).accept("dpia.retention", MD);
      assertThat(headline(s.evaluate())).isEqualTo(new Headline(4, "BLOCKED_PENDING_LINK", "link.endpoint", IT));

      s.pipeline(LINK);
      assertThat(headline(s.evaluate())).isEqualTo(new Headline(5, "BLOCKED_PENDING_REPLAY", "replay.freeze", IT));

      // the release variables come first in the switchover gate, and they print the on-call decision
      s.pipeline(REPLAY);
      assertThat(headline(s.evaluate()))
          .isEqualTo(new Headline(6, "BLOCKED_PENDING_SWITCHOVER", "switchover.on-call", IT));

      approveSwitchover(s);
      assertThat(headline(s.evaluate())).isEqualTo(new Headline(7, "BLOCKED_PENDING_CLAIMS", "claims.tariff-map", BILLING));

      reconcileClaims(s);
      assertThat(headline(s.evaluate()))
          .isEqualTo(new Headline(7, "BLOCKED_PENDING_FALLBACK", "fallback.legacy-readonly", IT));

      rehearseFallback(s);
      assertThat(headline(s.evaluate())).isEqualTo(new Headline(7, "CLINICS_LIVE", null, null));
    }

    @Test
    @DisplayName("asks for each step in the scenario's words, or the engine's when it declares none")
    void actions() {
      Session s = session().accept("dpia.legal-basis", DPO);
      assertThat(s.evaluate().recommendation()).extracting("action", "command")
          .containsExactly("Choose the hosting region", "POST /api/decisions/dpia.hosting-region");

      s.decide("dpia.hosting-region", IT, "cz-praha");
      Evaluation e = s.evaluate();
      assertThat(e.recommendation().action()).isEqualTo("Accept \"Processor agreement\"");
      assertThat(check(e, "dpia.processor-agreement")).extracting("status", "value")
          .containsExactly("REVIEW", "Prague (CZ) data centre, backups in Brno");

      s.accept("dpia.processor-agreement", DPO).accept("dpia.retention", MD);
      e = s.evaluate();
      assertThat(e.recommendation()).extracting("action", "reason", "command").containsExactly(
          "Prove the link to the clinic database",
          "The link check shows 0/4; run it against clinic-pg-adapter before anything is replayed.",
          "POST /api/pipelines/connection");

      s.pipeline(LINK);
      assertThat(s.evaluate().recommendation()).extracting("action", "command")
          .containsExactly("Rehearse the record replay", "POST /api/pipelines/dry-run");
    }

    @Test
    @DisplayName("after both pipelines: 6/7 gates, 89%, the runbook group complete, the fallback open")
    void afterPipelines() {
      Evaluation e = signDpia(session()).pipeline(LINK).pipeline(REPLAY).evaluate();

      assertThat(e.summary()).extracting("gatesReady", "checksReady", "checksTotal", "percent")
          .containsExactly(6, 24, 27, 89);
      assertThat(group(e, "switchover")).extracting("status", "done", "total", "decision", "blockedBy")
          .containsExactly("REVIEW", 0, 3, "BLOCKED_PENDING_SWITCHOVER", null);
      assertThat(group(e, "migration-plan")).extracting("status", "done", "decision")
          .containsExactly("READY", 3, "PLAN_READY");
      assertThat(group(e, "fallback")).extracting("status", "done", "decision")
          .containsExactly("REVIEW", 0, "BLOCKED_PENDING_FALLBACK");
      assertThat(check(e, "fallback.clinical-signoff").blockedBy()).isEqualTo("fallback.legacy-readonly");
      assertThat(check(e, "claims.test-batch").status()).isEqualTo("REVIEW");
      assertThat(check(e, "transfer.proof")).extracting("status", "value").containsExactly("READY", "4/4 + 5/5");
      assertThat(check(e, "plan.freeze").value()).isEqualTo("261 rows / " + e.snapshot().checksumShort());
    }

    @Test
    @DisplayName("with 7/7 gates, production still waits for the claims, which the billing lead reconciles")
    void gatesAreNotEverything() {
      Evaluation e = approveSwitchover(signDpia(session()).pipeline(LINK).pipeline(REPLAY)).evaluate();

      assertThat(e.summary()).extracting("gatesReady", "gatesTotal", "percent", "go")
          .containsExactly(7, 7, 100, false);
      assertThat(e.summary().decision()).isEqualTo("BLOCKED_PENDING_CLAIMS");
      assertThat(e.recommendation()).extracting("checkId", "actor", "actorName", "action", "reason").containsExactly(
          "claims.tariff-map", BILLING, "Petra Svobodová", "Confirm the 2026 tariff mapping",
          "Claims show 0/2; the May batch must leave from the new store with the same points as from the HIS.");
    }

    @Test
    @DisplayName("goes live once everything is signed, with the chosen options' values in its release variables")
    void live() {
      Session s = everything();
      Evaluation e = s.evaluate();

      assertThat(e.summary()).extracting("gatesReady", "decision", "go", "traffic")
          .containsExactly(7, "CLINICS_LIVE", true, "production_traffic_enabled");
      assertThat(e.recommendation()).extracting("checkId", "actor").containsExactly(null, null);
      assertThat(e.groups()).allSatisfy(g -> assertThat(g.status()).as(g.id()).isEqualTo("READY"));
      assertThat(env(s, PacketIds.RELEASE_HANDOFF)).contains(
          entry("CARE_HOSTING_REGION", "cz-praha"), entry("CARE_WEEKEND_ON_CALL", "internal-it-24x7"),
          entry("CARE_SWITCHOVER_DECISION", "SWITCHOVER_APPROVED"));
      assertThat(env(s, PacketIds.ROLLBACK_DRILL)).contains(
          entry("CARE_FALLBACK_DECISION", "FALLBACK_REHEARSED"), entry("CARE_FALLBACK_RESTORE", "READY"));
    }
  }

  @Nested
  @DisplayName("its release variables check")
  class ReleaseVariables {

    @Test
    @DisplayName("waits for each decision a variable prints (a placeholder is no value), in the order they are printed")
    void waitsForTheDecisionsItPrints() {
      Session s = session();
      Evaluation e = s.evaluate();

      assertThat(check(e, "switchover.env-block")).extracting("status", "blockedBy", "dependsOn")
          .containsExactly("BLOCKED", "dpia.hosting-region", List.of("dpia.hosting-region", "switchover.on-call"));
      s = s.decide("dpia.hosting-region", IT, "cz-praha");
      assertThat(check(s.evaluate(), "switchover.env-block")).extracting("status", "blockedBy")
          .containsExactly("BLOCKED", "switchover.on-call");
      s = s.decide("switchover.on-call", IT, "vendor-hotline");
      assertThat(check(s.evaluate(), "switchover.env-block")).extracting("status", "blockedBy")
          .containsExactly("READY", null);
      assertThat(env(s, PacketIds.RELEASE_HANDOFF)).contains(entry("CARE_HOSTING_REGION", "cz-praha"),
          entry("CARE_WEEKEND_ON_CALL", "vendor-hotline"));
    }
  }

  @Nested
  @DisplayName("where a gate depends on others")
  class Dependencies {

    @Test
    @DisplayName("switchover waits for replay, then for dpia, then for its own checks")
    void switchoverNeedsTwoGates() {
      Session s = session();
      assertThat(group(s.evaluate(), "switchover")).extracting("status", "decision", "blockedBy")
          .containsExactly("BLOCKED", "BLOCKED_PENDING_REPLAY", "replay");

      s.pipeline(LINK).pipeline(REPLAY);
      Evaluation e = s.evaluate();
      assertThat(group(e, "switchover")).extracting("status", "decision", "blockedBy")
          .containsExactly("BLOCKED", "BLOCKED_PENDING_DPIA", "dpia");
      assertThat(headline(e)).isEqualTo(new Headline(5, "BLOCKED_PENDING_DPIA", "dpia.legal-basis", DPO));

      signDpia(s);
      assertThat(group(s.evaluate(), "switchover")).extracting("status", "decision", "blockedBy")
          .containsExactly("REVIEW", "BLOCKED_PENDING_SWITCHOVER", null);
    }

    @Test
    @DisplayName("a replay recorded before the link is proven leaves the replay gate blocked by link")
    void replayBeforeLink() {
      Evaluation e = session().pipeline(REPLAY).evaluate();

      assertThat(group(e, "replay")).extracting("status", "done", "total", "decision", "blockedBy")
          .containsExactly("BLOCKED", 5, 5, "BLOCKED_PENDING_LINK", "link");
      assertThat(e.summary().gatesReady()).isEqualTo(3);
    }

    @Test
    @DisplayName("a replay that proves something else makes the sign-offs resting on the first one stale")
    void staleAfterADifferentReplay() {
      Evaluation e = everything().pipeline(REPLAY_CHANGED).evaluate();

      assertThat(Stream.of("claims.test-batch", "fallback.restore-drill").map(id -> check(e, id))).allSatisfy(c -> {
        assertThat(c.status()).as(c.id()).isEqualTo("REVIEW");
        assertThat(c.signOff().stale()).as(c.id()).isTrue();
        assertThat(c.evidence()).as(c.id()).startsWith("Stale: the evidence ");
      });
      // the medical director's sign-off rests on the restore drill, which is no longer ready: held, not stale
      assertThat(check(e, "fallback.clinical-signoff")).extracting("status", "blockedBy", "evidence").containsExactly(
          "BLOCKED", "fallback.restore-drill",
          "Signed off by MUDr. Jana Dvořáková, but \"Restore drill\" is no longer ready");
      assertThat(Stream.of("claims.tariff-map", "fallback.legacy-readonly", "switchover.patient-notice")
          .map(id -> check(e, id).status())).containsOnly("READY");
      assertThat(headline(e)).isEqualTo(new Headline(7, "BLOCKED_PENDING_CLAIMS", "claims.test-batch", BILLING));
    }

    @Test
    @DisplayName("revoking the hosting region holds the processor agreement signed on it")
    void revokeRegion() {
      Evaluation e = signDpia(session()).revoke("dpia.hosting-region", IT).evaluate();

      assertThat(check(e, "dpia.processor-agreement")).extracting("status", "blockedBy", "evidence").containsExactly(
          "BLOCKED", "dpia.hosting-region", "Signed off by Mgr. Lukáš Horák, but \"Hosting region\" is no longer ready");
      // named by its label in the page's language, never by its id
      assertThat(check(signDpia(session()).revoke("dpia.hosting-region", IT).evaluate(Lang.PL),
          "dpia.processor-agreement").evidence())
          .isEqualTo("Zaakceptowane przez: Mgr. Lukáš Horák, ale „Region hostingu” nie jest już gotowe");
      assertThat(group(e, "dpia")).extracting("status", "done", "decision")
          .containsExactly("REVIEW", 2, "BLOCKED_PENDING_DPIA");
      assertThat(headline(e)).isEqualTo(new Headline(3, "BLOCKED_PENDING_DPIA", "dpia.hosting-region", IT));
    }
  }
}
