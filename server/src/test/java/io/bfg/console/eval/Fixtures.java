package io.bfg.console.eval;

import io.bfg.console.model.Runtime;
import io.bfg.console.scenario.ScenarioLoader;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the scenarios under test live, and the runtime of the local demo. */
final class Fixtures {

  /** The console as the seed shows it: file-local store, mock auth header, no live credentials. */
  static final Runtime LOCAL_DEMO = new Runtime("file-local", "mock-auth-header", false);
  /** The same console once reviewed production credentials have been supplied. */
  static final Runtime LIVE_CREDENTIALS = new Runtime("file-local", "mock-auth-header", true);

  /** Surefire runs from the project root (see server/pom.xml), where scenarios/ lives. */
  static final Path BFG = Path.of("scenarios", "bfg-flowcontrol");

  private Fixtures() {
  }

  static Path bfgFolder() {
    if (!Files.isRegularFile(BFG.resolve("scenario.yaml"))) {
      throw new IllegalStateException("the BFG scenario is not at " + BFG.toAbsolutePath()
          + "; run the tests from the project root (mvn -pl server test sets this up)");
    }
    return BFG;
  }

  static Evaluator bfg() {
    return new Evaluator(ScenarioLoader.load(bfgFolder()).scenario());
  }

  /** A fixture folder under src/test/resources/scenarios. */
  static Path fixture(String name) {
    URL url = Fixtures.class.getResource("/scenarios/" + name + "/scenario.yaml");
    if (url == null) {
      throw new IllegalStateException("no test fixture scenarios/" + name + " on the test class path");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Evaluator load(String fixture) {
    return new Evaluator(ScenarioLoader.load(fixture(fixture)).scenario());
  }
}
