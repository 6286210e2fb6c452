package io.bfg.console.model;

/**
 * One of the console's pipelines ({@code id}, a key of {@link Pipelines#STEPS}) that a scenario
 * runs, and the group whose pipeline checks its steps prove. A scenario lists them in run order;
 * a pipeline it does not list does not exist for it.
 */
public record PipelineBinding(String id, String proves) {
}
