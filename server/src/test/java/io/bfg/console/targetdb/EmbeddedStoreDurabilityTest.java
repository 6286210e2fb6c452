package io.bfg.console.targetdb;

import io.bfg.console.model.DatabaseNames;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store answers a command only once it is on disk, so its server must flush: zonky's
 * defaults (fsync, synchronous_commit and full_page_writes off, fine for a throwaway rehearsal
 * target) would let a power cut lose events the console had already acknowledged.
 */
@DisplayName("The embedded store's PostgreSQL")
class EmbeddedStoreDurabilityTest {

  private static final DatabaseNames STORE = new DatabaseNames("console_store", "console_store_owner", "console_rt");

  @TempDir
  java.nio.file.Path dataDir;

  @Test
  @DisplayName("flushes every commit to disk (fsync, synchronous_commit, full_page_writes on)")
  void durable() throws Exception {
    try (EmbeddedTarget store = EmbeddedTarget.storeOf(dataDir, STORE, STORE.runtimeRole())) {
      TargetEndpoint endpoint = store.start();
      assertThat(setting(endpoint, "fsync")).isEqualTo("on");
      assertThat(setting(endpoint, "synchronous_commit")).isEqualTo("on");
      assertThat(setting(endpoint, "full_page_writes")).isEqualTo("on");
    }
  }

  private static String setting(TargetEndpoint endpoint, String name) throws Exception {
    try (Connection c = TestTarget.connect(endpoint); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("show " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
