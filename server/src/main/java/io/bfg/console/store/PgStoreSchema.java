package io.bfg.console.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The shared store's schema, created and migrated by the console itself, as the owner role.
 *
 * <p>How migrations run:
 * <ul>
 *   <li>{@code console.console_schema_version} records each applied migration (version,
 *       description, when). Versions are applied in order, each in its own transaction together
 *       with its row in that table, so a migration is either wholly applied and recorded or not
 *       at all.</li>
 *   <li>Every migration transaction first takes a transaction-scoped advisory lock
 *       ({@link #LOCK_KEY}), then reads the recorded version: consoles starting together queue on
 *       the lock and the later ones find the work done. Re-running is a no-op.</li>
 *   <li>A store whose recorded version is newer than this console knows is refused
 *       ({@link StoreException#STORE_SCHEMA}): an older console must not write to a schema it does
 *       not understand.</li>
 *   <li>After the migrations, the runtime role is granted what it needs, and nothing more, on
 *       every start (idempotent), so a changed runtime role is granted without a new version.</li>
 * </ul>
 *
 * <p>Version 1: schema {@code console}; table {@code console.journal} (scenario_id, seq, type,
 * actor, at, payload, prev_hash, hash; primary key (scenario_id, seq)), one row per event. The
 * payload is text holding the canonical JSON the hash covers, byte for byte (jsonb would keep its
 * meaning but not its bytes, and the chain is over bytes). Row-level security is enabled and
 * forced, so it holds for the table's owner too: a row is visible and insertable only while the
 * session setting {@code console.scenario_id} equals its scenario_id. The runtime role gets USAGE
 * on the schema and SELECT, INSERT on the journal: no UPDATE or DELETE, the journal is append-only
 * for the console.
 *
 * <p>Version 2: {@code console.pipeline_runs} (scenario_id, run_id, pipeline, instance, started_at,
 * heartbeat_at, finished_at, status, progress_n, transcript; primary key (scenario_id, run_id)), one
 * row per run of a console on the shared store, with a partial unique index on (scenario_id,
 * pipeline) where status is RUNNING: the database lets one run per pipeline be running, whichever
 * console starts it. {@code console.pipeline_progress} (scenario_id, run_id, n, message) holds each
 * run's feed messages in order, for the other consoles to relay. Both with row-level security forced
 * like the journal; written idempotently ("if not exists", policies replaced) although the version
 * row already keeps it from running twice. The runtime role may insert and update runs (a run's
 * status and heartbeat change as it goes) and insert and delete progress (the messages of runs long
 * finished are cleared); see {@link PgPipelineClaims}.
 *
 * <p>A one-URL store ({@link PgStoreSettings#fromOwner}) also creates its login-less runtime role on
 * every start when it is missing, and makes the owner a member of it.
 */
final class PgStoreSchema {

  /** The advisory lock key every migration transaction takes (any console, any scenario). */
  static final long LOCK_KEY = 0x1C0_50_1E_5C4E3AL;
  /** The session setting the row-level security policy compares scenario_id with. */
  static final String SCENARIO_SETTING = "console.scenario_id";
  private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  record Migration(int version, String description, String sql) {
  }

  static final List<Migration> MIGRATIONS = List.of(
      new Migration(1, "journal with row-level security by scenario", """
          create table console.journal (
            scenario_id text not null,
            seq bigint not null check (seq >= 1),
            type text not null,
            actor text,
            at text not null,
            payload text not null,
            prev_hash text not null,
            hash text not null,
            primary key (scenario_id, seq)
          );
          alter table console.journal enable row level security;
          alter table console.journal force row level security;
          create policy journal_by_scenario on console.journal
            using (scenario_id = current_setting('console.scenario_id', true))
            with check (scenario_id = current_setting('console.scenario_id', true));
          """),
      new Migration(2, "pipeline runs and their progress, shared by the consoles", """
          create table if not exists console.pipeline_runs (
            scenario_id text not null,
            run_id text not null,
            pipeline text not null,
            instance text not null,
            started_at timestamptz not null default now(),
            heartbeat_at timestamptz not null default now(),
            finished_at timestamptz,
            status text not null,
            progress_n integer not null default 0,
            transcript text not null,
            primary key (scenario_id, run_id)
          );
          create unique index if not exists pipeline_runs_one_running
            on console.pipeline_runs (scenario_id, pipeline) where status = 'RUNNING';
          create table if not exists console.pipeline_progress (
            scenario_id text not null,
            run_id text not null,
            n integer not null,
            message text not null,
            primary key (scenario_id, run_id, n)
          );
          alter table console.pipeline_runs enable row level security;
          alter table console.pipeline_runs force row level security;
          drop policy if exists pipeline_runs_by_scenario on console.pipeline_runs;
          create policy pipeline_runs_by_scenario on console.pipeline_runs
            using (scenario_id = current_setting('console.scenario_id', true))
            with check (scenario_id = current_setting('console.scenario_id', true));
          alter table console.pipeline_progress enable row level security;
          alter table console.pipeline_progress force row level security;
          drop policy if exists pipeline_progress_by_scenario on console.pipeline_progress;
          create policy pipeline_progress_by_scenario on console.pipeline_progress
            using (scenario_id = current_setting('console.scenario_id', true))
            with check (scenario_id = current_setting('console.scenario_id', true));
          """));

  static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

  private PgStoreSchema() {
  }

  /** Brings the schema to {@link #LATEST} and grants the runtime role; returns the version found before. */
  static Future<Integer> migrate(Vertx vertx, PgStoreSettings settings) {
    String runtime = settings.runtimeRole();
    if (!ROLE_NAME.matcher(runtime).matches()) {
      return Future.failedFuture(new IllegalArgumentException("the store's runtime role '" + runtime
          + "' is not a plain lower-case role name"));
    }
    Future<Integer> work = settings.sessionOptions(vertx, settings.owner(), "store migration")
        .compose(options -> PgConnection.connect(vertx, options))
        .compose(connection -> {
          Future<Integer> found = connection.query("set client_min_messages = warning").execute()
              .compose(ignored -> applyFrom(connection, 0, -1))
              .compose(before -> inLockedTransaction(connection, (settings.provisionsRuntimeRole()
                  ? provisionRole(runtime) + "; " : "") + "grant usage on schema console to " + runtime
                  + "; grant select, insert on console.journal to " + runtime
                  + "; grant select, insert, update on console.pipeline_runs to " + runtime
                  + "; grant select, insert, delete on console.pipeline_progress to " + runtime).map(before));
          return found.eventually(connection::close);
        });
    return PgScenarioStore.limited(vertx, settings, "migrating the store's schema", work);
  }

  /** Applies MIGRATIONS[index..]; {@code before} is the version found by the first transaction. */
  private static Future<Integer> applyFrom(PgConnection connection, int index, int before) {
    if (index == MIGRATIONS.size()) {
      return Future.succeededFuture(before);
    }
    Migration migration = MIGRATIONS.get(index);
    return connection.begin().compose(tx -> connection.query(lockAndBootstrap()).execute()
        .compose(ignored -> connection.query("select coalesce(max(version), 0) from console.console_schema_version")
            .execute())
        .compose(rows -> {
          int current = rows.iterator().next().getInteger(0);
          if (current > LATEST) {
            return Future.<Integer>failedFuture(new StoreException(StoreException.STORE_SCHEMA, "the store's "
                + "schema is at version " + current + ", newer than this console knows (" + LATEST
                + "): run a console at least as new as the one that migrated it"));
          }
          if (current >= migration.version()) {
            return Future.succeededFuture(current);
          }
          return connection.query(migration.sql() + ";\ninsert into console.console_schema_version "
                  + "(version, description) values (" + migration.version() + ", '"
                  + migration.description().replace("'", "''") + "')").execute()
              .map(current);
        })
        .compose(current -> tx.commit().map(current),
            failure -> tx.rollback().transform(ignored -> Future.failedFuture(failure))))
        .compose(current -> applyFrom(connection, index + 1, before < 0 ? current : before));
  }

  /**
   * The login-less runtime role of a one-URL store, created when missing (role names are the
   * cluster's, so consoles on other databases may share it: it holds no password and gets its
   * privileges per database), and the owner made a member so it may switch to it. A superuser is
   * a member of every role already.
   */
  private static String provisionRole(String role) {
    return "do $console$ begin "
        + "if not exists (select 1 from pg_roles where rolname = '" + role + "') then "
        + "begin create role " + role + " nologin nosuperuser nobypassrls; "
        + "exception when duplicate_object then null; end; end if; "
        + "if not pg_has_role(current_user, '" + role + "', 'MEMBER') then "
        + "execute format('grant %I to %I', '" + role + "', current_user); end if; end $console$";
  }

  private static Future<Void> inLockedTransaction(PgConnection connection, String sql) {
    return connection.begin().compose(tx -> connection.query(lockAndBootstrap() + "; " + sql).execute()
        .compose(ignored -> tx.commit(),
            failure -> tx.rollback().transform(ignored -> Future.failedFuture(failure))));
  }

  /** The lock first: the bootstrap's "if not exists" is not safe against a concurrent creator. */
  private static String lockAndBootstrap() {
    return "select pg_advisory_xact_lock(" + LOCK_KEY + ");\n"
        + "create schema if not exists console;\n"
        + "create table if not exists console.console_schema_version ("
        + "version integer primary key, description text not null, "
        + "applied_at timestamptz not null default now())";
  }
}
