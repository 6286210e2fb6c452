package io.bfg.console.model;

/** The tenant whose application is cut over; {@code mode} is how it runs today (e.g. single-tenant-local). */
public record Tenant(String id, String name, String mode, String session) {
}
