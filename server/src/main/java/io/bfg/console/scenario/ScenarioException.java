package io.bfg.console.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario that cannot be used, with every problem found, each naming its file and path. */
public final class ScenarioException extends RuntimeException {

  /** {@code path} is a JSON-path-like location inside {@code file}, e.g. {@code groups[2].checks[0].owner}. */
  public record Problem(String file, String path, String message) {
    @Override
    public String toString() {
      return file + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + message;
    }
  }

  private final List<Problem> problems;

  public ScenarioException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
