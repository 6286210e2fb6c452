package io.bfg.console.bench;

import io.bfg.console.eval.Evaluation;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.CheckKind;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Lang;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;
import io.bfg.console.scenario.ScenarioLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How long one {@code evaluate()} takes: the BFG scenario (fresh, and after 20 pipeline runs,
 * sign-offs and decisions) in microseconds, and a generated 1,000-check scenario in milliseconds.
 * Targets: BFG median well under 100 us, 1,000 checks under 10 ms. Run with bench/run-eval.sh.
 */
@BenchmarkMode(Mode.SampleTime)
public class EvaluationBenchmark {

  static final Runtime RUNTIME = new Runtime("file-local", "mock-auth-header", false);

  /** The flagship scenario, read from {@code -Dbench.scenario} (default: scenarios/bfg-flowcontrol under the working directory). */
  @State(Scope.Benchmark)
  public static class Bfg {
    Evaluator evaluator;
    SessionState fresh;
    SessionState signedOff;

    @Setup(Level.Trial)
    public void load() {
      Path folder = Path.of(System.getProperty("bench.scenario", "scenarios/bfg-flowcontrol"));
      evaluator = new Evaluator(ScenarioLoader.load(folder).scenario());
      fresh = SessionState.empty();
      String anna = "user_md_anna";
      Journal journal = new Journal(evaluator, RUNTIME)
          .passed(Pipelines.CONNECTION, "run-c1").passed(Pipelines.DRY_RUN, "run-d1")
          .accept("cutover.contracts-frozen", anna).accept("cutover.role-headers", "user_dispatcher_marek")
          .accept("cutover.store-rehearsal", "user_dispatcher_marek")
          .accept("cutover.database-schema", "user_accountant_olena")
          .accept("cutover.secrets-auth", "user_accountant_olena").accept("cutover.migration-rollback", anna)
          .decide("infra.hosting", anna, "managed-postgres-eu").decide("infra.region", anna, "eu-central-pl")
          .decide("infra.runtime-owner", anna, "bfg-internal-ops")
          .decide("infra.secrets-backup", anna, "managed-kms-rpo-15m");
      Stream.of("rollback.freeze-window", "rollback.owner-acknowledgement", "rollback.storage-fallback",
          "rollback.audit-packet", "selection.live-provider", "selection.auth-owner", "selection.tenant-secrets",
          "selection.live-wiring").forEach(id -> journal.accept(id, anna));
      signedOff = journal.state();
      Evaluation check = evaluator.evaluate(RUNTIME, signedOff, Lang.EN);
      if (signedOff.signOffs().size() + signedOff.decisions().size() != 18 || check.summary().gatesReady() != 9) {
        throw new IllegalStateException("the signed-off BFG state is not what the benchmark means to measure: "
            + check.summary());
      }
    }
  }

  /** A generated scenario of 100 groups x 10 checks, written to a temporary folder and loaded like any other. */
  @State(Scope.Benchmark)
  public static class Generated {
    Path folder;
    Evaluator evaluator;
    SessionState fresh;
    SessionState signedOff;

    @Setup(Level.Trial)
    public void load() throws IOException {
      folder = GeneratedScenario.write(Files.createTempDirectory("bfg-generated-"), 100, 10);
      Scenario scenario = ScenarioLoader.load(folder).scenario();
      evaluator = new Evaluator(scenario);
      fresh = SessionState.empty();
      Journal journal = new Journal(evaluator, RUNTIME).passed(Pipelines.CONNECTION, "run-c1")
          .passed(Pipelines.DRY_RUN, "run-d1");
      for (GroupDef group : scenario.groups()) {
        for (CheckDef check : group.checks()) {
          if (check.kind() == CheckKind.OWNER_ACCEPTANCE) {
            journal.accept(check.id(), check.owner());
          } else if (check.kind() == CheckKind.DECISION) {
            journal.decide(check.id(), check.owner(), check.options().get(0).value());
          }
        }
      }
      signedOff = journal.state();
      int checks = scenario.groups().stream().mapToInt(g -> g.checks().size()).sum();
      Evaluation check = evaluator.evaluate(RUNTIME, signedOff, Lang.EN);
      if (checks != 1000 || !check.summary().go()) {
        throw new IllegalStateException("the generated scenario should have 1000 checks and go when signed off: "
            + checks + " " + check.summary());
      }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Evaluation bfgFresh(Bfg bfg) {
    return bfg.evaluator.evaluate(RUNTIME, bfg.fresh, Lang.EN);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Evaluation bfgSignedOff(Bfg bfg) {
    return bfg.evaluator.evaluate(RUNTIME, bfg.signedOff, Lang.EN);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Evaluation bfgSignedOffPolish(Bfg bfg) {
    return bfg.evaluator.evaluate(RUNTIME, bfg.signedOff, Lang.PL);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Evaluation generatedFresh(Generated generated) {
    return generated.evaluator.evaluate(RUNTIME, generated.fresh, Lang.EN);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Evaluation generatedSignedOff(Generated generated) {
    return generated.evaluator.evaluate(RUNTIME, generated.signedOff, Lang.EN);
  }

  /** Not a benchmark: lists the generated scenario's size for a quick look without JMH. */
  public static void main(String[] args) throws IOException {
    Generated generated = new Generated();
    generated.load();
    List<GroupDef> groups = generated.evaluator.scenario().groups();
    System.out.println(groups.size() + " groups, " + groups.stream().mapToInt(g -> g.checks().size()).sum()
        + " checks in " + generated.folder);
    generated.delete();
  }
}
