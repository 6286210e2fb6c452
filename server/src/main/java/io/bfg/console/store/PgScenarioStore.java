package io.bfg.console.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.AuditEvent;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.PgNotification;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link ScenarioStore} on PostgreSQL, shared by any number of consoles: one scenario's journal is
 * the rows of {@code console.journal} with its scenario id (schema: {@link PgStoreSchema}). A row
 * holds an event's fields, its payload as the exact canonical JSON the hash covers, so the line
 * {@link AuditChain} judges is rebuilt from what is stored, byte for byte the file store's line.
 *
 * <p>Appends: the event follows this store's head (seq = head + 1, prevHash = head's hash) and is
 * inserted only if that head is in the journal as this store knows it, with a change notice
 * ({@code pg_notify} on {@link #CHANNEL}) in the same transaction, committed with
 * {@code synchronous_commit = on}. The primary key (scenario_id, seq) serialises writers: a writer
 * that lost the race fails with {@link StoreConflict} and nothing is stored (see its contract: catch
 * up with {@link #readAfter}, validate again, append again). Appends and catch-ups of one store run
 * one at a time, so only other writers cause conflicts.
 *
 * <p>Every session runs as the runtime role with {@code console.scenario_id} set for its
 * transaction only, so the forced row-level security shows it this scenario's rows and nothing
 * else. A database that does not answer fails the operation with
 * {@link StoreException#STORE_UNAVAILABLE} within the settings' time limits, never a hang.
 */
public final class PgScenarioStore implements ScenarioStore {

  /** The channel change notices go out on; the payload is {@code {"scenario": id, "seq": n}}. */
  public static final String CHANNEL = "console_journal";
  /** The listener's application_name, as pg_stat_activity shows it. */
  public static final String LISTENER_NAME = "integration-console store listener";

  private static final System.Logger LOG = System.getLogger(PgScenarioStore.class.getName());
  private static final String UNIQUE_VIOLATION = "23505";
  /*
   * The role is set per transaction, not per pooled connection: a connection the pool opens anew
   * cannot run a statement before it, and it ends with the transaction whatever happens.
   */
  static final String SESSION = "select set_config('role', $2, true), set_config('"
      + PgStoreSchema.SCENARIO_SETTING + "', $1, true), set_config('synchronous_commit', 'on', true)";
  private static final String SELECT_AFTER = "select seq, type, actor, at, payload, prev_hash, hash "
      + "from console.journal where scenario_id = $1 and seq > $2 order by seq";
  private static final String INSERT = """
      with appended as (
        insert into console.journal (scenario_id, seq, type, actor, at, payload, prev_hash, hash)
        select $1::text, $2::bigint, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text
        where ($2::bigint = 1 and $7::text = $9::text)
           or exists (select 1 from console.journal
                      where scenario_id = $1::text and seq = $2::bigint - 1 and hash = $7::text)
        returning seq)
      select pg_notify('""" + CHANNEL + "', json_build_object('scenario', $1::text, 'seq', seq)::text) from appended";
  private static final String HEAD = "select (select hash from console.journal where scenario_id = $1 and seq = $2), "
      + "(select coalesce(max(seq), 0) from console.journal where scenario_id = $1)";
  private static final String RUNTIME_ROLE_CHECK = "select r.rolsuper or r.rolbypassrls, "
      + "pg_get_userbyid(c.relowner) = current_user from pg_roles r, pg_class c "
      + "where r.rolname = current_user and c.oid = 'console.journal'::regclass";

  /**
   * A change notice. {@code reconnected}: the listening connection was lost and is back, notices
   * sent meanwhile are gone, so read after your head ({@code seq} is then 0). A notice is a hint,
   * never the event: the journal, read with {@link #readAfter}, is.
   */
  public record JournalNotice(long seq, boolean reconnected) {
  }

  /** A running {@link #listen}; close it to stop. */
  public interface Listening {
    Future<Void> close();
  }

  private final Vertx vertx;
  private final PgStoreSettings settings;
  private final String scenarioId;
  private final Clock clock;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  // guarded by this
  private Pool pool;
  private AuditEvent head;
  private final List<String> hashes = new ArrayList<>();
  private ChainVerification broken;
  private Future<?> queue = Future.succeededFuture();

  public PgScenarioStore(Vertx vertx, PgStoreSettings settings, String scenarioId, Clock clock) {
    if (scenarioId == null || scenarioId.isBlank()) {
      throw new IllegalArgumentException("the store needs a scenario id");
    }
    this.vertx = vertx;
    this.settings = settings;
    this.scenarioId = scenarioId;
    this.clock = clock;
  }

  PgStoreSettings settings() {
    return settings;
  }

  String scenarioId() {
    return scenarioId;
  }

  @Override
  public String adapter() {
    return "postgres";
  }

  /** Migrates the schema (as the owner), then reads and verifies the whole journal (as the runtime role). */
  @Override
  public Future<List<AuditEvent>> load() {
    return serial(() -> PgStoreSchema.migrate(vertx, settings)
        .compose(ignored -> {
          synchronized (this) {
            if (pool == null) {
              pool = PgBuilder.pool()
                  .with(new PoolOptions().setMaxSize(4).setConnectionTimeout(settings.connectTimeoutMs())
                      .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                  .connectingTo(() -> settings.sessionOptions(vertx, settings.runtime(), "store")
                      .map(SqlConnectOptions.class::cast))
                  .using(vertx)
                  .build();
            }
          }
          return checkRuntimeRole();
        })
        .compose(ignored -> readRows(0))
        .map(lines -> {
          AuditChain.Verified verified = AuditChain.verify(lines);
          synchronized (this) {
            hashes.clear();
            verified.events().forEach(event -> hashes.add(event.hash()));
            head = verified.events().isEmpty() ? null : verified.events().get(verified.events().size() - 1);
            broken = verified.verification().valid() ? null : verified.verification();
          }
          if (!verified.verification().valid()) {
            logBroken(verified.verification());
          }
          return verified.events();
        }));
  }

  /**
   * Appends after this store's head. Fails with {@link StoreConflict} when another writer took
   * that seq (nothing stored; the store does not retry), {@link StoreException#AUDIT_CHAIN_BROKEN}
   * when the head it extends is no longer in the journal as it knows it, and
   * {@link StoreException#STORE_UNAVAILABLE} when the database does not answer.
   */
  @Override
  public Future<AuditEvent> append(String type, String actor, ObjectNode payload) {
    return serial(() -> {
      AuditEvent event;
      synchronized (this) {
        requireLoaded("appending to");
        if (broken != null) {
          return Future.failedFuture(StoreException.chainBroken(broken));
        }
        event = AuditChain.next(head, type, actor, clock.instant(), payload);
      }
      Tuple row = row(event);
      Future<RowSet<Row>> inserted = inScenario(connection -> connection.preparedQuery(INSERT).execute(row))
          .recover(failure -> Future.failedFuture(isUniqueViolation(failure)
              ? new StoreConflict(event.seq(), "event " + event.seq() + " of scenario " + scenarioId
                  + " was appended by another writer first: read after event " + (event.seq() - 1)
                  + ", validate the command against the new state and append again", failure)
              : failure));
      return limited(vertx, settings, "appending to scenario " + scenarioId, inserted).compose(rows -> {
        if (rows.size() == 1) {
          synchronized (this) {
            hashes.add(event.hash());
            head = event;
          }
          return Future.succeededFuture(event);
        }
        // the event this one links to is not in the journal as this store read or wrote it
        return verifyStored().compose(verdict -> Future.failedFuture(StoreException.chainBroken(verdict.valid()
            ? markBroken(ChainVerification.broken(event.seq() - 1, event.prevHash(), event.seq() - 1,
                "event " + (event.seq() - 1) + ": changed or removed behind the console's back"))
            : verdict)));
      });
    });
  }

  /**
   * Stores events another store made, unchanged (a journal moved here from the file store): the
   * first must follow this store's head, each the one before it, and each must hash to its content.
   * One transaction, so a move interrupted between calls leaves a shorter journal, never a gap, and
   * the next call resumes after it. Fails as {@link #append} does; nothing is stored then.
   */
  public Future<Void> appendCopies(List<AuditEvent> events) {
    return serial(() -> {
      List<Tuple> rows = new ArrayList<>(events.size());
      synchronized (this) {
        requireLoaded("appending to");
        if (broken != null) {
          return Future.failedFuture(StoreException.chainBroken(broken));
        }
        long seq = hashes.size();
        String prevHash = head == null ? AuditEvent.GENESIS_HASH : head.hash();
        for (AuditEvent event : events) {
          if (event.seq() != seq + 1 || !event.prevHash().equals(prevHash) || !AuditChain.hash(event).equals(event.hash())) {
            return Future.failedFuture(new IllegalArgumentException("event " + event.seq() + " does not follow event "
                + seq + " of scenario " + scenarioId + " in this store, or does not hash to its content"));
          }
          rows.add(row(event));
          seq++;
          prevHash = event.hash();
        }
      }
      if (rows.isEmpty()) {
        return Future.succeededFuture();
      }
      AuditEvent first = events.get(0);
      // a row whose head check fails inserts nothing: fail inside the transaction so it all rolls back
      Future<Boolean> inserted = inScenario(connection -> connection.preparedQuery(INSERT).executeBatch(rows)
          .compose(result -> {
            for (RowSet<Row> each = result; each != null; each = each.next()) {
              if (each.size() != 1) {
                return Future.failedFuture(new UnlinkedCopy());
              }
            }
            return Future.succeededFuture(true);
          }))
          .recover(failure -> failure instanceof UnlinkedCopy ? Future.succeededFuture(false)
              : Future.failedFuture(isUniqueViolation(failure)
                  ? new StoreConflict(first.seq(), "events from " + first.seq() + " of scenario " + scenarioId
                      + " overlap events another writer appended: read the journal again and copy what is missing",
                      failure)
                  : failure));
      return limited(vertx, settings, "copying events to scenario " + scenarioId, inserted).compose(linked -> {
        if (linked) {
          synchronized (this) {
            events.forEach(event -> hashes.add(event.hash()));
            head = events.get(events.size() - 1);
          }
          return Future.succeededFuture();
        }
        return verifyStored().compose(verdict -> Future.failedFuture(StoreException.chainBroken(verdict.valid()
            ? markBroken(ChainVerification.broken(first.seq() - 1, first.prevHash(), first.seq() - 1,
                "event " + (first.seq() - 1) + ": changed or removed behind the console's back"))
            : verdict)));
      });
    });
  }

  /** A copied event's head check failed inside its transaction, which must not commit. */
  private static final class UnlinkedCopy extends RuntimeException {
    UnlinkedCopy() {
      super(null, null, false, false);
    }
  }

  private Tuple row(AuditEvent event) {
    return Tuple.of(scenarioId, event.seq(), event.type(), event.actor(), event.at(),
        new String(Checksums.canonicalBytes(event.payload()), StandardCharsets.UTF_8), event.prevHash(),
        event.hash(), AuditEvent.GENESIS_HASH);
  }

  /**
   * The events after {@code after} (0 &le; after &le; {@link #headSeq()}), for catching up with
   * other writers: each is checked to follow the one before it (the first, this store's event
   * {@code after}) and those this store already knows to be unchanged; the new ones become this
   * store's head. Fails with {@link StoreException#AUDIT_CHAIN_BROKEN} otherwise.
   */
  @Override
  public Future<List<AuditEvent>> readAfter(long after) {
    return serial(() -> {
      String afterHash;
      synchronized (this) {
        requireLoaded("reading");
        if (broken != null) {
          return Future.failedFuture(StoreException.chainBroken(broken));
        }
        if (after < 0 || after > hashes.size()) {
          return Future.failedFuture(new IllegalArgumentException("readAfter(" + after + "): this store's head is "
              + hashes.size()));
        }
        afterHash = after == 0 ? AuditEvent.GENESIS_HASH : hashes.get((int) after - 1);
      }
      return readRows(after).compose(lines -> {
        AuditChain.Verified verified = AuditChain.verifyAfter(after, afterHash, lines);
        ChainVerification problem;
        synchronized (this) {
          problem = adoptAll(verified);
        }
        return problem == null ? Future.succeededFuture(verified.events())
            : Future.failedFuture(StoreException.chainBroken(problem));
      });
    });
  }

  /** Takes the verified events as this store's; the verdict that stops it, or null. Holds this. */
  private ChainVerification adoptAll(AuditChain.Verified verified) {
    for (AuditEvent event : verified.events()) {
      if (event.seq() <= hashes.size()) {
        if (!hashes.get((int) event.seq() - 1).equals(event.hash())) {
          return markBroken(ChainVerification.broken(event.seq() - 1, event.prevHash(), event.seq(),
              "event " + event.seq() + ": differs from the event this store read or wrote"));
        }
      } else {
        hashes.add(event.hash());
        head = event;
      }
    }
    if (!verified.verification().valid()) {
      return markBroken(verified.verification());
    }
    if (verified.verification().length() < hashes.size()) {
      long missing = verified.verification().length() + 1;
      return markBroken(ChainVerification.broken(missing - 1, verified.verification().head(), missing,
          "event " + missing + ": missing from the store although this store read or wrote it"));
    }
    return null;
  }

  /** The seq of this store's head: the last event it loaded, appended or caught up with. */
  public synchronized long headSeq() {
    return hashes.size();
  }

  /** Re-reads every row of the scenario and recomputes the chain from the stored bytes. */
  @Override
  public Future<ChainVerification> verify() {
    synchronized (this) {
      if (pool == null || closed) {
        return Future.failedFuture(notLoaded("verifying"));
      }
    }
    return verifyStored();
  }

  private Future<ChainVerification> verifyStored() {
    return readRows(0).map(lines -> {
      AuditChain.Verified stored = AuditChain.verify(lines);
      synchronized (this) {
        ChainVerification verdict = againstKnown(stored);
        if (!verdict.valid()) {
          markBroken(verdict);
        }
        return verdict;
      }
    });
  }

  /**
   * The chain alone cannot notice events cut from its end, or a rewrite that re-hashed every
   * event; what this store read and wrote can. Events beyond it are other writers', not news.
   */
  private ChainVerification againstKnown(AuditChain.Verified stored) {
    List<AuditEvent> events = stored.events();
    int common = Math.min(events.size(), hashes.size());
    for (int i = 0; i < common; i++) {
      if (!events.get(i).hash().equals(hashes.get(i))) {
        return ChainVerification.broken(i, i == 0 ? AuditEvent.GENESIS_HASH : hashes.get(i - 1), i + 1L,
            "event " + (i + 1) + ": differs from the event this store read or wrote");
      }
    }
    if (!stored.verification().valid() || events.size() >= hashes.size()) {
      return stored.verification();
    }
    return ChainVerification.broken(common, common == 0 ? AuditEvent.GENESIS_HASH : hashes.get(common - 1),
        common + 1L, "event " + (common + 1) + ": missing from the store although this store read or wrote it");
  }

  /**
   * Checks with one short query that this store's head is still in the journal, unchanged, and
   * nothing after it was removed; the whole journal is verified only when it is not. Events other
   * writers appended since are not judged here but by {@link #readAfter}.
   */
  @Override
  public Future<ChainVerification> checkHead() {
    AuditEvent known;
    synchronized (this) {
      if (pool == null || closed) {
        return Future.failedFuture(notLoaded("checking"));
      }
      if (broken != null) {
        return Future.succeededFuture(broken);
      }
      known = head;
    }
    long seq = known == null ? 0 : known.seq();
    Future<RowSet<Row>> read = inScenario(connection -> connection.preparedQuery(HEAD)
        .execute(Tuple.of(scenarioId, seq)));
    return limited(vertx, settings, "checking scenario " + scenarioId, read).compose(rows -> {
      Row row = rows.iterator().next();
      boolean unchanged = row.getLong(1) >= seq && (known == null || known.hash().equals(row.getString(0)));
      if (unchanged) {
        return Future.succeededFuture(ChainVerification.intact(seq, known == null ? AuditEvent.GENESIS_HASH
            : known.hash()));
      }
      return verifyStored().map(verdict -> verdict.valid() ? markBroken(ChainVerification.broken(seq, known.hash(),
          seq + 1, "event " + seq + ": the journal's end changed behind the console's back")) : verdict);
    });
  }

  /**
   * Listens for change notices of this scenario on a dedicated connection, which is reopened after
   * a drop (backoff from 100 ms to 5 s); after a reopen the handler gets a {@code reconnected}
   * notice, since notices sent meanwhile are lost. Completes once the first LISTEN is in place.
   */
  public Future<Listening> listen(Handler<JournalNotice> handler) {
    if (closed) {
      return Future.failedFuture(notLoaded("listening to"));
    }
    Listener listener = new Listener(handler);
    listeners.add(listener);
    return listener.connect().<Listening>map(listener)
        .onFailure(failure -> listeners.remove(listener));
  }

  @Override
  public Future<Void> close() {
    Pool open;
    synchronized (this) {
      if (closed) {
        return Future.succeededFuture();
      }
      closed = true;
      open = pool;
    }
    List<Future<Void>> stopping = new ArrayList<>();
    listeners.forEach(listener -> stopping.add(listener.close()));
    if (open != null) {
      stopping.add(open.close());
    }
    return Future.join(stopping).<Void>mapEmpty().otherwiseEmpty();
  }

  private Future<Void> checkRuntimeRole() {
    Future<RowSet<Row>> read = inScenario(connection -> connection.query(RUNTIME_ROLE_CHECK).execute());
    return limited(vertx, settings, "checking the store's runtime role", read).compose(rows -> {
      Row row = rows.iterator().next();
      if (row.getBoolean(0) || row.getBoolean(1)) {
        return Future.failedFuture(new IllegalArgumentException("the store's runtime role " + settings.runtimeRole()
            + " is " + (row.getBoolean(1) ? "the journal's owner" : "a superuser or BYPASSRLS")
            + ": row-level security would not separate scenarios; give the console a plain role"));
      }
      return Future.succeededFuture();
    });
  }

  /** The scenario's rows after {@code after}, as the journal lines they stand for. */
  private Future<List<byte[]>> readRows(long after) {
    Future<RowSet<Row>> read = inScenario(connection -> connection.preparedQuery(SELECT_AFTER)
        .execute(Tuple.of(scenarioId, after)));
    return limited(vertx, settings, "reading scenario " + scenarioId, read).map(rows -> {
      List<byte[]> lines = new ArrayList<>(rows.size());
      for (Row row : rows) {
        lines.add(AuditChain.line(row.getLong("seq"), row.getString("type"), row.getString("actor"),
            row.getString("at"), row.getString("payload"), row.getString("prev_hash"), row.getString("hash")));
      }
      return lines;
    });
  }

  /** {@code work} in one transaction whose session sees only this scenario's rows. */
  private <T> Future<T> inScenario(Function<SqlConnection, Future<T>> work) {
    Pool open;
    synchronized (this) {
      open = pool;
    }
    if (open == null || closed) {
      return Future.failedFuture(notLoaded("using"));
    }
    return open.withTransaction(connection -> connection.preparedQuery(SESSION).execute(Tuple.of(scenarioId,
        settings.runtimeRole()))
        .compose(ignored -> work.apply(connection)));
  }

  /** Runs store operations one at a time, in call order, whichever context they come from. */
  private synchronized <T> Future<T> serial(Supplier<Future<T>> operation) {
    Future<T> next = queue.transform(ignored -> closed ? Future.failedFuture(notLoaded("using")) : operation.get());
    queue = next;
    return next;
  }

  private void requireLoaded(String action) {
    if (pool == null || closed) {
      throw notLoaded(action);
    }
  }

  private StoreException notLoaded(String action) {
    return new StoreException(StoreException.STORE_NOT_LOADED, closed
        ? "the store of scenario " + scenarioId + " is closed"
        : "load() the store before " + action + " scenario " + scenarioId);
  }

  private synchronized ChainVerification markBroken(ChainVerification verdict) {
    if (broken == null) {
      broken = verdict;
      logBroken(verdict);
    }
    return verdict;
  }

  private void logBroken(ChainVerification verdict) {
    LOG.log(System.Logger.Level.ERROR, "scenario {0}: audit chain broken in the store, appends refused: {1}",
        scenarioId, verdict.problem());
  }

  private static boolean isUniqueViolation(Throwable failure) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }

  /**
   * {@code work}, failed as {@link StoreException#STORE_UNAVAILABLE} if it has not finished within
   * the settings' limit, and its failures named as store failures: the database unreachable, down
   * or shutting down is STORE_UNAVAILABLE, any other database error STORE_IO.
   */
  static <T> Future<T> limited(Vertx vertx, PgStoreSettings settings, String action, Future<T> work) {
    Promise<T> done = Promise.promise();
    long limit = settings.operationLimitMs();
    long timer = vertx.setTimer(limit, id -> done.tryFail(new StoreException(StoreException.STORE_UNAVAILABLE,
        action + ": the store's PostgreSQL did not answer within " + limit + " ms")));
    work.onComplete(result -> {
      vertx.cancelTimer(timer);
      if (result.succeeded()) {
        done.tryComplete(result.result());
      } else {
        done.tryFail(named(settings, action, result.cause()));
      }
    });
    return done.future();
  }

  private static Throwable named(PgStoreSettings settings, String action, Throwable failure) {
    if (failure instanceof StoreException || failure instanceof IllegalArgumentException) {
      return failure;
    }
    if (failure instanceof PgException pg) {
      String state = pg.getSqlState() == null ? "" : pg.getSqlState();
      // 08: connection exception, 53: insufficient resources, 57: operator intervention (shutdown, ...)
      boolean unavailable = state.startsWith("08") || state.startsWith("53") || state.startsWith("57");
      return new StoreException(unavailable ? StoreException.STORE_UNAVAILABLE : StoreException.STORE_IO,
          action + " failed: " + scrub(settings, pg.getErrorMessage()) + " (SQLSTATE " + state + ")", failure);
    }
    return new StoreException(StoreException.STORE_UNAVAILABLE, action + " failed: the store's PostgreSQL "
        + "cannot be reached (" + scrub(settings, String.valueOf(failure.getMessage())) + ")", failure);
  }

  private static String scrub(PgStoreSettings settings, String text) {
    return settings.runtime().scrub(settings.owner().scrub(text));
  }

  /** One LISTEN connection, reopened after a drop until closed. */
  private final class Listener implements Listening {
    private final Handler<JournalNotice> handler;
    private volatile PgConnection connection;
    private volatile boolean stopped;
    private volatile boolean listenedBefore;
    private int failures;

    Listener(Handler<JournalNotice> handler) {
      this.handler = handler;
    }

    Future<Void> connect() {
      // its application_name is LISTENER_NAME
      Future<PgConnection> opened = settings.sessionOptions(vertx, settings.runtime(), "store listener")
          .compose(options -> PgConnection.connect(vertx, options));
      Future<PgConnection> listening = opened.compose(candidate -> {
        candidate.notificationHandler(this::onNotification);
        candidate.closeHandler(ignored -> onClosed(candidate));
        // a dropped connection is reported by its close, and reopened there
        candidate.exceptionHandler(failure -> LOG.log(System.Logger.Level.DEBUG, "change-notice connection: {0}",
            failure.getMessage()));
        return candidate.query("listen " + CHANNEL).execute().map(candidate)
            .recover(failure -> candidate.close().transform(ignored -> Future.failedFuture(failure)));
      });
      return limited(vertx, settings, "listening to the store", listening).transform(result -> {
        if (result.failed()) {
          // it may still open after the limit: then it is closed, not leaked
          listening.onSuccess(PgConnection::close);
          return Future.failedFuture(result.cause());
        }
        PgConnection candidate = result.result();
        if (stopped) {
          return candidate.close();
        }
        connection = candidate;
        failures = 0;
        if (listenedBefore) {
          handler.handle(new JournalNotice(0, true));
        }
        listenedBefore = true;
        return Future.succeededFuture();
      });
    }

    private void onNotification(PgNotification notification) {
      if (!CHANNEL.equals(notification.getChannel())) {
        return;
      }
      try {
        JsonObject notice = new JsonObject(notification.getPayload());
        if (scenarioId.equals(notice.getString("scenario"))) {
          handler.handle(new JournalNotice(notice.getLong("seq"), false));
        }
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "ignored a change notice not written by a store: {0}",
            notification.getPayload());
      }
    }

    private void onClosed(PgConnection closedConnection) {
      if (connection != closedConnection || stopped) {
        return;
      }
      connection = null;
      LOG.log(System.Logger.Level.WARNING, "scenario {0}: the change-notice connection to the store dropped; reopening it",
          scenarioId);
      retry();
    }

    private void retry() {
      long delay = Math.min(5_000L, 100L << Math.min(failures, 6));
      failures++;
      vertx.setTimer(delay, id -> {
        if (!stopped) {
          connect().onFailure(failure -> {
            LOG.log(System.Logger.Level.WARNING, "scenario {0}: reopening the change-notice connection failed, "
                + "trying again: {1}", scenarioId, failure.getMessage());
            retry();
          });
        }
      });
    }

    @Override
    public Future<Void> close() {
      stopped = true;
      listeners.remove(this);
      PgConnection open = connection;
      connection = null;
      return open == null ? Future.succeededFuture() : open.close().otherwiseEmpty();
    }
  }
}
