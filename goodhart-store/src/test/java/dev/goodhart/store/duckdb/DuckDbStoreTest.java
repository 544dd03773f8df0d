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
