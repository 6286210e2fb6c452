package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.Branding;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.Label;
import io.bfg.console.model.SnapshotSummary;
import io.bfg.console.model.Tenant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotTest {

  private final DataModel model = BfgFixtures.model();

  @Test
  @DisplayName("the payload carries the scenario's snapshot schema and every table, tenants and users from the scenario")
  void payload() {
    ObjectNode payload = BfgFixtures.shippedSnapshot().payload();
    assertThat(payload.get("schema").asText()).isEqualTo("BFGScenarioSnapshot.v1");
    assertThat(payload.get("tenantId").asText()).isEqualTo("bfg-control");
    assertThat(payload.get("tables").properties()).extracting(Map.Entry::getKey).containsExactly(
        "tenants", "users", "orders", "driver_events", "client_requests", "dispatch_evidence", "ksef_invoices",
        "payments", "audit_events");
    assertThat(payload.get("tables").get("users")).hasSize(5);
  }

  @Test
  @DisplayName("the summary counts rows per table and per batch group and checksums the canonical payload")
  void summary() {
    Snapshot snapshot = BfgFixtures.shippedSnapshot();
    SnapshotSummary summary = snapshot.summary(model);
    assertThat(summary.schema()).isEqualTo(BfgFixtures.BRANDING.snapshotSchema());
    assertThat(summary.rowsByTable()).containsEntry("tenants", 1L).containsEntry("users", 5L)
        .containsEntry("orders", 40L).containsEntry("audit_events", 40L).hasSize(9);
    assertThat(List.copyOf(summary.rowsByBatch().entrySet())).containsExactly(Map.entry("tenant-rbac", 6L),
        Map.entry("operations", 160L), Map.entry("finance", 80L), Map.entry("audit", 40L));
    assertThat(summary.totalRows()).isEqualTo(286);
    assertThat(summary.checksum()).hasSize(64).isEqualTo(Checksums.sha256(snapshot.payload()));
    assertThat(summary.checksumShort()).isEqualTo("bfg-" + summary.checksum().substring(0, 8));
  }

  @Test
  @DisplayName("the scenario's branding names the payload and prefixes the short checksum; without one the defaults do")
  void branding() {
    SampleData sample = SampleDataFile.read(BfgFixtures.SAMPLE_DATA, model);
    Snapshot acme = Snapshot.assemble(model, new Branding(new Label("Acme", "Acme"), "AcmeSnapshot.v2", "acme"),
        BfgFixtures.TENANT, BfgFixtures.ACTORS, sample);
    Snapshot plain = Snapshot.assemble(model, null, BfgFixtures.TENANT, BfgFixtures.ACTORS, sample);

    assertThat(acme.payload().get("schema").asText()).isEqualTo("AcmeSnapshot.v2");
    assertThat(acme.summary(model).checksumShort()).isEqualTo("acme-" + acme.checksum().substring(0, 8));
    assertThat(plain.payload().get("schema").asText()).isEqualTo(Branding.DEFAULT_SNAPSHOT_SCHEMA);
    assertThat(plain.summary(model).checksumShort()).startsWith(Branding.DEFAULT_CHECKSUM_PREFIX + "-");
    // the schema id is part of what the checksum covers
    assertThat(plain.checksum()).isNotEqualTo(acme.checksum()).isNotEqualTo(BfgFixtures.shippedSnapshot().checksum());
  }

  @Test
  @DisplayName("a sample for another tenant cannot be assembled into this tenant's snapshot")
  void tenantMismatch() {
    SampleData other = new SampleData("tenant-b", Map.of());
    assertThatThrownBy(() -> Snapshot.assemble(model, BfgFixtures.BRANDING, BfgFixtures.TENANT, BfgFixtures.ACTORS, other))
        .isInstanceOfSatisfying(DataModelException.class, e -> assertThat(e.path()).isEqualTo("tenantId"));
  }

  @Test
  @DisplayName("tables without sample rows appear empty and count zero in their batch")
  void emptyTables() {
    Snapshot snapshot = Snapshot.assemble(model, BfgFixtures.BRANDING, BfgFixtures.TENANT, BfgFixtures.ACTORS,
        new SampleData("bfg-control", new LinkedHashMap<>()));
    SnapshotSummary summary = snapshot.summary(model);
    assertThat(summary.totalRows()).isEqualTo(6);
    assertThat(summary.rowsIn("operations")).isZero();
    assertThat(snapshot.payload().get("tables").get("orders")).isEmpty();
    assertThat(summary.checksum()).isEqualTo(Checksums.sha256(snapshot.payload()));
    assertThat(List.copyOf(summary.rowsByBatch().keySet())).containsExactly("tenant-rbac", "operations", "finance", "audit");
  }

  @Test
  @DisplayName("the tenant row takes the tenant's name and the model's fixed moment, never the clock")
  void tenantRow() {
    Tenant renamed = new Tenant("bfg-control", "BFG Control Sp. z o.o.", "single-tenant-local", "grant-demo-local");
    Snapshot snapshot = Snapshot.assemble(model, BfgFixtures.BRANDING, renamed, BfgFixtures.ACTORS,
        new SampleData("bfg-control", Map.of()));
    assertThat(snapshot.tables().get("tenants")).singleElement().satisfies(row -> {
      assertThat(row.get("name").asText()).isEqualTo("BFG Control Sp. z o.o.");
      assertThat(row.get("created_at").asText()).isEqualTo("2026-03-02T07:00:00Z");
    });
  }
}
