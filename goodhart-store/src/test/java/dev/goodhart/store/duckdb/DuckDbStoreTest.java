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

  @Test
  void migrationsAreListedInTheOrderOfTheirVersions() {
    for (int i = 1; i < DuckDbSchema.MIGRATIONS.size(); i++) {
      assertTrue(
          DuckDbSchema.MIGRATIONS.get(i).version() > DuckDbSchema.MIGRATIONS.get(i - 1).version(),
          "migration %d comes after %d"
              .formatted(
                  DuckDbSchema.MIGRATIONS.get(i).version(),
                  DuckDbSchema.MIGRATIONS.get(i - 1).version()));
    }
  }

  /**
   * A store made by a build that had step 9 and not yet step 8 (branches take their numbers in
   * advance) gets step 8 when it is opened: the vendor tables appear, nothing else is redone.
   */
  @Test
  void aMissingEarlierStepIsAppliedAfterALaterOne() throws Exception {
    store.close();
    Path skipped = folder.resolve("without-8");
    java.nio.file.Files.createDirectories(skipped);
    try (Connection connection =
            DriverManager.getConnection("jdbc:duckdb:" + skipped.resolve(DuckDbStore.FILE_NAME));
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)");
      for (DuckDbSchema.Migration migration : DuckDbSchema.MIGRATIONS) {
        if (migration.version() != 8) {
          for (String sql : migration.statements()) {
            statement.execute(sql);
          }
          statement.execute(
              "INSERT INTO schema_version VALUES (%d, 'old', now())"
                  .formatted(migration.version()));
        }
      }
    }
    try (DuckDbStore upgraded = DuckDbStore.open(skipped, new DuckDbStore.Settings("128MB", 2))) {
      assertEquals(DuckDbSchema.LATEST, upgraded.statistics().schemaVersion());
      assertEquals(java.util.List.of(), upgraded.vendorUsageByDay(null, null));
    }
  }

  /** A store of the first server release keeps its pull requests and reviews through version 7. */
  @Test
  void aStoreOfVersion5KeepsItsPullRequestsAndReviews() throws Exception {
    store.close();
    Path old = folder.resolve("v5");
    java.nio.file.Files.createDirectories(old);
    try (Connection connection =
            DriverManager.getConnection("jdbc:duckdb:" + old.resolve(DuckDbStore.FILE_NAME));
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)");
      for (DuckDbSchema.Migration migration : DuckDbSchema.MIGRATIONS) {
        if (migration.version() <= 5) {
          for (String sql : migration.statements()) {
            statement.execute(sql);
          }
          statement.execute(
              "INSERT INTO schema_version VALUES (%d, 'old', now())"
                  .formatted(migration.version()));
        }
      }
      statement.execute(
          "INSERT INTO pull_request VALUES ('acme/web', 7, 'merged', 'p_a', TIMESTAMPTZ '2026-03-01 09:00:00+00',"
              + " TIMESTAMPTZ '2026-03-01 10:00:00+00', TIMESTAMPTZ '2026-03-01 10:00:00+00',"
              + " TIMESTAMPTZ '2026-03-01 10:00:00+00', '"
              + "d".repeat(40)
              + "', '"
              + "b".repeat(40)
              + "', 'main', 3, 1, 2)");
      statement.execute(
          "INSERT INTO review VALUES (99, 'acme/web', 7, 'approved', 'p_b', TIMESTAMPTZ '2026-03-01 09:30:00+00')");
    }
    try (DuckDbStore upgraded = DuckDbStore.open(old, new DuckDbStore.Settings("128MB", 2))) {
      assertEquals(DuckDbSchema.LATEST, upgraded.statistics().schemaVersion());
      var pr = upgraded.pullRequests().getFirst();
      assertEquals(7, pr.number());
      assertEquals(3, pr.additions());
      assertEquals(null, pr.headRef());
      assertEquals(false, pr.draft());
      assertEquals(99L, upgraded.reviews().getFirst().reviewId());
      assertEquals("approved", upgraded.reviews().getFirst().state());
    }
    store = open(folder.resolve("elsewhere"));
  }
}
