package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.TableDef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataModelReaderTest {

  @Nested
  @DisplayName("The shipped data model")
  class Shipped {

    @Test
    @DisplayName("has the four batch groups of the data cutover, labelled in English and Polish")
    void batches() {
      DataModel model = BfgFixtures.model();
      assertThat(model.schema()).isEqualTo("bfg_flowcontrol");
      assertThat(model.batches()).extracting(DataModel.BatchGroup::id)
          .containsExactly("tenant-rbac", "operations", "finance", "audit");
      assertThat(model.batches()).extracting(b -> b.label().pl())
          .containsExactly("Seed tenant i RBAC", "Replay operacji", "Ledger finansowy", "Audit trail");
      assertThat(model.batches()).allSatisfy(b -> assertThat(b.description().en()).isNotBlank());
    }

    @Test
    @DisplayName("puts every table in its batch, keyed, with a not-null text tenant_id")
    void tables() {
      DataModel model = BfgFixtures.model();
      assertThat(model.tables()).extracting(t -> t.name() + "@" + t.batch()).containsExactly(
          "tenants@tenant-rbac", "users@tenant-rbac", "orders@operations", "driver_events@operations",
          "client_requests@operations", "dispatch_evidence@operations", "ksef_invoices@finance",
          "payments@finance", "audit_events@audit");
      for (TableDef table : model.tables()) {
        assertThat(table.columns()).as(table.name())
            .anySatisfy(c -> assertThat(c).isEqualTo(new DataModel.ColumnDef("tenant_id", "text", false)));
        assertThat(table.columns()).as(table.name()).anySatisfy(c -> assertThat(c.name()).isEqualTo(table.key()));
      }
      TableDef users = model.tables().get(1);
      assertThat(users.columns()).extracting(DataModel.ColumnDef::name)
          .containsExactly("user_id", "tenant_id", "role_key", "display_name", "permissions");
      assertThat(users.columns().get(4).type()).isEqualTo("text[]");
    }
  }

  @Nested
  @DisplayName("A broken data model is refused with the path of the problem")
  class Broken {

    @Test
    @DisplayName("when two tables share a name")
    void duplicateTable() {
      assertRefused(root -> table(root, 3).put("name", "orders"), "tables[3].name", "duplicate table name 'orders'");
    }

    @Test
    @DisplayName("when a table has two columns of the same name")
    void duplicateColumn() {
      assertRefused(root -> column(root, 2, 3).put("name", "client_id"), "tables[2].columns[3].name",
          "duplicate column name 'client_id'");
    }

    @Test
    @DisplayName("when a table names a batch group that does not exist")
    void unknownBatch() {
      assertRefused(root -> table(root, 6).put("batch", "ledger"), "tables[6].batch", "unknown batch 'ledger'");
    }

    @Test
    @DisplayName("when a column type is not in the allowed list")
    void unknownType() {
      assertRefused(root -> column(root, 3, 2).put("type", "varchar(20)"), "tables[3].columns[2].type",
          "type 'varchar(20)' is not one of");
    }

    @Test
    @DisplayName("when a table has no tenant_id column")
    void noTenantId() {
      assertRefused(root -> ((ArrayNode) table(root, 4).get("columns")).remove(1), "tables[4].columns",
          "no tenant_id column");
    }

    @Test
    @DisplayName("when tenant_id is nullable")
    void nullableTenantId() {
      assertRefused(root -> column(root, 4, 1).put("nullable", true), "tables[4].columns[1]",
          "tenant_id must be 'text' and not nullable");
    }

    @Test
    @DisplayName("when the key is not one of the table's columns")
    void keyNotAColumn() {
      assertRefused(root -> table(root, 2).put("key", "id"), "tables[2].key", "key 'id' is not one of the table's columns");
    }

    @Test
    @DisplayName("when the key column is nullable")
    void nullableKey() {
      assertRefused(root -> column(root, 2, 0).put("nullable", true), "tables[2].columns[0].nullable",
          "the key column cannot be nullable");
    }

    @Test
    @DisplayName("when two batch groups share an id")
    void duplicateBatch() {
      assertRefused(root -> ((ObjectNode) root.get("batches").get(3)).put("id", "finance"), "batches[3].id",
          "duplicate batch id 'finance'");
    }

    @Test
    @DisplayName("when a field is misspelt")
    void unknownField() {
      assertRefused(root -> column(root, 2, 5).put("nulable", false), "tables[2].columns[5].nulable", "unknown field");
    }

    @Test
    @DisplayName("when a label lacks its Polish text")
    void missingPolish() {
      assertRefused(root -> ((ObjectNode) table(root, 5).get("label")).remove("pl"), "tables[5].label.pl",
          "expected a non-empty string");
    }

    @Test
    @DisplayName("when nullable is not a boolean")
    void nullableNotBoolean() {
      assertRefused(root -> column(root, 2, 5).put("nullable", "sometimes"), "tables[2].columns[5].nullable",
          "expected true or false");
    }

    @Test
    @DisplayName("when a name could not be spliced into DDL unquoted")
    void notAnIdentifier() {
      assertRefused(root -> column(root, 2, 2).put("name", "client id; drop table x"), "tables[2].columns[2].name",
          "is not a lower-case SQL identifier");
      assertRefused(root -> column(root, 2, 2).put("name", "order"), "tables[2].columns[2].name",
          "reserved word");
    }

    @Test
    @DisplayName("when the data model declares the runbook's own snapshots table")
    void snapshotsTable() {
      assertRefused(root -> table(root, 8).put("name", "scenario_snapshots"), "tables[8].name",
          "created by the runbook itself");
    }

    @Test
    @DisplayName("when there is no tenants table for tenant_id to reference")
    void noTenantsTable() {
      assertRefused(root -> table(root, 0).put("name", "customers"), "tenancy.table", "no table named 'tenants'");
    }
  }

  @Nested
  @DisplayName("The tenancy")
  class TenancyBlock {

    @Test
    @DisplayName("is what BFG declares: tenants keyed by tenant_id, read from bfg.tenant_id")
    void declared() {
      assertThat(BfgFixtures.model().tenancy()).isEqualTo(new DataModel.Tenancy("tenants", "tenant_id", "bfg.tenant_id"));
    }

    @Test
    @DisplayName("defaults to tenants, tenant_id and app.tenant_id, key by key")
    void defaults() {
      ObjectNode root = shippedTree();
      root.remove("tenancy");
      assertThat(DataModelReader.fromTree(root).tenancy()).isEqualTo(DataModel.Tenancy.DEFAULT);
      ObjectNode partly = shippedTree();
      ((ObjectNode) partly.get("tenancy")).remove(java.util.List.of("table", "column"));
      assertThat(DataModelReader.fromTree(partly).tenancy())
          .isEqualTo(new DataModel.Tenancy("tenants", "tenant_id", "bfg.tenant_id"));
    }

    @Test
    @DisplayName("refuses a setting prefix that would make a table's policy name longer than PostgreSQL keeps")
    void policyNameTooLong() {
      assertRefused(root -> tenancy(root).put("setting", "a_very_long_setting_namespace_for_a_regional_network.org"),
          "tables[0].name",
          "longer than PostgreSQL's 63 characters");
    }

    @Test
    @DisplayName("refuses a tenancy table that does not exist")
    void missingTable() {
      assertRefused(root -> tenancy(root).put("table", "clients"), "tenancy.table", "no table named 'clients'");
    }

    @Test
    @DisplayName("refuses a tenancy table that is not keyed by the tenancy column")
    void notKeyed() {
      assertRefused(root -> table(root, 0).put("key", "name"), "tables[0].key",
          "the tenancy table tenants must be keyed by tenant_id");
    }

    @Test
    @DisplayName("refuses a table without the tenancy column, or with it nullable or not text")
    void columnEverywhere() {
      assertRefused(root -> tenancy(root).put("column", "org_id"), "tables[0].columns", "no org_id column");
      assertRefused(root -> column(root, 2, 1).put("type", "integer"), "tables[2].columns[1]",
          "tenant_id must be 'text' and not nullable");
    }

    @Test
    @DisplayName("refuses a setting that is not a custom PostgreSQL setting name")
    void setting() {
      for (String bad : new String[] {"tenant_id", "bfg-ops.tenant_id", "BFG.tenant_id", "a.b.c", "bfg.tenant id", "1x.y"}) {
        assertRefused(root -> tenancy(root).put("setting", bad), "tenancy.setting",
            "is not a custom PostgreSQL setting name");
      }
    }

    @Test
    @DisplayName("refuses an unknown key")
    void unknownKey() {
      assertRefused(root -> tenancy(root).put("seting", "x.y"), "tenancy.seting", "unknown field");
    }
  }

  @Nested
  @DisplayName("Rows from the scenario are declared, and refused with the path of the problem")
  class ScenarioRows {

    @Test
    @DisplayName("when a column of the actors' table has no source")
    void noSource() {
      assertRefused(root -> columns(root, 1).addObject().put("name", "active").put("type", "boolean")
          .put("nullable", false), "tables[1].columns[5]", "no source for 'active'");
    }

    @Test
    @DisplayName("when a source's type does not fit the column (permissions into text)")
    void wrongType() {
      assertRefused(root -> column(root, 1, 2).put("from", "actor.permissions"), "tables[1].columns[2].from",
          "'actor.permissions' is text[], the column is text");
      assertRefused(root -> column(root, 0, 2).put("from", "tenant.name"), "tables[0].columns[2].from",
          "'tenant.name' is text, the column is timestamptz");
      assertRefused(root -> without(column(root, 0, 2), "from").put("value", "yesterday"), "tables[0].columns[2].value",
          "for a timestamptz column");
    }

    @Test
    @DisplayName("when a source is unknown")
    void unknownSource() {
      assertRefused(root -> column(root, 1, 3).put("from", "actor.email"), "tables[1].columns[3].from",
          "unknown source 'actor.email'");
      assertRefused(root -> column(root, 0, 1).put("from", "tenant.title"), "tables[0].columns[1].from",
          "unknown source 'tenant.title'");
      assertRefused(root -> table(root, 1).put("from", "staff"), "tables[1].from", "unknown source 'staff'");
    }

    @Test
    @DisplayName("when two tables take their rows from the tenant")
    void twoFromTenant() {
      assertRefused(root -> table(root, 1).put("from", "tenant"), "tables[1].from", "two tables from the tenant");
    }

    @Test
    @DisplayName("when the tenancy table takes its rows from anything but the tenant")
    void tenancyFromActors() {
      assertRefused(root -> table(root, 0).put("from", "actors"), "tables[0].from", "its rows come from the tenant");
    }

    @Test
    @DisplayName("when an actor's field is read outside a table filled from actors")
    void actorOutsideActors() {
      assertRefused(root -> column(root, 2, 2).removeAll().put("name", "client_id").put("type", "text")
          .put("nullable", false).put("from", "actor.id"), "tables[2].columns[2].from", "only known in a table filled from actors");
    }

    @Test
    @DisplayName("when a table the scenario fills draws at random or is given a row count")
    void noRandomness() {
      assertRefused(root -> without(column(root, 1, 3), "from").putArray("oneOf").add("Anna").add("Marek"),
          "tables[1].columns[3].oneOf", "draws at random");
      assertRefused(root -> table(root, 1).put("rows", 5), "tables[1].rows", "applies to generated tables");
    }

    @Test
    @DisplayName("when the tenancy column is given another value than the tenant's id")
    void tenancyColumn() {
      assertRefused(root -> column(root, 1, 1).put("from", "actor.id"), "tables[1].columns[1]",
          "always holds the tenant's id");
    }
  }

  @Nested
  @DisplayName("A broken generator is refused with the path of the declaration")
  class BrokenGenerators {

    @Test
    @DisplayName("when a column declares two generators, or a misspelt one")
    void oneGenerator() {
      assertRefused(root -> column(root, 2, 6).putArray("oneOf").add(1), "tables[2].columns[6]",
          "declares [number, oneOf]");
      assertRefused(root -> without(column(root, 2, 6), "number").put("nmber", 1), "tables[2].columns[6].nmber",
          "unknown field");
      assertRefused(root -> column(root, 2, 6).put("weights", 1), "tables[2].columns[6].weights",
          "unknown key beside 'number'");
    }

    @Test
    @DisplayName("when a generator makes another type than its column")
    void typeFit() {
      assertRefused(root -> without(column(root, 2, 6), "number").put("chance", 0.5), "tables[2].columns[6].chance",
          "'chance' makes a boolean (for boolean columns), the column is integer");
      assertRefused(root -> without(column(root, 2, 6), "number").putArray("oneOf").add("many"), "tables[2].columns[6].oneOf[0]",
          "for a integer column");
      assertRefused(root -> ((ObjectNode) column(root, 2, 6).get("number")).put("min", 0.5), "tables[2].columns[6].number.scale",
          "scale must be 0");
    }

    @Test
    @DisplayName("when a ref names a table or column that does not exist")
    void refs() {
      assertRefused(root -> ((ObjectNode) column(root, 6, 3).get("ref")).put("table", "order"), "tables[6].columns[3].ref.table",
          "unknown table 'order'");
      assertRefused(root -> ((ObjectNode) column(root, 6, 3).get("ref").get("where")).put("colour", "red"),
          "tables[6].columns[3].ref.where.colour", "orders has no column 'colour'");
      assertRefused(root -> column(root, 6, 4).put("from", "order_id.colour"), "tables[6].columns[4].from",
          "orders has no column 'colour'");
      assertRefused(root -> column(root, 6, 4).put("from", "invoice_number.client_id"), "tables[6].columns[4].from",
          "does not come from a ref");
    }

    @Test
    @DisplayName("when a path names nothing the row has")
    void unknownPath() {
      assertRefused(root -> column(root, 2, 4).put("match", "client"), "tables[2].columns[4].match",
          "unknown path 'client': expected a column of orders");
    }

    @Test
    @DisplayName("when columns read each other in a circle, or tables refer to each other")
    void cycles() {
      assertRefused(root -> without(column(root, 2, 6), "number").put("calc", "weight_kg / 100"), "tables[2].columns[6]",
          "read each other in a circle");
      assertRefused(root -> column(root, 2, 2).removeAll().put("name", "client_id").put("type", "text")
          .put("nullable", false).putObject("ref").put("table", "driver_events"), "tables[2]",
          "the tables refer to each other in a circle: orders -> driver_events -> orders");
    }

    @Test
    @DisplayName("when rows are ordered by a column that depends on their order")
    void orderByOrdered() {
      assertRefused(root -> table(root, 2).put("orderBy", "order_id"), "tables[2].columns[0]", "cannot depend on their order");
    }

    @Test
    @DisplayName("when a not-null column could be left null")
    void nulls() {
      assertRefused(root -> column(root, 2, 6).put("nullChance", 0.1), "tables[2].columns[6].nullChance", "not nullable");
      assertRefused(root -> column(root, 2, 4).remove("else"), "tables[2].columns[4]", "needs an else");
    }

    @Test
    @DisplayName("when a check digit or a format is malformed")
    void formats() {
      assertRefused(root -> ((ObjectNode) column(root, 6, 5).get("check")).put("algorithm", "luhn"),
          "tables[6].columns[5].check.algorithm", "unknown algorithm 'luhn'");
      assertRefused(root -> column(root, 2, 0).put("format", "ORD-{n:0000"), "tables[2].columns[0].format", "without its '}'");
      assertRefused(root -> column(root, 2, 0).put("format", "ORD-{n:yyyy}"), "tables[2].columns[0].format",
          "a number's pattern is zeros");
      assertRefused(root -> column(root, 2, 11).put("date", "yesterday"), "tables[2].columns[11].date", "expected {from, to}");
      assertRefused(root -> ((ObjectNode) column(root, 2, 11).get("date")).put("from", "created_at + 4 hours"),
          "tables[2].columns[11].date.from", "unknown path 'created_at + 4 hours'");
    }
  }

  private static ObjectNode without(ObjectNode node, String field) {
    node.remove(field);
    return node;
  }

  private static ObjectNode tenancy(ObjectNode root) {
    return (ObjectNode) root.get("tenancy");
  }

  private static ArrayNode columns(ObjectNode root, int table) {
    return (ArrayNode) table(root, table).get("columns");
  }

  private static ObjectNode table(ObjectNode root, int index) {
    return (ObjectNode) root.get("tables").get(index);
  }

  private static ObjectNode column(ObjectNode root, int table, int column) {
    return (ObjectNode) table(root, table).get("columns").get(column);
  }

  private static void assertRefused(Consumer<ObjectNode> breakIt, String path, String problem) {
    ObjectNode root = shippedTree();
    breakIt.accept(root);
    assertThatThrownBy(() -> DataModelReader.fromTree(root))
        .isInstanceOfSatisfying(DataModelException.class, e -> {
          assertThat(e.path()).isEqualTo(path);
          assertThat(e.problem()).contains(problem);
          assertThat(e.getMessage()).startsWith(path + ": ");
        });
  }

  private static ObjectNode shippedTree() {
    try {
      return (ObjectNode) new YAMLMapper().readTree(Files.readAllBytes(BfgFixtures.DATA_MODEL));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
