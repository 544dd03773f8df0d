package dev.goodhart.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.ImportTransaction;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit DuckDB cannot write (a full disk) fails that write alone: once the fault clears, the
 * same store takes the next write, and nothing of the failed one was stored. The fault here is
 * real: the write-ahead log's path is a folder, so DuckDB's commit fails to open it, as it fails to
 * write it on a full disk ("No space left on device" on a small file system fails the same way).
 */
class DuckDbFailedCommitTest {
  private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

  @TempDir Path folder;

  @Test
  void telemetryIsStoredOnceAfterAFailedCommit() throws IOException {
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      store.appendTelemetry(events("a", 100), List.of());
      whileCommitsFail(
          store,
          () -> {
            for (int attempt = 0; attempt < 3; attempt++) {
              assertThrows(
                  GoodhartException.class, () -> store.appendTelemetry(events("b", 50), List.of()));
            }
          });
      store.appendTelemetry(events("b", 50), List.of());
      store.appendTelemetry(events("c", 10), List.of());

      assertEquals(160, store.statistics().events());
      assertEquals(160, store.statistics().countedEvents());
    }
  }

  @Test
  void anImportIsStoredOnceAfterAFailedCommit() throws IOException {
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      importEvents(store, events("a", 100));
      whileCommitsFail(
          store,
          () -> {
            assertThrows(GoodhartException.class, () -> importEvents(store, events("b", 50)));
            assertThrows(GoodhartException.class, () -> importEvents(store, events("b", 50)));
          });
      importEvents(store, events("b", 50));

      assertEquals(150, store.statistics().events());
    }
  }

  @Test
  void aStoreReopenedAfterAFailedCommitHasWhatWasCommitted() throws IOException {
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      store.appendTelemetry(events("a", 100), List.of());
      whileCommitsFail(
          store,
          () ->
              assertThrows(
                  GoodhartException.class,
                  () -> store.appendTelemetry(events("b", 50), List.of())));
    }
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      assertEquals(100, store.statistics().events());
    }
  }

  /**
   * Runs {@code attempts} while the write-ahead log's path is taken by a folder (after a checkpoint
   * emptied the log), then clears the fault.
   */
  private static void whileCommitsFail(DuckDbStore store, Runnable attempts) throws IOException {
    store.checkpoint();
    Path wal = store.file().resolveSibling(store.file().getFileName() + ".wal");
    Files.deleteIfExists(wal);
    Files.createDirectory(wal);
    try {
      attempts.run();
    } finally {
      Files.delete(wal);
    }
  }

  private static void importEvents(DuckDbStore store, List<UsageEvent> events) {
    try (ImportTransaction transaction = store.beginImport()) {
      transaction.add(events);
      transaction.commit();
    }
  }

  private static List<UsageEvent> events(String batch, int count) {
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(
          new UsageEvent(
              "claude",
              "otel:" + batch + i,
              null,
              false,
              AT.plusSeconds(i),
              "s-" + batch,
              null,
              null,
              null,
              "m1",
              "anthropic",
              "claude-sonnet-4-5",
              false,
              TokenCounts.of(100 + i, 10, 0, 0),
              null));
    }
    return events;
  }
}
