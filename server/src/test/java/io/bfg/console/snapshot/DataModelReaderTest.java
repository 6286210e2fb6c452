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
      assertRefused(root -> table(root, 0).put("name", "customers"), "tables", "no 'tenants' table");
    }
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
