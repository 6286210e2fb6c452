package io.bfg.console.targetdb;

import io.bfg.console.model.DatabaseNames;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded target creates the database and roles a scenario declares; a second scenario run with
 * the same data dir gets its own beside the first one's, on the same port, and the first one's keep
 * working (their passwords unchanged).
 */
@DisplayName("The embedded target's names")
class EmbeddedTargetNamesTest {

  private static final DatabaseNames FIRST = new DatabaseNames("bfg_adapter", "bfg_app", "bfg_runtime");
  private static final DatabaseNames SECOND = new DatabaseNames("care_records", "care_app", "care_runtime");

  @TempDir
  Path dataDir;

  @Test
  @DisplayName("come from the scenario, and a second scenario's are added beside the first's")
  void perScenario() throws Exception {
    TargetEndpoint first;
    try (EmbeddedTarget target = new EmbeddedTarget(dataDir, FIRST, FIRST.runtimeRole())) {
      first = target.start();
      assertThat(first.database()).isEqualTo("bfg_adapter");
      assertThat(first.user()).isEqualTo("bfg_app");
      assertThat(runtimeMember(first, "bfg_runtime")).isTrue();
    }
    // the file an earlier console wrote for these names: the superuser's, the app role's and the port
    assertThat(credentials().stringPropertyNames()).containsExactlyInAnyOrder("postgres", "bfg_app", "port");

    try (EmbeddedTarget target = new EmbeddedTarget(dataDir, SECOND, SECOND.runtimeRole())) {
      TargetEndpoint second = target.start();
      assertThat(second.database()).isEqualTo("care_records");
      assertThat(second.user()).isEqualTo("care_app");
      assertThat(second.port()).isEqualTo(first.port());
      assertThat(runtimeMember(second, "care_runtime")).isTrue();
      assertThat(runtimeMember(second, "bfg_runtime")).isFalse();
    }

    try (EmbeddedTarget target = new EmbeddedTarget(dataDir, FIRST, FIRST.runtimeRole())) {
      TargetEndpoint again = target.start();
      assertThat(again.password()).isEqualTo(first.password());
      assertThat(runtimeMember(again, "bfg_runtime")).isTrue();
    }
  }

  /** Logs in as the endpoint's role over TLS and asks whether it may SET ROLE {@code role}. */
  private static boolean runtimeMember(TargetEndpoint endpoint, String role) throws Exception {
    try (Connection c = TestTarget.connect(endpoint); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select coalesce((select pg_has_role(current_user, oid, 'MEMBER') "
             + "from pg_roles where rolname = '" + role + "'), false)")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private Properties credentials() throws Exception {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(dataDir.resolve("target-pg/credentials.properties"))) {
      properties.load(in);
    }
    return properties;
  }
}
