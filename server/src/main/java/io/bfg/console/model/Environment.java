package io.bfg.console.model;

/** A step of the rollout plan (local demo, staging, production) and the adapter it runs. */
public record Environment(String id, Label label, Label description, String adapter, String state) {
}
