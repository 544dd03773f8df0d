package dev.goodhart.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.store.Store;
import dev.goodhart.store.StoreConformanceTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class DuckDbStoreTest extends StoreConformanceTest {
  @Override
  protected Store open(Path folder) {
    return DuckDbStore.open(folder, new DuckDbStore.Settings("128MB", 2));
  }

  @Test
  void aNewStoreIsAtTheLatestSchemaVersion() {
    assertEquals(DuckDbSchema.LATEST, store.statistics().schemaVersion());
  }

  @Test
  void aStoreOfVersionFiveGainsLineProvenanceAndKeepsItsSignals() throws Exception {
    store.close();
    Path old = folder.resolve("v5");
    java.nio.file.Files.createDirectories(old);
    try (Connection connection =
            DriverManager.getConnection("jdbc:duckdb:" + old.resolve(DuckDbStore.FILE_NAME));
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR NOT NULL,"
              + " applied_at TIMESTAMPTZ NOT NULL)");
      for (DuckDbSchema.Migration migration : DuckDbSchema.MIGRATIONS.subList(0, 5)) {
        for (String sql : migration.statements()) {
          statement.execute(sql);
        }
        statement.execute(
            "INSERT INTO schema_version VALUES (%d, 'old', now())".formatted(migration.version()));
      }
      statement.execute(
          "INSERT INTO session_signal VALUES (uuid(), 'claude', 's1', 'm1', now(), 'EDIT', '/w',"
              + " 'main', NULL, NULL, NULL, 7, NULL, 0)");
    }

    store = open(old);

    assertEquals(DuckDbSchema.LATEST, store.statistics().schemaVersion());
    var signal = store.signals().getFirst();
    assertEquals(7, signal.lines());
    assertEquals(null, signal.filePath());
    assertEquals(0, signal.lineHashCount());
  }

  @Test
  void refusesAStoreWrittenByANewerGoodhart() throws Exception {
    store.close();
    try (Connection connection =
            DriverManager.getConnection("jdbc:duckdb:" + folder.resolve(DuckDbStore.FILE_NAME));
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO schema_version VALUES (999, 'from the future', now())");
    }

    GoodhartException e = assertThrows(GoodhartException.class, () -> open(folder));

    assertEquals(ErrorCode.STORE_FAILURE, e.code());
    assertTrue(e.getMessage().contains("schema version 999"), e.getMessage());
    store = open(folder.resolve("elsewhere"));
  }
}
