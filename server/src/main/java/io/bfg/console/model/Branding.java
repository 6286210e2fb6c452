package io.bfg.console.model;

/**
 * How a scenario names itself where the console would otherwise name one company: the product
 * name on the dashboard, the schema id of its snapshot payload and the prefix of short checksums
 * (e.g. {@code acme-2f5bb8c7}).
 */
public record Branding(Label product, String snapshotSchema, String checksumPrefix) {

  public static final String DEFAULT_SNAPSHOT_SCHEMA = "ScenarioSnapshot.v1";
  public static final String DEFAULT_CHECKSUM_PREFIX = "sha";
}
