package io.bfg.console.pipeline;

import io.bfg.console.model.Pipelines;
import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TargetSettings;
import io.bfg.console.targetdb.TlsProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connection check, four steps on one session logged in as the application role: the endpoint
 * answers (and which PostgreSQL it is), the certificate a real TLS handshake shows, the role can
 * neither bypass row-level security nor act outside its tenant, and it can write and read back
 * inside a transaction that is rolled back.
 */
final class ConnectionPipeline implements PipelineSteps {

  private static final String PROBE_TABLE = "console_connection_write_probe";

  private final Vertx vertx;
  private final TargetEndpoint endpoint;
  private final TargetSettings settings;
  private final String tenantSetting;
  private final String tenantId;
  private TargetSession session;

  /** {@code tenantSetting} is the session setting the runbook's policies read (the data model's tenancy). */
  ConnectionPipeline(Vertx vertx, TargetEndpoint endpoint, TargetSettings settings, String tenantSetting,
                     String tenantId) {
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.settings = settings;
    this.tenantSetting = tenantSetting;
    this.tenantId = tenantId;
  }

  @Override
  public List<StepDef> steps() {
    List<String> ids = Pipelines.STEPS.get(Pipelines.CONNECTION);
    return List.of(
        StepDef.step(ids.get(0), this::reachability),
        StepDef.step(ids.get(1), this::tlsFingerprint),
        StepDef.step(ids.get(2), this::rbacSession),
        StepDef.step(ids.get(3), this::writeProbe));
  }

  @Override
  public Future<Void> close() {
    return session == null ? Future.succeededFuture() : session.close();
  }

  private Future<StepOutcome> reachability() {
    long started = System.nanoTime();
    return TargetSession.open(vertx, endpoint, settings, "connection check").compose(opened -> {
      session = opened;
      long loginMs = (System.nanoTime() - started) / 1_000_000;
      return session.query("select current_setting('server_version') as version, current_database() as db, "
              + "current_user as role, s.ssl, s.version as tls "
              + "from pg_stat_ssl s where s.pid = pg_backend_pid()")
          .map(rows -> {
            Row row = rows.iterator().next();
            boolean encrypted = Boolean.TRUE.equals(row.getBoolean("ssl"));
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("endpoint", endpoint.redacted());
            evidence.put("serverVersion", row.getString("version"));
            evidence.put("database", row.getString("db"));
            evidence.put("sessionEncrypted", encrypted);
            String tls = encrypted ? "encrypted (" + row.getString("tls") + ")" : "NOT encrypted (sslmode="
                + endpoint.sslMode() + ")";
            String tlsPl = encrypted ? "szyfrowana (" + row.getString("tls") + ")" : "NIESZYFROWANA (sslmode="
                + endpoint.sslMode() + ")";
            return new StepOutcome("reached " + endpoint.redacted() + ": PostgreSQL " + row.getString("version")
                + ", logged in as " + row.getString("role") + " in " + loginMs + " ms, session " + tls,
                "osiągnięto " + endpoint.redacted() + ": PostgreSQL " + row.getString("version")
                + ", zalogowano jako " + row.getString("role") + " w " + loginMs + " ms, sesja " + tlsPl, evidence);
          });
    });
  }

  private Future<StepOutcome> tlsFingerprint() {
    return TlsProbe.fingerprint(vertx, endpoint.host(), endpoint.port(), settings.connectTimeoutMs())
        .map(result -> new StepOutcome("the server presented " + result.subject() + " (SHA-256 " + result.sha256()
            + ") over " + result.protocol() + ", valid until " + result.notAfter(),
            "serwer przedstawił " + result.subject() + " (SHA-256 " + result.sha256() + ") przez "
            + result.protocol() + ", ważny do " + result.notAfter(), result.evidence()));
  }

  private Future<StepOutcome> rbacSession() {
    String runtimeRole = settings.runtimeRole();
    return session.query("select r.rolname, r.rolsuper, r.rolbypassrls, "
            + "exists (select 1 from pg_roles where rolname = $1) as runtime_exists, "
            + "case when exists (select 1 from pg_roles where rolname = $1) "
            + "then pg_has_role(current_user, $1, 'MEMBER') else false end as runtime_member "
            + "from pg_roles r where r.rolname = current_user", Tuple.of(runtimeRole))
        .compose(rows -> {
          Row role = rows.iterator().next();
          String name = role.getString("rolname");
          if (role.getBoolean("rolsuper")) {
            throw new StepFailed(name + " is a superuser: superusers bypass row-level security, so tenant "
                + "isolation would be decorative; connect as the application role");
          }
          if (role.getBoolean("rolbypassrls")) {
            throw new StepFailed(name + " has BYPASSRLS: it would see every tenant's rows; connect as a role "
                + "without it");
          }
          return session.query("select set_config($1, $2, false) as tenant", Tuple.of(tenantSetting, tenantId))
              .compose(ignored -> session.query("select current_setting($1, true) as tenant",
                  Tuple.of(tenantSetting)))
              .map(set -> {
                String tenant = set.iterator().next().getString("tenant");
                if (!tenantId.equals(tenant)) {
                  throw new StepFailed(tenantSetting + " reads back as '" + tenant + "', not '" + tenantId + "'");
                }
                boolean member = role.getBoolean("runtime_member");
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("role", name);
                evidence.put("superuser", false);
                evidence.put("bypassRls", false);
                evidence.put("tenant", tenant);
                evidence.put("runtimeRole", runtimeRole);
                evidence.put("runtimeRoleGranted", member);
                String runtime = member ? "; may SET ROLE " + runtimeRole
                    : role.getBoolean("runtime_exists") ? "; NOT a member of " + runtimeRole
                        + " (the dry-run needs: grant " + runtimeRole + " to " + name + ")"
                        : "; role " + runtimeRole + " does not exist (the dry-run needs it: create role "
                            + runtimeRole + " nologin; grant " + runtimeRole + " to " + name + ")";
                String runtimePl = member ? "; może wykonać SET ROLE " + runtimeRole
                    : role.getBoolean("runtime_exists") ? "; NIE należy do " + runtimeRole
                        + " (dry-run tego wymaga: grant " + runtimeRole + " to " + name + ")"
                        : "; rola " + runtimeRole + " nie istnieje (dry-run jej wymaga: create role "
                            + runtimeRole + " nologin; grant " + runtimeRole + " to " + name + ")";
                return new StepOutcome("session role " + name + " is neither superuser nor BYPASSRLS; "
                    + tenantSetting + " = " + tenant + runtime,
                    "rola sesji " + name + " nie jest superuserem ani nie ma BYPASSRLS; "
                    + tenantSetting + " = " + tenant + runtimePl, evidence);
              });
        });
  }

  /** A temporary table, so the probe needs no schema of ours and can leave nothing behind. */
  private Future<StepOutcome> writeProbe() {
    String payload = "{\"probe\":\"integration-console\",\"tenant\":\"" + tenantId + "\"}";
    return session.begin().compose(tx -> session.query("select pg_is_in_recovery() as replica, "
                + "current_setting('transaction_read_only') as read_only")
            .compose(state -> {
              Row row = state.iterator().next();
              if (row.getBoolean("replica")) {
                throw new StepFailed("the endpoint is a read-only standby (pg_is_in_recovery): the adapter "
                    + "needs the primary");
              }
              if ("on".equals(row.getString("read_only"))) {
                throw new StepFailed("sessions on this endpoint are read-only (default_transaction_read_only)");
              }
              return session.query("create temporary table " + PROBE_TABLE + " (probe_id text primary key, "
                  + "payload jsonb not null) on commit drop");
            })
            .compose(ignored -> session.query("insert into " + PROBE_TABLE + " values ($1, $2::text::jsonb)",
                Tuple.of("probe-1", payload)))
            .compose(ignored -> session.query("select payload::text as payload from " + PROBE_TABLE
                + " where probe_id = $1", Tuple.of("probe-1")))
            .compose(read -> {
              String back = read.iterator().hasNext() ? read.iterator().next().getString("payload") : null;
              return tx.rollback().map(back);
            })
            .recover(failure -> tx.rollback().otherwiseEmpty().compose(ignored -> Future.failedFuture(failure))))
        .compose(back -> session.query("select to_regclass('pg_temp." + PROBE_TABLE + "') is null as gone")
            .map(gone -> {
              if (back == null || !new JsonObject(back).equals(new JsonObject(payload))) {
                throw new StepFailed("wrote " + payload + " but read back " + back);
              }
              if (!gone.iterator().next().getBoolean("gone")) {
                throw new StepFailed("the probe table is still there after the rollback");
              }
              Map<String, Object> evidence = new LinkedHashMap<>();
              evidence.put("rowsWritten", 1);
              evidence.put("rowsReadBack", 1);
              evidence.put("rolledBack", true);
              evidence.put("residue", 0);
              return new StepOutcome("wrote 1 row, read it back unchanged, rolled back: nothing left on the target",
                  "zapisano 1 wiersz, odczytano go bez zmian, wycofano: na celu nic nie zostało", evidence);
            }));
  }
}
