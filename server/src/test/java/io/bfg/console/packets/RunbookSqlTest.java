package io.bfg.console.packets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.model.DataModel.Tenancy;
import io.bfg.console.packets.RunbookSql.RunbookHeader;
import io.bfg.console.snapshot.BfgFixtures;
import io.bfg.console.snapshot.DataModelReader;
import io.bfg.console.snapshot.Snapshot;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the rendered runbook on a real PostgreSQL (embedded, real binaries) and proves tenant
 * isolation with roles that, like production ones, are neither superusers nor BYPASSRLS: the
 * schema is owned by {@code bfg_owner}, the application connects as {@code app_user}. Every
 * test gets a fresh database so a negative control cannot leak into the others.
 */
class RunbookSqlTest {

  private static final RunbookHeader HEADER = new RunbookHeader("BFGScenarioSnapshot.v1", "db-auth-session-adapter",
      "grant-demo-local", "bfg-feb1d61b", 286, "BLOCKED_PENDING_PREFLIGHT");
  private static final String OWNER = "bfg_owner";
  private static final String APP = "app_user";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static EmbeddedPostgres pg;
  private static DataModel model;
  private static String sql;
  private static String schema;

  private String database;

  @BeforeAll
  static void startPostgres() throws Exception {
    model = BfgFixtures.model();
    sql = RunbookSql.render(model, HEADER);
    schema = model.schema();
    pg = EmbeddedPostgres.builder().start();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("create role " + OWNER + " login nosuperuser nobypassrls");
      s.execute("create role " + APP + " login nosuperuser nobypassrls");
    }
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  @BeforeEach
  void freshDatabase() throws SQLException {
    database = "runbook_" + DATABASES.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("create database " + database + " owner " + OWNER);
    }
  }

  @Nested
  @DisplayName("The rendered runbook")
  class Rendering {

    @Test
    @DisplayName("starts with the seed's header comments and is the same text every time")
    void header() {
      assertThat(sql).startsWith(String.join("\n",
          "-- ProductionAdapterMigrationRunbook.v1",
          "-- source=BFGScenarioSnapshot.v1",
          "-- target=db-auth-session-adapter",
          "-- session=grant-demo-local",
          "-- checksum=bfg-feb1d61b",
          "-- rows=286",
          "-- runbook_decision=BLOCKED_PENDING_PREFLIGHT",
          "create schema if not exists bfg_flowcontrol;",
          "create table if not exists bfg_flowcontrol.tenants ("));
      assertThat(RunbookSql.render(BfgFixtures.model(), HEADER)).isEqualTo(sql);
    }

    /**
     * The policy names and the setting come from the data model's tenancy: with BFG's declared
     * {@code setting: bfg.tenant_id} (the data-model helper's change) they read {@code bfg_tenant_<table>}
     * and {@code current_setting('bfg.tenant_id', true)}, as before; until that merges, the default's.
     */
    @Test
    @DisplayName("creates every table with RLS enabled, forced and one tenant policy on the tenancy setting")
    void everyTable() {
      String setting = model.tenancy().setting();
      String prefix = setting.substring(0, setting.indexOf('.')) + "_tenant_";
      for (String table : RunbookSql.tableNames(model)) {
        String name = schema + "." + table;
        assertThat(RunbookSql.policyName(model, table)).isEqualTo(prefix + table);
        assertThat(sql).contains("create table if not exists " + name + " (",
            "alter table " + name + " enable row level security;",
            "alter table " + name + " force row level security;",
            "drop policy if exists " + prefix + table + " on " + name + ";",
            "create policy " + prefix + table + " on " + name + "\n"
                + "  using (tenant_id = current_setting('" + setting + "', true))\n"
                + "  with check (tenant_id = current_setting('" + setting + "', true));");
      }
      assertThat(sql).contains("  permissions text[] not null\n",
          "  tenant_id text not null references bfg_flowcontrol.tenants(tenant_id),\n");
    }

    @Test
    @DisplayName("with BFG's tenancy setting, is BFG's runbook byte for byte as it was before tenancy was declared")
    void bfgUnchanged() throws Exception {
      DataModel declared = new DataModel(model.schema(), new Tenancy("tenants", "tenant_id", "bfg.tenant_id"),
          model.batches(), model.tables());

      assertThat(RunbookSql.render(declared, new RunbookHeader("BFGScenarioSnapshot.v1", "db-auth-session-adapter",
          "grant-demo-local", "bfg-2f5bb8c7", 286, "BLOCKED_PENDING_PREFLIGHT")))
          .isEqualTo(PacketsTest.saved("ProductionAdapterMigrationRunbook.v1"));
    }

    @Test
    @DisplayName("names its policies and the setting they read after the data model's tenancy, not a constant")
    void tenancyFromTheModel() {
      DataModel other = new DataModel(model.schema(), new Tenancy("tenants", "tenant_id", "care.clinic_id"),
          model.batches(), model.tables());

      String rendered = RunbookSql.render(other, HEADER);

      assertThat(rendered).contains("create policy care_tenant_orders on bfg_flowcontrol.orders\n"
          + "  using (tenant_id = current_setting('care.clinic_id', true))\n"
          + "  with check (tenant_id = current_setting('care.clinic_id', true));");
      assertThat(rendered).doesNotContain("bfg.tenant_id", "bfg_tenant_", "app.tenant_id");
    }

    @Test
    @DisplayName("leaves the runbook_decision line out when no runbook packet reports a decision")
    void withoutDecision() {
      String rendered = RunbookSql.render(model, new RunbookHeader("S.v1", "t", "s", "x-1", 3, null));

      assertThat(rendered).startsWith("-- ProductionAdapterMigrationRunbook.v1\n-- source=S.v1\n-- target=t\n"
          + "-- session=s\n-- checksum=x-1\n-- rows=3\ncreate schema if not exists ");
    }

    @Test
    @DisplayName("refuses a header value that would break out of its comment line")
    void headerInjection() {
      assertThatThrownBy(() -> new RunbookHeader("ScenarioSnapshot.v1", "x\ndrop schema public;", "s", "bfg-1", 0, "D"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target");
    }
  }

  @Test
  @DisplayName("applies cleanly to PostgreSQL, twice in a row")
  void appliesTwice() throws SQLException {
    try (Connection owner = connect(OWNER)) {
      execute(owner, sql);
      execute(owner, sql);
      assertThat(tablesInSchema(owner)).containsExactlyInAnyOrderElementsOf(RunbookSql.tableNames(model));
    }
  }

  @Test
  @DisplayName("enables and forces row-level security on every table")
  void rlsEnabledAndForced() throws SQLException {
    try (Connection owner = connect(OWNER)) {
      execute(owner, sql);
      try (PreparedStatement q = owner.prepareStatement("select c.relname, c.relrowsecurity, c.relforcerowsecurity"
          + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relkind = 'r'")) {
        q.setString(1, schema);
        List<String> seen = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            seen.add(rs.getString(1));
            assertThat(rs.getBoolean(2)).as(rs.getString(1) + " relrowsecurity").isTrue();
            assertThat(rs.getBoolean(3)).as(rs.getString(1) + " relforcerowsecurity").isTrue();
          }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(RunbookSql.tableNames(model));
      }
    }
  }

  @Test
  @DisplayName("the application role can bypass nothing: not a superuser, no BYPASSRLS, not the owner")
  void appRoleIsOrdinary() throws SQLException {
    prepareForApp(sql);
    try (Connection app = connect(APP); Statement s = app.createStatement();
         ResultSet rs = s.executeQuery("select rolsuper, rolbypassrls from pg_roles where rolname = current_user")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).isFalse();
      assertThat(rs.getBoolean(2)).isFalse();
    }
    try (Connection owner = connect(OWNER); Statement s = owner.createStatement();
         ResultSet rs = s.executeQuery("select tableowner from pg_tables where schemaname = '" + schema + "'")) {
      while (rs.next()) {
        assertThat(rs.getString(1)).isEqualTo(OWNER);
      }
    }
  }

  @Test
  @DisplayName("a tenant session sees its own rows and another tenant's session sees none of them")
  void isolation() throws SQLException {
    prepareForApp(sql);
    seedTenantA();
    try (Connection a = tenantSession(APP, "tenant-a")) {
      assertThat(count(a, "tenants")).isEqualTo(1);
      assertThat(count(a, "users")).isEqualTo(1);
      assertThat(count(a, "orders")).isEqualTo(2);
    }
    try (Connection b = tenantSession(APP, "tenant-b")) {
      for (String table : RunbookSql.tableNames(model)) {
        assertThat(count(b, table)).as(table).isZero();
      }
    }
    // A session that forgot to say who it is sees nothing rather than everything.
    try (Connection anonymous = connect(APP)) {
      assertThat(count(anonymous, "orders")).isZero();
    }
  }

  @Test
  @DisplayName("writing a row for another tenant is refused by the policy's WITH CHECK")
  void withCheck() throws SQLException {
    prepareForApp(sql);
    seedTenantA();
    try (Connection b = tenantSession(APP, "tenant-b")) {
      execute(b, "insert into " + schema + ".tenants (tenant_id, name, created_at) values ('tenant-b', 'B', now())");
    }
    try (Connection a = tenantSession(APP, "tenant-a")) {
      assertThatThrownBy(() -> execute(a, insertOrder("ORD-B-1", "tenant-b")))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42501");
            assertThat(e.getMessage()).contains("row-level security policy");
          });
    }
    try (Connection b = tenantSession(APP, "tenant-b")) {
      assertThat(count(b, "orders")).isZero();
    }
  }

  @Nested
  @DisplayName("The table owner")
  class Owner {

    @Test
    @DisplayName("is bound by the policies because they are forced")
    void forced() throws SQLException {
      prepareForApp(sql);
      seedTenantA();
      assertThat(ownerSeesOtherTenantsOrders()).isZero();
    }

    @Test
    @DisplayName("sees every tenant's rows when FORCE is left out (the check above has teeth)")
    void negativeControl() throws SQLException {
      String unforced = withoutForce(sql);
      assertThat(sql.lines().count() - unforced.lines().count()).isEqualTo(RunbookSql.tableNames(model).size());
      prepareForApp(unforced);
      seedTenantA();
      assertThat(ownerSeesOtherTenantsOrders()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("the shipped snapshot replays into the runbook tables and stays invisible to another tenant")
  void replaysShippedSnapshot() throws SQLException {
    prepareForApp(sql);
    Snapshot snapshot = BfgFixtures.shippedSnapshot();
    try (Connection app = tenantSession(APP, snapshot.tenantId())) {
      for (TableDef table : RunbookSql.tableNames(model).stream().filter(t -> !t.equals(RunbookSql.SNAPSHOTS_TABLE))
          .map(t -> model.tables().stream().filter(d -> d.name().equals(t)).findFirst().orElseThrow()).toList()) {
        insertRows(app, table, snapshot.tables().get(table.name()));
      }
      execute(app, "insert into " + schema + ".scenario_snapshots (snapshot_id, tenant_id, checksum, schema_version,"
          + " payload) values ('snap-1', '" + snapshot.tenantId() + "', '" + snapshot.checksum() + "', '"
          + snapshot.schema() + "', '" + snapshot.payload().toString().replace("'", "''") + "'::jsonb)");
      Map<String, Long> expected = snapshot.summary(model).rowsByTable();
      for (Map.Entry<String, Long> table : expected.entrySet()) {
        assertThat(count(app, table.getKey())).as(table.getKey()).isEqualTo(table.getValue());
      }
      assertThat(count(app, RunbookSql.SNAPSHOTS_TABLE)).isEqualTo(1);
    }
    try (Connection b = tenantSession(APP, "tenant-b")) {
      for (String table : RunbookSql.tableNames(model)) {
        assertThat(count(b, table)).as(table).isZero();
      }
    }
  }

  @Test
  @DisplayName("the data model's reserved-word list covers every word PostgreSQL reserves")
  void reservedWords() throws SQLException {
    Set<String> reserved = new HashSet<>();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select word from pg_get_keywords() where catcode in ('R', 'T')")) {
      while (rs.next()) {
        reserved.add(rs.getString(1));
      }
    }
    assertThat(reserved).isNotEmpty();
    assertThat(DataModelReader.RESERVED).containsAll(reserved);
  }

  /** Owner applies the runbook and grants the application role what an application gets. */
  private void prepareForApp(String runbook) throws SQLException {
    try (Connection owner = connect(OWNER)) {
      execute(owner, runbook);
      execute(owner, "grant usage on schema " + schema + " to " + APP);
      execute(owner, "grant select, insert on all tables in schema " + schema + " to " + APP);
    }
  }

  private void seedTenantA() throws SQLException {
    try (Connection a = tenantSession(APP, "tenant-a")) {
      execute(a, "insert into " + schema + ".tenants (tenant_id, name, created_at) values ('tenant-a', 'A', now())");
      execute(a, "insert into " + schema + ".users (user_id, tenant_id, role_key, display_name, permissions)"
          + " values ('user-a', 'tenant-a', 'dispatcher', 'A Dispatcher', '{scenario.read}')");
      execute(a, insertOrder("ORD-A-1", "tenant-a"));
      execute(a, insertOrder("ORD-A-2", "tenant-a"));
    }
  }

  private long ownerSeesOtherTenantsOrders() throws SQLException {
    try (Connection owner = tenantSession(OWNER, "tenant-b")) {
      return count(owner, "orders");
    }
  }

  private static String insertOrder(String id, String tenant) {
    return "insert into " + schema + ".orders (order_id, tenant_id, client_id, pickup_city, delivery_city,"
        + " cargo_class, pallets, weight_kg, pickup_date, status, created_at) values ('" + id + "', '" + tenant
        + "', 'cp_client_lviv_farma', 'Stryków', 'Lwów', 'pharma_2_8c', 4, 1800.5, '2026-04-02', 'planned', now())";
  }

  static String withoutForce(String runbook) {
    return runbook.lines().filter(line -> !line.endsWith(" force row level security;"))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  // Binds every value as text and lets PostgreSQL cast it to the column type, as a generic replay does.
  private static void insertRows(Connection c, TableDef table, List<ObjectNode> rows) throws SQLException {
    String columns = table.columns().stream().map(ColumnDef::name).collect(Collectors.joining(", "));
    String values = table.columns().stream().map(col -> "?::" + col.type()).collect(Collectors.joining(", "));
    try (PreparedStatement insert = c.prepareStatement(
        "insert into " + schema + "." + table.name() + " (" + columns + ") values (" + values + ")")) {
      for (ObjectNode row : rows) {
        for (int i = 0; i < table.columns().size(); i++) {
          ColumnDef column = table.columns().get(i);
          JsonNode value = row.get(column.name());
          if (value == null || value.isNull()) {
            insert.setNull(i + 1, Types.VARCHAR);
          } else if (column.type().equals("text[]")) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            insert.setArray(i + 1, c.createArrayOf("text", items.toArray()));
          } else if (value.isContainerNode()) {
            insert.setString(i + 1, value.toString());
          } else if (value.isBigDecimal()) {
            insert.setString(i + 1, value.decimalValue().toPlainString());
          } else {
            insert.setString(i + 1, value.asText());
          }
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private Connection connect(String role) throws SQLException {
    return pg.getDatabase(role, database).getConnection();
  }

  private Connection tenantSession(String role, String tenant) throws SQLException {
    Connection c = connect(role);
    try (PreparedStatement set = c.prepareStatement("select set_config(?, ?, false)")) {
      set.setString(1, model.tenancy().setting());
      set.setString(2, tenant);
      set.execute();
    }
    return c;
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + schema + "." + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(Connection c, String statement) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private List<String> tablesInSchema(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("select tablename from pg_tables where schemaname = ?")) {
      q.setString(1, schema);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
