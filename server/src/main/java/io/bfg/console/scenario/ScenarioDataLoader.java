package io.bfg.console.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.bfg.console.model.Actor;
import io.bfg.console.model.Branding;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.SnapshotSummary;
import io.bfg.console.model.Tenant;
import io.bfg.console.snapshot.DataModelException;
import io.bfg.console.snapshot.DataModelReader;
import io.bfg.console.snapshot.SampleData;
import io.bfg.console.snapshot.SampleDataFile;
import io.bfg.console.snapshot.Snapshot;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads the data model and the sample data beside scenario.yaml and summarises the snapshot they make. */
final class ScenarioDataLoader {

  static final String DATA_MODEL_FILE = "data-model.yaml";

  /** The data model and the snapshot assembled from the tenant, the actors and the sample data. */
  record Data(DataModel dataModel, Snapshot snapshot, SnapshotSummary summary) {
  }

  private ScenarioDataLoader() {
  }

  /**
   * Null (with problems recorded, each naming its file and path) when either file is invalid or the
   * data model's scenario rows do not fit the tenant and actors; a missing sample-data.json is an
   * empty one. {@code branding} names the snapshot (schema id, short-checksum prefix).
   */
  static Data load(Path folder, Tenant tenant, List<Actor> actors, Branding branding,
                   List<ScenarioException.Problem> problems) {
    Path modelFile = folder.resolve(DATA_MODEL_FILE);
    DataModel model;
    try {
      JsonNode tree = ScenarioLoader.parse(modelFile, problems);
      if (tree == null) {
        return null;
      }
      model = DataModelReader.fromTree(tree);
    } catch (DataModelException e) {
      problems.add(new ScenarioException.Problem(modelFile.toString(), e.path(), e.problem()));
      return null;
    }
    Path sampleFile = folder.resolve(SampleDataFile.FILE_NAME);
    SampleData sample;
    try {
      sample = Files.exists(sampleFile) ? SampleDataFile.read(sampleFile, model) : new SampleData(tenant.id(), Map.of());
    } catch (DataModelException e) {
      problems.add(new ScenarioException.Problem(sampleFile.toString(), e.path(), e.problem()));
      return null;
    } catch (UncheckedIOException e) {
      problems.add(new ScenarioException.Problem(sampleFile.toString(), "", "cannot be read: " + e.getCause().getMessage()));
      return null;
    }
    try {
      Snapshot snapshot = Snapshot.assemble(model, branding, tenant, actors, sample);
      return new Data(model, snapshot, snapshot.summary(model));
    } catch (DataModelException e) {
      // the rows the data model makes from the tenant and actors are checked here; the sample's were checked on reading
      boolean tenantMismatch = e.path().equals("tenantId");
      problems.add(new ScenarioException.Problem((tenantMismatch ? sampleFile : modelFile).toString(), e.path(),
          e.problem()));
    }
    return null;
  }
}
