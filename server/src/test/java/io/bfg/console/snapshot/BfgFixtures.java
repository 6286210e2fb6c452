package io.bfg.console.snapshot;

import io.bfg.console.model.Actor;
import io.bfg.console.model.Branding;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.Label;
import io.bfg.console.model.Tenant;

import java.nio.file.Path;
import java.util.List;

/** The flagship scenario's data files, tenant, five actors and branding, shared by the snapshot and runbook tests. */
public final class BfgFixtures {

  public static final Path SCENARIO = Path.of("scenarios", "bfg-flowcontrol");
  public static final Path DATA_MODEL = SCENARIO.resolve("data-model.yaml");
  public static final Path SAMPLE_DATA = SCENARIO.resolve(SampleDataFile.FILE_NAME);
  public static final Tenant TENANT = new Tenant("bfg-control", "BFG Control", "single-tenant-local", "grant-demo-local");
  public static final String TENANT_ID = TENANT.id();
  public static final String TENANT_NAME = TENANT.name();
  /** What scenario.yaml's branding names BFG's snapshot (kept as the snapshot was named before scenarios named it). */
  public static final Branding BRANDING = new Branding(new Label("BFG Control", "BFG Control"), "BFGScenarioSnapshot.v1",
      "bfg");

  public static final List<Actor> ACTORS = List.of(
      new Actor("user_md_anna", "Anna Kowalska", "managing_director", new Label("Managing Director", "Dyrektor"),
          "BFG Control", List.of("scenario.read", "checks.accept", "decisions.record", "pipelines.run", "release.approve")),
      new Actor("user_dispatcher_marek", "Marek Zielinski", "dispatcher", new Label("Dispatcher", "Dyspozytor"),
          "Dispatch desk", List.of("scenario.read", "checks.accept", "pipelines.run", "dispatch.write")),
      new Actor("user_accountant_olena", "Olena Shevchenko", "accountant", new Label("Accountant", "Księgowość"),
          "Finance", List.of("scenario.read", "checks.accept", "finance.write", "ksef.submit")),
      new Actor("driver_tarasenko", "Petro Tarasenko", "driver", new Label("Driver", "Kierowca"),
          "BFG Driver", List.of("scenario.read", "trips.read", "driver_events.write")),
      new Actor("cp_client_lviv_farma", "Lviv Farma Distribution", "client", new Label("Client", "Klient"),
          "Client Portal", List.of("scenario.read", "orders.create", "documents.read")));

  private BfgFixtures() {
  }

  public static DataModel model() {
    return DataModelReader.read(DATA_MODEL);
  }

  public static SampleData generated(long seed) {
    return generated(40, seed);
  }

  public static SampleData generated(int rows, long seed) {
    return new SampleData(TENANT_ID, SampleDataGenerator.generate(model(), TENANT, ACTORS, rows, seed));
  }

  public static Snapshot shippedSnapshot() {
    DataModel model = model();
    return Snapshot.assemble(model, BRANDING, TENANT, ACTORS, SampleDataFile.read(SAMPLE_DATA, model));
  }
}
