package io.bfg.console.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.PipelineRun;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgNotification;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link PipelineClaims} on the shared store (tables in {@link PgStoreSchema} version 2).
 *
 * <p>One run per pipeline: a run is a row of {@code console.pipeline_runs} with status RUNNING, and a
 * partial unique index lets one such row exist per (scenario, pipeline), so of two consoles starting
 * the same pipeline the database admits one; the other reads the holder and answers with its run id
 * and instance. The running console renews the row's {@code heartbeat_at} every
 * {@link #HEARTBEAT_MS} (and with every progress message); a row not renewed for {@link #LEASE_MS}
 * (database time, so the consoles' clocks do not matter) belongs to a console that died or lost the
 * store, and the next claim marks it ABANDONED and takes the pipeline. So a dead console blocks its
 * pipeline for at most {@link #LEASE_MS} after its last renewal. A console that lost the store that
 * long could not record its run either: the run ends ERRORED, unrecorded.
 *
 * <p>Progress: each message is a row of {@code console.pipeline_progress} numbered per run, written
 * with the run's transcript and a notice on {@link #CHANNEL} ({@code {scenario, run, n}}) in one
 * transaction, one message after the other. Other consoles read the rows after the last they relayed
 * on a notice and every {@link #CHECK_EVERY_MS} (a notice is a hint: a missed one, or a dropped
 * listener, is caught up by reading), so each run's messages reach them in order, whatever their
 * size (a NOTIFY payload holds 8000 bytes; a dry-run's last message may not fit).
 */
public final class PgPipelineClaims implements PipelineClaims {

  /** The channel progress notices go out on. */
  public static final String CHANNEL = "console_pipeline";
  /** The listener's application_name, as pg_stat_activity shows it. */
  public static final String LISTENER_NAME = "integration-console pipeline listener";
  /** A running run whose console has not renewed it for this long is abandoned; its pipeline is free. */
  public static final long LEASE_MS = 15_000;
  static final long HEARTBEAT_MS = LEASE_MS / 3;
  static final long CHECK_EVERY_MS = 1_000;
  static final String ABANDONED = "ABANDONED";

  private static final System.Logger LOG = System.getLogger(PgPipelineClaims.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final String SWEEP = "update console.pipeline_runs set status = '" + ABANDONED
      + "', finished_at = now() where scenario_id = $1 and pipeline = $2 and status = 'RUNNING' "
      + "and heartbeat_at < now() - make_interval(secs => $3::double precision / 1000)";
  private static final String CLAIM = "insert into console.pipeline_runs (scenario_id, run_id, pipeline, instance, "
      + "status, transcript) values ($1, $2, $3, $4, 'RUNNING', $5) on conflict do nothing returning run_id";
  private static final String SELECT = "select run_id, instance, status, transcript, status = 'RUNNING' and "
      + "heartbeat_at < now() - make_interval(secs => $2::double precision / 1000) as expired "
      + "from console.pipeline_runs where scenario_id = $1 ";
  private static final String CLEAR_OLD = "delete from console.pipeline_progress p using console.pipeline_runs r "
      + "where p.scenario_id = $1 and r.scenario_id = $1 and r.run_id = p.run_id and r.status <> 'RUNNING' "
      + "and r.finished_at < now() - interval '10 minutes'";
  private static final String PROGRESS = """
      with bumped as (
        update console.pipeline_runs set progress_n = progress_n + 1, heartbeat_at = now(), transcript = $4
        where scenario_id = $1 and run_id = $2 returning progress_n),
      added as (
        insert into console.pipeline_progress (scenario_id, run_id, n, message)
        select $1, $2, progress_n, $3 from bumped returning n)
      select pg_notify('""" + CHANNEL + "', json_build_object('scenario', $1::text, 'run', $2::text, 'n', n)::text) "
      + "from added";
  private static final String HEARTBEAT = "update console.pipeline_runs set heartbeat_at = now() "
      + "where scenario_id = $1 and run_id = $2 and status = 'RUNNING'";
  private static final String RELEASE = "update console.pipeline_runs set status = $3, finished_at = now(), "
      + "transcript = $4 where scenario_id = $1 and run_id = $2 and status = 'RUNNING'";
  private static final String RECENT_OTHERS = "select run_id, progress_n from console.pipeline_runs "
      + "where scenario_id = $1 and instance <> $2 and (status = 'RUNNING' or finished_at > now() - interval '1 minute')";
  private static final String MESSAGES_AFTER = "select n, message from console.pipeline_progress "
      + "where scenario_id = $1 and run_id = $2 and n > $3 order by n";

  private final Vertx vertx;
  private final PgStoreSettings settings;
  private final String scenarioId;
  private final Supplier<String> instance;
  private final Pool pool;
  private final Map<String, Long> heartbeats = new HashMap<>();
  private Future<?> writes = Future.succeededFuture();
  private volatile boolean closed;

  // following other consoles; guarded by this
  private final Map<String, Integer> relayed = new HashMap<>();
  private boolean seeded;
  private Future<Void> syncing;
  private boolean syncAgain;
  private Function<ObjectNode, Future<Void>> relay;
  private long checkTimer = -1;
  private PgConnection listener;

  private PgPipelineClaims(Vertx vertx, PgStoreSettings settings, String scenarioId, Supplier<String> instance) {
    this.vertx = vertx;
    this.settings = settings;
    this.scenarioId = scenarioId;
    this.instance = instance;
    this.pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(2).setConnectionTimeout(settings.connectTimeoutMs())
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .connectingTo(() -> settings.sessionOptions(vertx, settings.runtime(), "pipelines")
            .map(SqlConnectOptions.class::cast))
        .using(vertx)
        .build();
  }

  /** The claims of {@code store}'s scenario, made as console {@code instance} (known once it listens). */
  public static PgPipelineClaims of(Vertx vertx, PgScenarioStore store, Supplier<String> instance) {
    return new PgPipelineClaims(vertx, store.settings(), store.scenarioId(), instance);
  }

  @Override
  public Future<Void> claim(PipelineRun run) {
    String json = json(run);
    Future<RowSet<Row>> claimed = inScenario(connection -> connection.preparedQuery(SWEEP)
        .execute(Tuple.of(scenarioId, run.pipeline(), LEASE_MS))
        .compose(swept -> connection.preparedQuery(CLEAR_OLD).execute(Tuple.of(scenarioId)))
        .compose(cleared -> connection.preparedQuery(CLAIM).execute(Tuple.of(scenarioId, run.runId(), run.pipeline(),
            instance.get(), json))));
    return PgScenarioStore.limited(vertx, settings, "claiming the " + run.pipeline() + " pipeline", claimed)
        .compose(rows -> {
          if (rows.size() == 1) {
            startHeartbeat(run.runId());
            return Future.succeededFuture();
          }
          return holder(run.pipeline()).compose(holder -> holder == null
              // the holder finished between our insert and this read: the pipeline is free again
              ? claim(run)
              : Future.failedFuture(new Taken(holder)));
        });
  }

  private Future<SharedRun> holder(String pipeline) {
    Future<RowSet<Row>> read = inScenario(connection -> connection.preparedQuery(SELECT
        + "and pipeline = $3 and status = 'RUNNING'").execute(Tuple.of(scenarioId, LEASE_MS, pipeline)));
    return PgScenarioStore.limited(vertx, settings, "reading who runs " + pipeline, read)
        .map(rows -> rows.size() == 0 ? null : shared(rows.iterator().next()));
  }

  @Override
  public void progress(ObjectNode message, PipelineRun transcript) {
    String body = message.toString();
    String json = json(transcript);
    queued("sharing progress of run " + transcript.runId(), connection -> connection.preparedQuery(PROGRESS)
        .execute(Tuple.of(scenarioId, transcript.runId(), body, json)).mapEmpty());
  }

  @Override
  public Future<Void> release(PipelineRun concluded) {
    synchronized (this) {
      Long timer = heartbeats.remove(concluded.runId());
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
    }
    String json = json(concluded);
    return queued("releasing run " + concluded.runId(), connection -> connection.preparedQuery(RELEASE)
        .execute(Tuple.of(scenarioId, concluded.runId(), concluded.status(), json)).mapEmpty());
  }

  @Override
  public Future<SharedRun> find(String runId) {
    Future<RowSet<Row>> read = inScenario(connection -> connection.preparedQuery(SELECT + "and run_id = $3")
        .execute(Tuple.of(scenarioId, LEASE_MS, runId)));
    return PgScenarioStore.limited(vertx, settings, "reading run " + runId, read)
        .map(rows -> rows.size() == 0 ? null : shared(rows.iterator().next()));
  }

  @Override
  public Future<List<SharedRun>> othersRunning() {
    Future<RowSet<Row>> read = inScenario(connection -> connection.preparedQuery(SELECT
        + "and status = 'RUNNING' and instance <> $3 order by started_at").execute(Tuple.of(scenarioId, LEASE_MS,
        instance.get())));
    return PgScenarioStore.limited(vertx, settings, "reading the runs in progress", read).map(rows -> {
      List<SharedRun> runs = new ArrayList<>();
      rows.forEach(row -> runs.add(shared(row)));
      return runs;
    });
  }

  private static SharedRun shared(Row row) {
    boolean abandoned = ABANDONED.equals(row.getString("status")) || row.getBoolean("expired");
    return new SharedRun(parse(row.getString("transcript")), row.getString("instance"), abandoned);
  }

  @Override
  public Future<Void> follow(Function<ObjectNode, Future<Void>> handler) {
    synchronized (this) {
      relay = handler;
      checkTimer = vertx.setPeriodic(CHECK_EVERY_MS, id -> sync());
    }
    return listen().onComplete(listening -> sync()).recover(failure -> {
      // the periodic check relays meanwhile; the listener is reopened by it
      LOG.log(System.Logger.Level.WARNING, "cannot listen for other consoles' pipeline progress yet: "
          + failure.getMessage());
      return Future.succeededFuture();
    });
  }

  private Future<Void> listen() {
    Future<PgConnection> opened = settings.sessionOptions(vertx, settings.runtime(), "pipeline listener")
        .compose(options -> PgConnection.connect(vertx, options)).compose(connection -> {
          connection.notificationHandler(this::onNotice);
          connection.closeHandler(ignored -> {
            synchronized (this) {
              if (listener == connection) {
                listener = null;
              }
            }
          });
          return connection.query("listen " + CHANNEL).execute().map(connection)
              .recover(failure -> connection.close().transform(ignored -> Future.failedFuture(failure)));
        });
    return PgScenarioStore.limited(vertx, settings, "listening for pipeline progress", opened).compose(connection -> {
      synchronized (this) {
        if (!closed) {
          listener = connection;
          return Future.<Void>succeededFuture();
        }
      }
      return connection.close();
    });
  }

  private void onNotice(PgNotification notification) {
    if (!CHANNEL.equals(notification.getChannel())) {
      return;
    }
    try {
      JsonObject notice = new JsonObject(notification.getPayload());
      if (scenarioId.equals(notice.getString("scenario"))) {
        sync();
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "ignored a pipeline notice not written by a console: {0}",
          notification.getPayload());
    }
  }

  /** Relays what other consoles' runs said since the last relayed message; one at a time, again if asked meanwhile. */
  private void sync() {
    synchronized (this) {
      if (closed || relay == null) {
        return;
      }
      if (syncing != null) {
        syncAgain = true;
        return;
      }
      syncing = Future.succeededFuture();
    }
    boolean reopen;
    synchronized (this) {
      reopen = listener == null;
    }
    Future<Void> reopened = reopen ? listen().otherwiseEmpty() : Future.succeededFuture();
    Future<Void> done = reopened.compose(ignored -> relayNew());
    done.onComplete(result -> {
      if (result.failed()) {
        LOG.log(System.Logger.Level.DEBUG, "cannot read other consoles' pipeline progress: {0}",
            result.cause().getMessage());
      }
      boolean again;
      synchronized (this) {
        syncing = null;
        again = syncAgain;
        syncAgain = false;
      }
      if (again) {
        sync();
      }
    });
  }

  private Future<Void> relayNew() {
    Future<RowSet<Row>> read = inScenario(connection -> connection.preparedQuery(RECENT_OTHERS)
        .execute(Tuple.of(scenarioId, instance.get())));
    return PgScenarioStore.limited(vertx, settings, "reading other consoles' runs", read).compose(rows -> {
      Map<String, Integer> counts = new HashMap<>();
      rows.forEach(row -> counts.put(row.getString("run_id"), row.getInteger("progress_n")));
      List<String> behind = new ArrayList<>();
      synchronized (this) {
        Set<String> gone = new HashSet<>(relayed.keySet());
        gone.removeAll(counts.keySet());
        gone.forEach(relayed::remove);
        if (!seeded) {
          // a console that starts relays what other runs say from now on, not what they said before
          relayed.putAll(counts);
          seeded = true;
        }
        counts.forEach((run, n) -> {
          if (n > relayed.getOrDefault(run, 0)) {
            behind.add(run);
          }
        });
      }
      Future<Void> chain = Future.succeededFuture();
      for (String run : behind) {
        chain = chain.compose(ignored -> relayRun(run));
      }
      return chain;
    });
  }

  private Future<Void> relayRun(String runId) {
    int after;
    synchronized (this) {
      after = relayed.getOrDefault(runId, 0);
    }
    Future<RowSet<Row>> read = inScenario(connection -> connection.preparedQuery(MESSAGES_AFTER)
        .execute(Tuple.of(scenarioId, runId, after)));
    return PgScenarioStore.limited(vertx, settings, "reading run " + runId + "'s progress", read).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        int n = row.getInteger("n");
        ObjectNode message = (ObjectNode) parseTree(row.getString("message"));
        chain = chain.compose(ignored -> {
          Function<ObjectNode, Future<Void>> handler;
          synchronized (this) {
            handler = relay;
          }
          return handler.apply(message).otherwiseEmpty().onComplete(relayedOne -> {
            synchronized (this) {
              relayed.put(runId, n);
            }
          });
        });
      }
      return chain;
    });
  }

  private synchronized void startHeartbeat(String runId) {
    heartbeats.put(runId, vertx.setPeriodic(HEARTBEAT_MS, id -> queued("renewing run " + runId,
        connection -> connection.preparedQuery(HEARTBEAT).execute(Tuple.of(scenarioId, runId)).mapEmpty())));
  }

  /** Writes one after the other in call order; a write that fails is logged and the next goes on. */
  private synchronized Future<Void> queued(String action, Function<SqlConnection, Future<Void>> work) {
    Future<Void> next = writes.transform(ignored -> closed ? Future.<Void>succeededFuture()
        : PgScenarioStore.limited(vertx, settings, action, inScenario(work)))
        .onFailure(failure -> LOG.log(System.Logger.Level.WARNING, action + " failed: " + failure.getMessage()));
    writes = next;
    return next;
  }

  private <T> Future<T> inScenario(Function<SqlConnection, Future<T>> work) {
    if (closed) {
      return Future.failedFuture(new StoreException(StoreException.STORE_NOT_LOADED, "the pipeline claims of "
          + "scenario " + scenarioId + " are closed"));
    }
    return pool.withTransaction(connection -> connection.preparedQuery(PgScenarioStore.SESSION)
        .execute(Tuple.of(scenarioId, settings.runtimeRole()))
        .compose(ignored -> work.apply(connection)));
  }

  @Override
  public Future<Void> close() {
    PgConnection open;
    Future<?> pending;
    synchronized (this) {
      if (closed) {
        return Future.succeededFuture();
      }
      vertx.cancelTimer(checkTimer);
      heartbeats.values().forEach(vertx::cancelTimer);
      heartbeats.clear();
      pending = writes;
      open = listener;
      listener = null;
    }
    // the writes queued (a run's last messages, its release) go out before the pool closes
    return pending.otherwiseEmpty().transform(ignored -> {
      synchronized (this) {
        closed = true;
      }
      return Future.join(open == null ? Future.succeededFuture() : open.close(), pool.close());
    }).<Void>mapEmpty().otherwiseEmpty();
  }

  private static String json(PipelineRun run) {
    try {
      return JSON.writeValueAsString(run);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a pipeline transcript failed to serialise", e);
    }
  }

  private static PipelineRun parse(String json) {
    try {
      return JSON.readValue(json, PipelineRun.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored pipeline transcript failed to parse", e);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode parseTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored pipeline message failed to parse", e);
    }
  }
}
