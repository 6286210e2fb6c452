package io.bfg.console.auth;

import io.bfg.console.model.Actor;

import java.time.Instant;

/**
 * Who made a request and how the console knows it. subject/issuer null in mock mode; expiresAt null = no expiry;
 * session is the browser session's id when signed in by one (its sign-out ends what it opened), else null.
 */
public record Identity(Actor actor, String subject, String issuer, Instant expiresAt, Via via, String session) {

  /** How the request proved who sent it. */
  public enum Via { MOCK_HEADER, BEARER, SESSION }
}
