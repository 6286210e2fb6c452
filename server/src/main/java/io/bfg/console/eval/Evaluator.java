package io.bfg.console.eval;

import io.bfg.console.model.Actor;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.PacketIds;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.PipelineBinding;
import io.bfg.console.model.PacketBinding;
import io.bfg.console.model.Branding;
import io.bfg.console.model.CheckKind;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.Environment;
import io.bfg.console.model.Facts;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Label;
import io.bfg.console.model.Lang;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Provider;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SectionDef;
import io.bfg.console.model.SessionState;
import io.bfg.console.model.SessionState.SignOff;
import io.bfg.console.model.Status;
import io.bfg.console.model.Template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a scenario against the session state: every status, count, decision code, evidence
 * hash and the recommended next action. Pure and deterministic: the same scenario, runtime and
 * state give the same {@link Evaluation}, byte for byte once serialised.
 *
 * <p>All graph work (indexes, topological order, static digests, parsed templates) is done once
 * in the constructor, so an evaluation is a single pass over arrays.
 */
public final class Evaluator {

  private static final Pattern COMBINING = Pattern.compile("\\p{M}+");

  private static final HexFormat HEX = HexFormat.of();

  private final Scenario scenario;
  /** Every check and group (production last), in an order where each node follows what it needs. */
  private final Node[] nodes;
  private final Map<String, Node> byId = new HashMap<>();
  private final Node production;
  private final List<Node> groupNodes = new ArrayList<>();
  private final Map<String, Template> templates = new HashMap<>();
  /** The scenario's bindings as the evaluation shows them; they never change while it runs. */
  private final List<Evaluation.PipelineView> pipelineViews;
  private final List<Evaluation.PacketView> packetViews;
  /** Provider id -> the check that proves its contract (a derived check on its provider-contract fact). */
  private final Map<String, String> contractChecks = new HashMap<>();

  /** A check or group with its references resolved to indexes. */
  private static final class Node {
    final String id;
    final CheckDef check;
    final GroupDef group;
    int index;
    Node owner;
    int[] dependsOn;
    /**
     * What a check rests on without declaring it ({@link Scenario#impliedDependsOn}): it holds the
     * check's status as dependsOn does, but stays out of its evidence hash, so that sign-offs given
     * before it was implied do not all go stale at once.
     */
    int[] implied = new int[0];
    int[] from;
    int[] children;
    int token;
    byte[] staticDigest;
    /** As staticDigest, over the definition spelled without diacritics (see {@link #definitionDigest}). */
    byte[] spelledDigest;

    Node(CheckDef check, GroupDef group) {
      this.check = check;
      this.group = group;
      this.id = check != null ? check.id() : group.id();
    }
  }

  public Evaluator(Scenario scenario) {
    this.scenario = scenario;
    List<Node> all = new ArrayList<>();
    for (GroupDef group : scenario.groups()) {
      Node groupNode = new Node(null, group);
      groupNodes.add(groupNode);
      all.add(groupNode);
      for (CheckDef check : group.checks()) {
        Node checkNode = new Node(check, null);
        checkNode.owner = groupNode;
        all.add(checkNode);
      }
    }
    production = new Node(null, scenario.production());
    all.add(production);
    for (Node node : all) {
      byId.put(node.id, node);
    }
    List<Node> sorted = topologicalOrder(all);
    nodes = sorted.toArray(new Node[0]);
    for (int i = 0; i < nodes.length; i++) {
      nodes[i].index = i;
    }
    for (Node node : nodes) {
      if (node.check != null) {
        node.dependsOn = indexes(node.check.dependsOn());
        node.implied = indexes(scenario.impliedDependsOn(node.check));
        node.from = indexes(node.check.from());
        node.children = new int[0];
        node.staticDigest = Checksums.digest().digest(Checksums.canonicalBytes(node.check));
        node.spelledDigest = definitionDigest(node.check);
      } else {
        node.dependsOn = indexes(node.group.dependsOn());
        node.from = new int[0];
        node.children = indexes(node.group.checks().stream().map(CheckDef::id).toList());
        node.staticDigest = Checksums.digest().digest(Checksums.canonicalBytes(
            List.of(node.group.id(), node.group.token(), node.group.dependsOn())));
        node.spelledDigest = node.staticDigest;
      }
    }
    collectTemplates();
    pipelineViews = scenario.pipelines().stream().map(binding -> new Evaluation.PipelineView(binding.id(),
        binding.proves(), Pipelines.STEPS.get(binding.id()).stream()
            .map(step -> new Evaluation.StepView(step, provingCheck(binding, step))).toList())).toList();
    packetViews = scenario.packets().stream()
        .map(binding -> new Evaluation.PacketView(binding.id(), binding.reportsOn())).toList();
    for (GroupDef group : scenario.groups()) {
      for (CheckDef check : group.checks()) {
        if (check.fact() != null && Facts.PROVIDER_CONTRACT.equals(Facts.name(check.fact()))) {
          contractChecks.putIfAbsent(Facts.argument(check.fact()), check.id());
        }
      }
    }
  }

  private String provingCheck(PipelineBinding binding, String step) {
    for (CheckDef check : byId.get(binding.proves()).group.checks()) {
      if (binding.id().equals(check.pipeline()) && step.equals(check.step())) {
        return check.id();
      }
    }
    return null;
  }

  public Scenario scenario() {
    return scenario;
  }

  /** Computes every status, count and decision without rendering any text. */
  public Assessment assess(Runtime runtime, SessionState state) {
    return assess(runtime, state, null);
  }

  private Assessment assess(Runtime runtime, SessionState state, boolean[] assumedDone) {
    Assessment a = new Assessment(runtime, state, assumedDone);
    for (Node node : nodes) {
      if (node.check != null) {
        assessCheck(a, node);
      } else {
        assessGroup(a, node);
      }
    }
    return a;
  }

  public Evaluation evaluate(Runtime runtime, SessionState state, Lang lang) {
    return render(assess(runtime, state), lang);
  }

  /** The language-independent outcome of an evaluation; commands are validated against it. */
  public final class Assessment {
    private final Runtime runtime;
    private final SessionState state;
    private final Status[] status = new Status[nodes.length];
    private final int[] blockedBy = new int[nodes.length];
    private final int[] done = new int[nodes.length];
    private final int[] total = new int[nodes.length];
    private final boolean[] stale = new boolean[nodes.length];
    private final String[] decision = new String[nodes.length];
    private final Hashes written = new Hashes(false);
    private Hashes spelled;

    /** Checks taken as done whatever the state says (see {@link #assuming}); null for the state as it is. */
    private final boolean[] assumedDone;

    private Assessment(Runtime runtime, SessionState state, boolean[] assumedDone) {
      this.runtime = runtime;
      this.state = state;
      this.assumedDone = assumedDone;
      Arrays.fill(blockedBy, -1);
    }

    /**
     * This state assessed as if each check in {@code checkIds} were done (signed off, decided, proven by its
     * pipeline) as far as its own dependencies let it be: a check that would still be blocked stays blocked, and
     * everything downstream follows. What "if X signs Y, can we go live?" asks; nothing is recorded.
     */
    public Assessment assuming(Collection<String> checkIds) {
      boolean[] assumed = new boolean[nodes.length];
      for (String id : checkIds) {
        Node node = byId.get(id);
        if (node != null && node.check != null) {
          assumed[node.index] = true;
        }
      }
      return assess(runtime, state, assumed);
    }

    public SessionState state() {
      return state;
    }

    /** {@code template} (a packet's env value) filled from this state, as the packet renders it. */
    public String envValue(Lang lang, String template) {
      return Evaluator.this.envValue(this, lang, template);
    }

    public boolean isCheck(String id) {
      Node node = byId.get(id);
      return node != null && node.check != null;
    }

    public CheckDef check(String id) {
      Node node = byId.get(id);
      return node == null ? null : node.check;
    }

    public Status status(String id) {
      return status[byId.get(id).index];
    }

    public boolean stale(String id) {
      return stale[byId.get(id).index];
    }

    /** The first dependency of {@code id} that is not READY, or null. */
    public String blockedBy(String id) {
      int blocker = blockedBy[byId.get(id).index];
      return blocker < 0 ? null : nodes[blocker].id;
    }

    public String decision(String id) {
      Node node = byId.get(id);
      return decision[node.check != null ? node.owner.index : node.index];
    }

    /**
     * The SHA-256 of what a sign-off of {@code id} accepts: the check's definition and the
     * evidence of everything it depends on or derives from (pipeline results, facts), but not
     * other sign-offs, so re-accepting an upstream check leaves downstream sign-offs fresh.
     */
    public String evidenceHash(String id) {
      return evidenceOf(this, written, byId.get(id).index);
    }

    /**
     * Whether a sign-off that recorded {@code hash} still rests on the evidence {@code id} has now: the hash
     * over the definitions as written, or over them spelled without diacritics (a sign-off recorded while
     * the Polish was typed without them stays valid once it is written properly).
     */
    public boolean evidenceMatches(String id, String hash) {
      int index = byId.get(id).index;
      if (hash.equals(evidenceOf(this, written, index))) {
        return true;
      }
      if (spelled == null) {
        spelled = new Hashes(true);
      }
      return hash.equals(evidenceOf(this, spelled, index));
    }

    /**
     * The checks whose standing sign-off or decision rests on the evidence of {@code ids} (a pipeline step's
     * result, a fact, a decision's value), directly or through what they depend on, derive from or hold: those a
     * new run or another value there would leave stale.
     */
    public List<String> signedOnTopOf(Collection<String> ids) {
      boolean[] rests = new boolean[nodes.length];
      for (String id : ids) {
        Node node = byId.get(id);
        if (node != null) {
          rests[node.index] = true;
        }
      }
      List<String> out = new ArrayList<>();
      // each node follows what it needs, so what it rests on is settled before it
      for (Node node : nodes) {
        for (int[] refs : new int[][] {node.dependsOn, node.from, node.children}) {
          for (int ref : refs) {
            rests[node.index] |= rests[ref];
          }
        }
        if (!rests[node.index] || node.check == null || ids.contains(node.id)) {
          continue;
        }
        SignOff given = node.check.kind() == CheckKind.DECISION ? state.decisions().get(node.id)
            : node.check.kind() == CheckKind.OWNER_ACCEPTANCE ? state.signOffs().get(node.id) : null;
        if (given != null && evidenceMatches(node.id, given.evidenceHash())) {
          out.add(node.id);
        }
      }
      return out;
    }

    public boolean productionGo() {
      return status[production.index] == Status.READY;
    }

    public String productionDecision() {
      return decision[production.index];
    }
  }

  private void assessCheck(Assessment a, Node node) {
    int i = node.index;
    CheckDef check = node.check;
    int blocker = firstUnmet(a, node.dependsOn);
    if (blocker < 0) {
      blocker = firstUnmet(a, node.implied);
    }
    if (check.kind() == CheckKind.DERIVED) {
      int d = 0;
      int t = 0;
      for (int ref : node.from) {
        Node refNode = nodes[ref];
        if (refNode.group != null) {
          d += a.done[ref];
          t += a.total[ref];
        } else {
          d += a.status[ref] == Status.READY ? 1 : 0;
          t += 1;
        }
      }
      a.done[i] = d;
      a.total[i] = t;
    }
    if (blocker >= 0) {
      a.status[i] = Status.BLOCKED;
      a.blockedBy[i] = blocker;
      return;
    }
    if (a.assumedDone != null && a.assumedDone[i]) {
      a.status[i] = Status.READY;
      return;
    }
    a.status[i] = switch (check.kind()) {
      case OWNER_ACCEPTANCE -> signOffStatus(a, node, a.state.signOffs().get(check.id()));
      case DECISION -> signOffStatus(a, node, a.state.decisions().get(check.id()));
      case PIPELINE -> {
        PipelineRun.Step step = pipelineStep(a.state, check);
        yield step != null && "PASSED".equals(step.status()) ? Status.READY : Status.REVIEW;
      }
      // a derived check with neither 'from' nor 'fact' is proven by its dependencies alone
      case DERIVED -> firstUnmet(a, node.from) < 0 && factReady(a.runtime, check.fact()) ? Status.READY : Status.REVIEW;
    };
  }

  private Status signOffStatus(Assessment a, Node node, SignOff signOff) {
    if (signOff == null) {
      return Status.REVIEW;
    }
    if (!a.evidenceMatches(node.id, signOff.evidenceHash())) {
      a.stale[node.index] = true;
      return Status.REVIEW;
    }
    return Status.READY;
  }

  private void assessGroup(Assessment a, Node node) {
    int i = node.index;
    GroupDef group = node.group;
    int doneCount = 0;
    int firstBlockedChild = -1;
    boolean anyActionable = false;
    for (int child : node.children) {
      switch (a.status[child]) {
        case READY -> doneCount++;
        case REVIEW -> anyActionable = true;
        case BLOCKED -> {
          if (firstBlockedChild < 0) {
            firstBlockedChild = child;
          }
        }
      }
    }
    a.done[i] = doneCount;
    a.total[i] = node.children.length;
    int blocker = firstUnmet(a, node.dependsOn);
    if (blocker < 0 && !anyActionable && firstBlockedChild >= 0) {
      blocker = a.blockedBy[firstBlockedChild];
    }
    if (blocker >= 0) {
      a.status[i] = Status.BLOCKED;
      a.blockedBy[i] = blocker;
    } else {
      a.status[i] = doneCount == node.children.length ? Status.READY : Status.REVIEW;
    }
    if (a.status[i] == Status.READY) {
      a.decision[i] = group.readyCode();
    } else {
      String token = group.blockedToken() != null ? group.blockedToken()
          : blocker >= 0 ? tokenOf(nodes[blocker]) : group.token();
      a.decision[i] = "BLOCKED_PENDING_" + token;
    }
  }

  private static String tokenOf(Node node) {
    return node.group != null ? node.group.token() : node.owner.group.token();
  }

  private static int firstUnmet(Assessment a, int[] refs) {
    for (int ref : refs) {
      if (a.status[ref] != Status.READY) {
        return ref;
      }
    }
    return -1;
  }

  private static PipelineRun.Step pipelineStep(SessionState state, CheckDef check) {
    PipelineRun run = state.pipelines().get(check.pipeline());
    return run == null ? null : run.step(check.step());
  }

  // ---- facts ----

  /** The variables the release handoff packet prints, as the scenario declares them (none without it). */
  private List<PacketBinding.EnvVar> releaseEnv() {
    PacketBinding release = scenario.packet(PacketIds.RELEASE_HANDOFF);
    return release == null ? List.of() : release.env();
  }

  private boolean factReady(Runtime runtime, String fact) {
    if (fact == null) {
      return true;
    }
    String argument = Facts.argument(fact);
    return switch (Facts.name(fact)) {
      case Facts.ACTORS -> !scenario.actors().isEmpty()
          && scenario.actors().stream().allMatch(actor -> !actor.permissions().isEmpty());
      case Facts.PROVIDERS -> scenario.providers().stream().allMatch(Evaluator::contractComplete);
      case Facts.PROVIDER_CONTRACT -> scenario.providers().stream()
          .anyMatch(p -> p.id().equals(argument) && contractComplete(p));
      case Facts.TARGET_SELECTED -> notBlank(scenario.target().adapter());
      case Facts.STORE_CONTRACT -> notBlank(scenario.target().contract()) && notBlank(runtime.storage());
      case Facts.AUTH_CONTRACT -> notBlank(runtime.auth());
      case Facts.BATCH_ROWS -> scenario.snapshot().rowsIn(argument) > 0;
      case Facts.SNAPSHOT_ROWS -> scenario.snapshot().totalRows() > 0;
      case Facts.RELEASE_ENV -> !releaseEnv().isEmpty() && releaseEnv().stream().allMatch(v -> notBlank(v.value()));
      case Facts.ROLLBACK_ADAPTER -> notBlank(scenario.target().rollbackAdapter());
      case Facts.LIVE_CREDENTIALS -> runtime.liveCredentials();
      default -> false;
    };
  }

  private String factValue(Runtime runtime, String fact, Lang lang) {
    String argument = Facts.argument(fact);
    return switch (Facts.name(fact)) {
      case Facts.ACTORS -> String.valueOf(scenario.actors().size());
      case Facts.PROVIDERS -> String.valueOf(scenario.providers().size());
      case Facts.PROVIDER_CONTRACT -> scenario.providers().stream().filter(p -> p.id().equals(argument))
          .map(p -> p.currentMode() + " -> " + p.targetMode()).findFirst().orElse("");
      case Facts.TARGET_SELECTED -> scenario.target().adapter();
      case Facts.STORE_CONTRACT -> scenario.target().contract();
      case Facts.AUTH_CONTRACT -> runtime.auth();
      case Facts.BATCH_ROWS -> Texts.fill(Texts.ROWS.in(lang), "n", String.valueOf(scenario.snapshot().rowsIn(argument)));
      case Facts.SNAPSHOT_ROWS -> Texts.fill(Texts.ROWS.in(lang), "n", String.valueOf(scenario.snapshot().totalRows()));
      case Facts.RELEASE_ENV -> String.valueOf(releaseEnv().size());
      case Facts.ROLLBACK_ADAPTER -> scenario.target().rollbackAdapter();
      case Facts.LIVE_CREDENTIALS -> (runtime.liveCredentials() ? Texts.CREDENTIALS_SUPPLIED : Texts.CREDENTIALS_ABSENT).in(lang);
      default -> "";
    };
  }

  /** Language-neutral fact value for evidence hashes. */
  private String factEvidence(Runtime runtime, String fact) {
    return fact + "=" + factReady(runtime, fact) + ":" + factValue(runtime, fact, Lang.EN)
        + (Facts.name(fact).equals(Facts.SNAPSHOT_ROWS) || Facts.name(fact).equals(Facts.BATCH_ROWS)
        ? ":" + scenario.snapshot().checksum() : "");
  }

  private static boolean contractComplete(Provider p) {
    return notBlank(p.currentMode()) && notBlank(p.targetMode()) && notBlank(p.contract());
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  /**
   * A check's definition, texts included (a check reworded is another check), spelled without
   * diacritics: writing "sa" as "są" is not a new definition. Folding leaves ASCII as it is, so this
   * is the digest a definition had while its Polish was typed without diacritics.
   */
  static byte[] definitionDigest(CheckDef check) {
    String canonical = new String(Checksums.canonicalBytes(check), StandardCharsets.UTF_8);
    return Checksums.digest().digest(withoutDiacritics(canonical).getBytes(StandardCharsets.UTF_8));
  }

  /** The text with its combining marks dropped after NFD, and ł/Ł (which NFD keeps whole) as l/L. */
  static String withoutDiacritics(String text) {
    String decomposed = Normalizer.normalize(text.replace('ł', 'l').replace('Ł', 'L'), Normalizer.Form.NFD);
    return COMBINING.matcher(decomposed).replaceAll("");
  }

  // ---- evidence ----

  /** One hashing of the evidence graph, memoized per assessment: over the definitions as written, or spelled. */
  private final class Hashes {
    final boolean spelled;
    final String[] evidence = new String[nodes.length];
    /** A decision's evidence as its dependents hash it: with the value chosen (see {@link #upstream}). */
    final byte[][] decided = new byte[nodes.length][];

    Hashes(boolean spelled) {
      this.spelled = spelled;
    }
  }

  private String evidenceOf(Assessment a, Hashes h, int index) {
    if (h.evidence[index] != null) {
      return h.evidence[index];
    }
    Node node = nodes[index];
    MessageDigest digest = Checksums.digest();
    digest.update(h.spelled ? node.spelledDigest : node.staticDigest);
    for (int ref : node.dependsOn) {
      upstream(a, h, ref, digest);
    }
    for (int ref : node.from) {
      upstream(a, h, ref, digest);
    }
    for (int child : node.children) {
      upstream(a, h, child, digest);
    }
    if (node.check != null && node.check.kind() == CheckKind.PIPELINE) {
      PipelineRun.Step step = pipelineStep(a.state, node.check);
      if (step != null) {
        digest.update(Checksums.canonicalBytes(Map.of("status", step.status(),
            "evidence", step.evidence() == null ? Map.of() : step.evidence())));
      }
    }
    if (node.check != null && node.check.fact() != null) {
      digest.update(factEvidence(a.runtime, node.check.fact()).getBytes(StandardCharsets.UTF_8));
    }
    h.evidence[index] = HEX.formatHex(digest.digest());
    return h.evidence[index];
  }

  /**
   * What a node rests on when it rests on {@code ref}: ref's own evidence and, for a decision, the
   * value chosen. A decision's own evidence cannot hold its value (it is signed before the value
   * exists), but whatever was signed off on top of "Prague" must go stale when it becomes "Frankfurt".
   */
  private void upstream(Assessment a, Hashes h, int ref, MessageDigest digest) {
    Node node = nodes[ref];
    if (node.check == null || node.check.kind() != CheckKind.DECISION) {
      digest.update(evidenceOf(a, h, ref).getBytes(StandardCharsets.US_ASCII));
      return;
    }
    if (h.decided[ref] == null) {
      SignOff decision = a.state.decisions().get(node.id);
      String own = evidenceOf(a, h, ref);
      h.decided[ref] = (decision == null ? own : own + '\u0000' + decision.value()).getBytes(StandardCharsets.UTF_8);
    }
    digest.update(h.decided[ref]);
  }

  // ---- recommendation ----

  /** Depth-first from the gates in checklist order, then every other group: the first actionable unmet node. */
  private Node earliestUnmetRoot(Assessment a) {
    boolean[] visited = new boolean[nodes.length];
    for (Node group : groupNodes) {
      if (group.group.gate()) {
        Node root = rootUnder(a, group.index, visited);
        if (root != null) {
          return root;
        }
      }
    }
    return rootUnder(a, production.index, visited);
  }

  private Node rootUnder(Assessment a, int index, boolean[] visited) {
    if (visited[index] || a.status[index] == Status.READY) {
      return null;
    }
    visited[index] = true;
    Node node = nodes[index];
    for (int[] refs : new int[][] {node.dependsOn, node.implied, node.from, node.children}) {
      for (int ref : refs) {
        Node root = rootUnder(a, ref, visited);
        if (root != null) {
          return root;
        }
      }
    }
    if (node.check != null && a.status[index] == Status.REVIEW) {
      return node;
    }
    if (node.check != null && node.check.kind() == CheckKind.DERIVED && a.status[index] != Status.READY) {
      return node;
    }
    return null;
  }

  // ---- rendering ----

  public Evaluation render(Assessment a, Lang lang) {
    Renderer r = new Renderer(a, lang);
    int checksReady = 0;
    int checksTotal = 0;
    for (Node node : groupNodes) {
      if (node.group.gate()) {
        r.gatesTotal++;
        r.gatesReady += a.status[node.index] == Status.READY ? 1 : 0;
        checksReady += a.done[node.index];
        checksTotal += a.total[node.index];
      }
    }
    // the percent weighs checks, not gates: a gate at 4/5 is further along than one at 0/5
    r.percent = checksTotal == 0 ? 100 : (int) Math.round(100.0 * checksReady / checksTotal);
    List<Evaluation.GateView> gates = new ArrayList<>(r.gatesTotal);
    List<Evaluation.GroupView> groups = new ArrayList<>(groupNodes.size());
    for (Node node : groupNodes) {
      Evaluation.GroupView view = r.group(node);
      groups.add(view);
      if (node.group.gate()) {
        gates.add(new Evaluation.GateView(node.id, view.label(), view.status(), view.done(), view.total(),
            view.decision()));
      }
    }
    boolean go = a.productionGo();
    Evaluation.Summary summary = new Evaluation.Summary(r.gatesReady, r.gatesTotal, checksReady, checksTotal,
        r.percent, a.productionDecision(), go, scenario.target().adapter(),
        go ? "production_traffic_enabled" : "production_traffic_disabled", r.text(Texts.HEADLINE));
    List<Evaluation.SectionView> sections = scenario.sections().stream().map(r::section).toList();
    return new Evaluation(Evaluation.SCHEMA, scenario.id(), lang.code(), a.state.seq(), summary,
        r.recommendation(), gates, groups, r.group(production), sections, r.actors(), r.providers(),
        r.environments(), r.session(), r.snapshot(), r.branding(), pipelineViews, packetViews);
  }

  /** Renders one assessment in one language. */
  private final class Renderer {
    final Assessment a;
    final Lang lang;
    int gatesReady;
    int gatesTotal;
    int percent;

    Renderer(Assessment a, Lang lang) {
      this.a = a;
      this.lang = lang;
    }

    Evaluation.GroupView group(Node node) {
      GroupDef g = node.group;
      int i = node.index;
      List<Evaluation.CheckView> checks = new ArrayList<>(node.children.length);
      for (int child : node.children) {
        checks.add(check(nodes[child]));
      }
      return new Evaluation.GroupView(g.id(), g.gate(), text(g.label()), text(g.description()), g.owner(),
          a.status[i].name(), a.done[i], a.total[i], a.decision[i], g.dependsOn(),
          a.blockedBy[i] < 0 ? null : nodes[a.blockedBy[i]].id, List.copyOf(checks));
    }

    Evaluation.CheckView check(Node node) {
      CheckDef c = node.check;
      int i = node.index;
      boolean hasCount = c.kind() == CheckKind.DERIVED && node.from.length > 0;
      SignOff signOff = switch (c.kind()) {
        case OWNER_ACCEPTANCE -> a.state.signOffs().get(c.id());
        case DECISION -> a.state.decisions().get(c.id());
        default -> null;
      };
      Evaluation.SignOffView signOffView = signOff == null ? null : new Evaluation.SignOffView(signOff.actor(),
          signOff.at(), signOff.evidenceHash(), signOff.value(), a.stale[i]);
      List<Evaluation.OptionView> options = c.options() == null || c.options().isEmpty() ? null
          : c.options().stream().map(o -> new Evaluation.OptionView(o.value(), o.label().in(lang))).toList();
      return new Evaluation.CheckView(c.id(), c.kind().wire(), checkLabel(c), text(c.description()), c.owner(),
          a.status[i].name(), hasCount ? a.done[i] : null, hasCount ? a.total[i] : null, value(node),
          evidence(node, signOff), dependsOnView(node),
          a.blockedBy[i] < 0 ? null : nodes[a.blockedBy[i]].id, signOffView, options, c.pipeline(), c.step(),
          command(node), c.from().isEmpty() ? null : c.from(), c.show());
    }

    /** What the check waits for, declared and implied: the page and the copilot say why it is BLOCKED. */
    List<String> dependsOnView(Node node) {
      List<String> declared = node.check.dependsOn();
      if (node.implied.length == 0) {
        return declared.isEmpty() ? null : declared;
      }
      List<String> all = new ArrayList<>(declared);
      for (int ref : node.implied) {
        all.add(nodes[ref].id);
      }
      return all;
    }

    String value(Node node) {
      CheckDef c = node.check;
      if (c.kind() == CheckKind.DECISION) {
        SignOff decided = a.state.decisions().get(c.id());
        if (decided != null) {
          return optionLabel(c, decided.value());
        }
      }
      if (c.value() != null) {
        return text(c.value());
      }
      if (c.show() != null) {
        return display(c.show());
      }
      if (c.kind() == CheckKind.DERIVED) {
        if (node.from.length > 0) {
          return fromDisplay(node);
        }
        return c.fact() == null ? null : factValue(a.runtime, c.fact(), lang);
      }
      return null;
    }

    String fromDisplay(Node node) {
      boolean allGroups = Arrays.stream(node.from).allMatch(ref -> nodes[ref].group != null);
      if (allGroups && node.from.length > 1) {
        StringBuilder out = new StringBuilder();
        for (int ref : node.from) {
          out.append(out.length() == 0 ? "" : " + ").append(a.done[ref]).append('/').append(a.total[ref]);
        }
        return out.toString();
      }
      return a.done[node.index] + "/" + a.total[node.index];
    }

    String optionLabel(CheckDef c, String value) {
      for (CheckDef.DecisionOption option : c.options()) {
        if (option.value().equals(value)) {
          return option.label().in(lang);
        }
      }
      return value;
    }

    String evidence(Node node, SignOff signOff) {
      CheckDef c = node.check;
      int i = node.index;
      String owner = actorName(signOff != null ? signOff.actor() : c.owner());
      if (signOff != null) {
        if (a.stale[i]) {
          return Texts.fill(Texts.STALE.in(lang), "owner", owner, "at", signOff.at());
        }
        if (a.status[i] == Status.BLOCKED) {
          return Texts.fill(Texts.HELD.in(lang), "owner", owner, "blocker", named(nodes[a.blockedBy[i]]));
        }
        return c.kind() == CheckKind.DECISION
            ? Texts.fill(Texts.DECIDED_BY.in(lang), "value", optionLabel(c, signOff.value()), "owner", owner,
            "at", signOff.at())
            : Texts.fill(Texts.ACCEPTED_BY.in(lang), "owner", owner, "at", signOff.at());
      }
      if (a.status[i] == Status.BLOCKED) {
        return Texts.fill(Texts.BLOCKED_BY.in(lang), "blocker", named(nodes[a.blockedBy[i]]));
      }
      return switch (c.kind()) {
        case OWNER_ACCEPTANCE, DECISION -> a.status[i] == Status.READY ? null
            : Texts.fill(Texts.WAITING_FOR_OWNER.in(lang), "owner", owner);
        case PIPELINE -> {
          PipelineRun.Step step = pipelineStep(a.state, c);
          yield step != null ? step.detail(lang)
              : Texts.fill(Texts.WAITING_FOR_PIPELINE.in(lang), "pipeline", pipelineName(c.pipeline()));
        }
        case DERIVED -> null;
      };
    }

    /** What a blocker is called on the page: its label in the page's language, not its id. */
    String named(Node node) {
      return node.check != null ? checkLabel(node.check) : text(node.group.label());
    }

    /**
     * A check's label; a pipeline check the scenario left untranslated (the same words in English and
     * Polish) is named in Polish by its step ({@link Pipelines#STEP_NAMES}). Its definition, and so its
     * evidence, stays the scenario's.
     */
    String checkLabel(CheckDef c) {
      if (lang == Lang.PL && c.kind() == CheckKind.PIPELINE && c.label().en().equals(c.label().pl())
          && Pipelines.STEP_NAMES.containsKey(c.step())) {
        return Pipelines.STEP_NAMES.get(c.step()).pl();
      }
      return text(c.label());
    }

    String pipelineName(String pipeline) {
      return (switch (pipeline) {
        case Pipelines.CONNECTION -> Texts.PIPELINE_CONNECTION;
        case Pipelines.IDENTITY -> Texts.PIPELINE_IDENTITY;
        default -> Texts.PIPELINE_DRY_RUN;
      }).in(lang);
    }

    String command(Node node) {
      CheckDef c = node.check;
      return switch (c.kind()) {
        case OWNER_ACCEPTANCE -> "POST /api/checks/" + c.id() + "/accept";
        case DECISION -> "POST /api/decisions/" + c.id();
        case PIPELINE -> "POST /api/pipelines/" + c.pipeline();
        case DERIVED -> null;
      };
    }

    Evaluation.Recommendation recommendation() {
      Node root = earliestUnmetRoot(a);
      if (root == null) {
        return new Evaluation.Recommendation(text(Texts.ALL_READY), text(Texts.ALL_READY_REASON), null, null,
            null, null, null);
      }
      CheckDef c = root.check;
      GroupDef g = root.owner.group;
      String label = checkLabel(c);
      boolean actionable = c.kind() != CheckKind.DERIVED;
      String action;
      if (c.action() != null) {
        action = text(c.action());
      } else if (g.action() != null) {
        action = text(g.action());
      } else {
        action = Texts.fill(switch (c.kind()) {
          case OWNER_ACCEPTANCE -> Texts.ACCEPT.in(lang);
          case DECISION -> Texts.DECIDE.in(lang);
          case PIPELINE -> Texts.RUN.in(lang);
          case DERIVED -> Texts.UNACTIONABLE.in(lang);
        }, "label", label, "pipeline", c.pipeline() == null ? "" : pipelineName(c.pipeline()),
            "description", text(c.description()));
      }
      // (a check's description alone, "The issuer's discovery document is fetched over TLS.", read as done already)
      String reason = g.reason() != null ? text(g.reason()) : c.description() == null ? null
          : Texts.fill(Texts.NEXT_REASON.in(lang), "gate", text(g.label()), "description", text(c.description()));
      return new Evaluation.Recommendation(action, reason, c.id(), g.id(), actionable ? c.owner() : null,
          actionable ? actorName(c.owner()) : null, command(root));
    }

    Evaluation.SectionView section(SectionDef s) {
      List<Evaluation.CardView> cards = s.cards() == null || s.cards().isEmpty() ? null
          : s.cards().stream().map(this::card).toList();
      return new Evaluation.SectionView(s.id(), s.kind(), text(s.eyebrow()), text(s.title()), text(s.description()),
          text(s.badge()), s.groups().isEmpty() ? null : s.groups(), s.packets().isEmpty() ? null : s.packets(),
          cards);
    }

    Evaluation.CardView card(SectionDef.CardDef card) {
      String value = card.value() != null ? text(card.value()) : card.show() != null ? display(card.show()) : null;
      Node ref = card.show() == null ? null : byId.get(card.show());
      List<Evaluation.LineView> lines = card.lines().isEmpty() ? null : card.lines().stream().map(line -> {
        String filled = text(line.value());
        return new Evaluation.LineView(text(line.label()),
            filled.isBlank() && line.otherwise() != null ? text(line.otherwise()) : filled);
      }).toList();
      return new Evaluation.CardView(card.id(), text(card.label()), value, text(card.description()),
          ref == null ? null : a.status[ref.index].name(), card.show(), text(card.subtitle()), text(card.evidence()),
          text(card.badge()), lines);
    }

    List<Evaluation.ActorView> actors() {
      return scenario.actors().stream().map(actor -> new Evaluation.ActorView(actor.id(), actor.name(),
          actor.roleKey(), actor.role().in(lang), actor.orgUnit(), actor.permissions(),
          actor.permissions().size())).toList();
    }

    List<Evaluation.ProviderView> providers() {
      return scenario.providers().stream().map(p -> new Evaluation.ProviderView(p.id(), p.label().in(lang),
          text(p.description()), p.currentMode(), p.targetMode(), p.contract(), p.owner(),
          contractComplete(p) ? Status.READY.name() : Status.REVIEW.name(), contractChecks.get(p.id()))).toList();
    }

    Evaluation.BrandingView branding() {
      Branding b = scenario.branding();
      return new Evaluation.BrandingView(b.product() == null ? null : b.product().in(lang), b.snapshotSchema(),
          b.checksumPrefix());
    }

    List<Evaluation.EnvironmentView> environments() {
      return scenario.environments().stream().map((Environment e) -> new Evaluation.EnvironmentView(e.id(),
          e.label().in(lang), text(e.description()), e.adapter(), e.state())).toList();
    }

    Evaluation.SessionView session() {
      String lastWrite = lastWrite();
      return new Evaluation.SessionView(scenario.target().contract(), a.runtime.storage(), a.runtime.auth(),
          scenario.tenant().mode(), scenario.tenant().session(), a.state.lastWriteAt(), a.state.lastWriteBy(),
          lastWrite);
    }

    Evaluation.SnapshotView snapshot() {
      var snap = scenario.snapshot();
      List<Evaluation.BatchView> batches = new ArrayList<>();
      for (DataModel.BatchGroup batch : scenario.dataModel().batches()) {
        batches.add(new Evaluation.BatchView(batch.id(), batch.label().in(lang), snap.rowsIn(batch.id())));
      }
      return new Evaluation.SnapshotView(snap.schema(), snap.totalRows(), snap.checksum(), snap.checksumShort(),
          batches);
    }

    /** When the session was last written and by whom, or that it was not written yet. */
    String lastWrite() {
      return a.state.lastWriteAt() == null ? Texts.NOT_WRITTEN.in(lang)
          : a.state.lastWriteAt() + " (" + actorName(a.state.lastWriteBy()) + ")";
    }

    String actorName(String id) {
      Actor actor = scenario.actor(id);
      return actor == null ? id : actor.name();
    }

    /** What {@code {ref}} shows: a group's or counted check's x/y, else a check's value. */
    String display(String ref) {
      Node node = byId.get(ref);
      if (node == null) {
        return builtin(ref);
      }
      int i = node.index;
      if (node.group != null) {
        return node.children.length == 0 ? a.decision[i] : a.done[i] + "/" + a.total[i];
      }
      if (node.check.kind() == CheckKind.DERIVED && node.from.length > 0) {
        return fromDisplay(node);
      }
      String value = value(node);
      return value != null ? value : a.status[i].name();
    }

    String field(String ref, String field) {
      Node node = byId.get(ref);
      if (node == null) {
        return builtin(ref + "." + field);
      }
      int i = node.index;
      return switch (field) {
        case Template.Fields.DECISION -> node.group != null ? a.decision[i] : a.decision[node.owner.index];
        case Template.Fields.STATUS -> a.status[i].name();
        case Template.Fields.STATE -> a.status[i].name().toLowerCase(java.util.Locale.ROOT);
        case Template.Fields.DONE -> String.valueOf(a.done[i]);
        case Template.Fields.TOTAL -> String.valueOf(a.total[i]);
        // a check without a value of its own shows what display() would ("null" was printed once)
        default -> {
          String value = node.check != null ? value(node) : null;
          yield value != null ? value : display(ref);
        }
      };
    }

    String builtin(String name) {
      return switch (name) {
        case "target" -> scenario.target().adapter();
        case "target.contract" -> scenario.target().contract();
        case "target.rollback" -> scenario.target().rollbackAdapter();
        case "target.rollbackOwner" -> actorName(scenario.target().rollbackOwner());
        case "target.rollbackOwner.id" -> scenario.target().rollbackOwner();
        case "environment.active" -> activeEnvironment();
        case "tenant" -> scenario.tenant().name();
        case "tenant.mode" -> scenario.tenant().mode();
        case "tenant.session" -> scenario.tenant().session();
        case "snapshot.checksum" -> scenario.snapshot().checksumShort();
        case "snapshot.rows" -> String.valueOf(scenario.snapshot().totalRows());
        case "storage" -> a.runtime.storage();
        case "auth" -> a.runtime.auth();
        case "gates" -> gatesReady + "/" + gatesTotal;
        case "percent" -> percent + "%";
        case "actors" -> String.valueOf(scenario.actors().size());
        case "providers" -> String.valueOf(scenario.providers().size());
        case "production" -> a.productionDecision();
        case "go" -> a.productionGo() ? "GO" : "NO-GO";
        case "traffic" -> a.productionGo() ? "production_traffic_enabled" : "production_traffic_disabled";
        // when and by whom, as the session says it ("Last write" with a time alone left the reader asking who)
        case "lastWrite" -> lastWrite();
        case "run.connection" -> runState(Pipelines.CONNECTION);
        case "run.dry-run" -> runState(Pipelines.DRY_RUN);
        case "run.identity" -> runState(Pipelines.IDENTITY);
        case "endpoint.redacted" -> connectionEvidence("endpoint");
        case "endpoint.fingerprint" -> connectionEvidence("sha256");
        default -> "{" + name + "}";
      };
    }

    /** How the last run of {@code pipeline} went, in words: "not run" when there is none. */
    String runState(String pipeline) {
      PipelineRun run = a.state.pipelines().get(pipeline);
      return (run == null ? Texts.RUN_NONE : switch (run.status()) {
        case PipelineRun.PASSED -> Texts.RUN_PASSED;
        case PipelineRun.FAILED -> Texts.RUN_FAILED;
        case PipelineRun.ERRORED -> Texts.RUN_ERRORED;
        default -> Texts.RUN_RUNNING;
      }).in(lang);
    }

    /** What the last connection check recorded under {@code key} in any step's evidence; empty before one. */
    String connectionEvidence(String key) {
      PipelineRun run = a.state.pipelines().get(Pipelines.CONNECTION);
      if (run == null) {
        return "";
      }
      return run.steps().stream().map(step -> step.evidence().get(key)).filter(java.util.Objects::nonNull)
          .map(String::valueOf).findFirst().orElse("");
    }

    String text(Label label) {
      if (label == null) {
        return null;
      }
      String raw = label.in(lang);
      Template template = templates.get(raw);
      if (template == null) {
        return raw;
      }
      StringBuilder out = new StringBuilder(raw.length() + 16);
      for (Template.Part part : template.parts()) {
        if (part.literal()) {
          out.append(part.text());
        } else if (part.field() == null) {
          out.append(display(part.ref()));
        } else {
          out.append(field(part.ref(), part.field()));
        }
      }
      return out.toString();
    }
  }

  /**
   * Fills the placeholders of {@code template} (a packet's env value, in no particular language) from
   * {@code a}, the way labels are filled, except that a decision is the value of the option chosen, which
   * a script can compare, not its label, and nothing while none is recorded (not the page's placeholder).
   */
  public String envValue(Assessment a, Lang lang, String template) {
    if (!Template.hasPlaceholders(template)) {
      return template;
    }
    Renderer r = new Renderer(a, lang);
    StringBuilder out = new StringBuilder(template.length() + 16);
    for (Template.Part part : Template.parse(template).parts()) {
      Node node = part.literal() ? null : byId.get(part.ref());
      boolean decisionValue = node != null && node.check != null && node.check.kind() == CheckKind.DECISION
          && (part.field() == null || Template.Fields.VALUE.equals(part.field()));
      if (part.literal()) {
        out.append(part.text());
      } else if (decisionValue) {
        SignOff decided = a.state.decisions().get(node.id);
        out.append(decided == null ? "" : decided.value());
      } else if (part.field() == null) {
        out.append(r.display(part.ref()));
      } else {
        out.append(r.field(part.ref(), part.field()));
      }
    }
    return out.toString();
  }

  private String activeEnvironment() {
    return scenario.environments().stream().filter(e -> "active".equals(e.state())).map(Environment::id)
        .findFirst().orElse(scenario.environments().isEmpty() ? "" : scenario.environments().get(0).id());
  }

  /** Builtin names a template may use besides check and group ids. */
  public static final List<String> BUILTINS = List.of("target", "target.contract", "target.rollback",
      "target.rollbackOwner", "target.rollbackOwner.id", "environment.active", "tenant", "tenant.mode", "tenant.session", "snapshot.checksum", "snapshot.rows",
      "storage", "auth", "gates", "percent", "actors", "providers", "production", "go", "traffic", "lastWrite",
      "run.connection", "run.dry-run", "run.identity", "endpoint.redacted", "endpoint.fingerprint");

  private void collectTemplates() {
    List<Label> labels = new ArrayList<>(List.of(Texts.HEADLINE, Texts.ALL_READY_REASON));
    List<GroupDef> groups = new ArrayList<>(scenario.groups());
    groups.add(scenario.production());
    for (GroupDef g : groups) {
      labels.addAll(Arrays.asList(g.label(), g.title(), g.description(), g.action(), g.reason()));
      for (CheckDef c : g.checks()) {
        labels.addAll(Arrays.asList(c.label(), c.description(), c.value()));
      }
    }
    for (SectionDef s : scenario.sections()) {
      labels.addAll(Arrays.asList(s.eyebrow(), s.title(), s.description(), s.badge()));
      for (SectionDef.CardDef card : s.cards()) {
        labels.addAll(Arrays.asList(card.label(), card.value(), card.description(), card.subtitle(), card.evidence(),
            card.badge()));
        for (SectionDef.Line line : card.lines()) {
          labels.addAll(Arrays.asList(line.label(), line.value(), line.otherwise()));
        }
      }
    }
    for (Provider p : scenario.providers()) {
      labels.add(p.description());
    }
    for (Environment e : scenario.environments()) {
      labels.add(e.description());
    }
    for (Label label : labels) {
      if (label == null) {
        continue;
      }
      for (String raw : List.of(label.en(), label.pl())) {
        if (Template.hasPlaceholders(raw)) {
          templates.put(raw, Template.parse(raw));
        }
      }
    }
  }

  private int[] indexes(List<String> ids) {
    if (ids == null || ids.isEmpty()) {
      return new int[0];
    }
    int[] out = new int[ids.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = byId.get(ids.get(k)).index;
    }
    return out;
  }

  /** Dependencies (dependsOn, from, a group's checks) before dependents; the loader has rejected cycles. */
  private List<Node> topologicalOrder(List<Node> all) {
    List<Node> out = new ArrayList<>(all.size());
    Map<String, Boolean> placed = new HashMap<>();
    for (Node node : all) {
      place(node, placed, out);
    }
    return out;
  }

  private void place(Node node, Map<String, Boolean> placed, List<Node> out) {
    if (placed.containsKey(node.id)) {
      return;
    }
    placed.put(node.id, Boolean.FALSE);
    for (String ref : references(node)) {
      place(byId.get(ref), placed, out);
    }
    placed.put(node.id, Boolean.TRUE);
    out.add(node);
  }

  private List<String> references(Node node) {
    List<String> refs = new ArrayList<>();
    if (node.check != null) {
      refs.addAll(node.check.dependsOn());
      refs.addAll(scenario.impliedDependsOn(node.check));
      refs.addAll(node.check.from());
    } else {
      refs.addAll(node.group.dependsOn());
      node.group.checks().forEach(c -> refs.add(c.id()));
    }
    return refs;
  }
}
