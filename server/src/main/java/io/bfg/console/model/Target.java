package io.bfg.console.model;

/**
 * The adapter selected for the cutover and the path back: {@code contract} is the store contract
 * the application speaks, {@code rollbackAdapter} what it falls back to, owned by {@code rollbackOwner}.
 */
public record Target(String adapter, String contract, String environment, String rollbackAdapter, String rollbackOwner) {
}
