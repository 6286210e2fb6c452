package io.bfg.console.service;

import io.bfg.console.store.PgScenarioStore;
import io.bfg.console.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Keeps one console level with the others on a shared store. It only says when to read: a change
 * notice (LISTEN), a reopened notice connection, and a check every {@link #CHECK_EVERY_MS} as the
 * backstop for notices missed, coalesced or lost with a dropped connection, and for a store that
 * was away. Reading and applying is {@link ReadinessService#catchUp}'s, the same path commands take.
 * It also tells the feed ({@link Addresses#STORE_STATUS}) when the store stops answering and when
 * it answers again, since the periodic check is what notices both without a command.
 */
public final class JournalFollower {

  /** The backstop's period: no console stays behind another longer than this plus one read. */
  public static final long CHECK_EVERY_MS = 1_000;
  private static final System.Logger LOG = System.getLogger(JournalFollower.class.getName());

  private final Vertx vertx;
  private final PgScenarioStore store;
  private final ReadinessService service;
  private volatile PgScenarioStore.Listening listening;
  private volatile long timer = -1;
  private volatile boolean failing;

  public JournalFollower(Vertx vertx, PgScenarioStore store, ReadinessService service) {
    this.vertx = vertx;
    this.store = store;
    this.service = service;
  }

  /** Starts listening and checking; completes once the first LISTEN is in place. */
  public Future<Void> start() {
    timer = vertx.setPeriodic(CHECK_EVERY_MS, id -> catchUp());
    return store.listen(notice -> {
      if (notice.reconnected() || notice.seq() > service.state().seq()) {
        catchUp();
      }
    }).map(running -> {
      listening = running;
      // anything appended between the load and the LISTEN
      catchUp();
      return null;
    });
  }

  private void catchUp() {
    service.catchUp().onComplete(result -> {
      if (result.failed() && !failing && unavailable(result.cause())) {
        failing = true;
        LOG.log(System.Logger.Level.WARNING, "cannot read the shared store, commands are refused until it answers: "
            + result.cause().getMessage());
        publish(new JsonObject().put("type", "store").put("status", "UNAVAILABLE")
            .put("problem", result.cause().getMessage()));
      } else if (result.succeeded() && failing) {
        failing = false;
        LOG.log(System.Logger.Level.INFO, "the shared store answers again; caught up to seq " + service.state().seq());
        publish(new JsonObject().put("type", "store").put("status", "UP"));
      }
    });
  }

  private static boolean unavailable(Throwable failure) {
    return failure instanceof StoreException store && StoreException.STORE_UNAVAILABLE.equals(store.code());
  }

  private void publish(JsonObject message) {
    vertx.eventBus().publish(Addresses.STORE_STATUS, Buffer.buffer(message.encode()));
  }

  public Future<Void> stop() {
    vertx.cancelTimer(timer);
    PgScenarioStore.Listening running = listening;
    return running == null ? Future.succeededFuture() : running.close();
  }
}
