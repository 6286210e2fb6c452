package io.bfg.console.auth;

import io.bfg.console.model.Actor;

/** Maps a token's actor-claim value to the scenario's actor: its id or one of its `identities`; null when none. */
@FunctionalInterface
public interface ActorDirectory {

  Actor actorFor(String claimValue);
}
