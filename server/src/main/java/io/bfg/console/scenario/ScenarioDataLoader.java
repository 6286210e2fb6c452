package io.bfg.console.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.bfg.console.model.Actor;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.SnapshotSummary;
import io.bfg.console.model.Tenant;
import io.bfg.console.snapshot.DataModelException;
import io.bfg.console.snapshot.DataModelReader;
import io.bfg.console.snapshot.SampleData;
import io.bfg.console.snapshot.SampleDataFile;
import io.bfg.console.snapshot.Snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Loads the data model and the sample data beside scenario.yaml and summarises the snapshot they make. */
final class ScenarioDataLoader {

  static final String DATA_MODEL_FILE = "data-model.yaml";

  /** The data model and the BFGScenarioSnapshot.v1 assembled from actors and sample data. */
  record Data(DataModel dataModel, Snapshot snapshot, SnapshotSummary summary) {
  }

  private ScenarioDataLoader() {
  }

  /** Null (with problems recorded) when either file is missing or invalid. */
  static Data load(Path folder, Tenant tenant, List<Actor> actors, List<ScenarioException.Problem> problems) {
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
    try {
      SampleData sample = Files.exists(sampleFile) ? SampleDataFile.read(sampleFile, model)
          : new SampleData(tenant.id(), java.util.Map.of());
      Snapshot snapshot = Snapshot.assemble(model, tenant.id(), tenant.name(), actors, sample);
      return new Data(model, snapshot, snapshot.summary(model));
    } catch (DataModelException e) {
      problems.add(new ScenarioException.Problem(sampleFile.toString(), e.path(), e.problem()));
    } catch (UncheckedIOException e) {
      problems.add(new ScenarioException.Problem(sampleFile.toString(), "", "cannot be read: " + e.getCause().getMessage()));
    }
    return null;
  }
}
