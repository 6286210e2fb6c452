package io.bfg.console.model;

/**
 * What the running console contributes to the evaluation: the store adapter and auth mode it runs
 * with, and whether live production credentials were supplied (never in the local demo).
 */
public record Runtime(String storage, String auth, boolean liveCredentials) {
}
