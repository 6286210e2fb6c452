package io.bfg.console.snapshot;

/**
 * A data model or a sample-data file that breaks a rule. {@code path} points at the offending
 * value the way a reader would look for it: {@code tables[3].columns[2].type} in the data model,
 * {@code orders[12].pallets} in sample data.
 */
public final class DataModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String path;
  private final String problem;

  public DataModelException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
    this.problem = problem;
  }

  public String path() {
    return path;
  }

  public String problem() {
    return problem;
  }
}
