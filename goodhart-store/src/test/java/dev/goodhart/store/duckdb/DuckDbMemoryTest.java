package dev.goodhart.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.ImportTransaction;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large import batches within the store's default memory limit, and a clear word when they do not
 * fit.
 */
class DuckDbMemoryTest {
  @TempDir Path folder;

  /**
   * 300,000 events with a heavy user's long strings in one transaction: DuckDB's CSV reader once
   * took three 32 MiB buffers of the 96 MB and failed before storing a row.
   */
  @Test
  void aBatchOfThreeHundredThousandEventsFitsTheDefaultLimit() {
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      for (int round = 0; round < 2; round++) {
        try (ImportTransaction transaction = store.beginImport()) {
          transaction.add(events(round * 300_000, 300_000));
          transaction.commit();
        }
      }
      assertEquals(600_000, store.statistics().events());
    }
  }

  @Test
  void aStoreOutOfMemorySaysWhichSettingToRaiseAndKeepsWhatItHad() {
    try (DuckDbStore store = DuckDbStore.open(folder, new DuckDbStore.Settings("16MB", 2))) {
      try (ImportTransaction transaction = store.beginImport()) {
        transaction.add(events(0, 10));
        transaction.commit();
      }
      GoodhartException failure =
          assertThrows(
              GoodhartException.class,
              () -> {
                try (ImportTransaction transaction = store.beginImport()) {
                  transaction.add(events(10, 300_000));
                  transaction.commit();
                }
              });
      assertEquals(ErrorCode.OUT_OF_RESOURCES, failure.code());
      assertTrue(
          failure.getMessage().contains("GOODHART_DUCKDB_MEMORY=512MB"), failure.getMessage());
      assertFalse(failure.getMessage().contains("SET memory_limit"), failure.getMessage());
      assertEquals(10, store.statistics().events());
    }
  }

  /**
   * DuckDB's driver fills a result in the Java heap; when it does not fit it reports what it saw
   * (as it did reading 933,231 sessions' usage at 100M events in a 256 MiB heap): the message names
   * the launcher's setting, not the driver's words alone.
   */
  @Test
  void aResultThatDoesNotFitTheJavaHeapSaysWhatToRaise() {
    GoodhartException failure =
        StoreFailures.of(
            "cannot sum usage by session and day",
            folder,
            new java.sql.SQLException("Invalid Error: Java heap space"));
    assertEquals(ErrorCode.OUT_OF_RESOURCES, failure.code());
    assertTrue(failure.getMessage().contains("GOODHART_JAVA_OPTS=-Xmx1g"), failure.getMessage());
  }

  /**
   * A long session's edits: 12,000 signals of 400 line hashes each (over 90 MB staged) in one
   * transaction, each staged twice, as a file read twice would. A {@code DISTINCT ON} over the
   * batch once held all of it in DuckDB's memory.
   */
  @Test
  void editsWithManyLineHashesFitTheDefaultLimitAndAreKeptOnce() {
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      try (ImportTransaction transaction = store.beginImport()) {
        for (int copy = 0; copy < 2; copy++) {
          List<SessionSignal> signals = new ArrayList<>();
          for (int i = 0; i < 12_000; i++) {
            long[] hashes = new long[400];
            for (int line = 0; line < hashes.length; line++) {
              hashes[line] = (i * 1_000_003L + line) * 0x9E3779B97F4A7C15L;
            }
            SessionSignal.Context at =
                new SessionSignal.Context(
                    "claude",
                    "long-session",
                    "m1",
                    Instant.parse("2026-09-01T00:00:00Z").plusSeconds(i),
                    "/work/shop",
                    "main",
                    null);
            signals.add(SessionSignal.edit(at, "edit-" + i, "src/file" + i % 300 + ".ts", hashes));
          }
          transaction.addSignals(signals);
        }
        transaction.commit();
      }
      List<String[]> sessions = store.sessionsWithWrittenLines();
      assertEquals(1, sessions.size());
      long[] stored = {0};
      store.writtenLines(signal -> stored[0] += signal.lineHashCount());
      assertEquals(12_000L * 400, stored[0]);
    }
  }

  private static List<UsageEvent> events(int first, int count) {
    List<UsageEvent> events = new ArrayList<>(count);
    Instant start = Instant.parse("2026-09-01T00:00:00Z");
    for (int i = first; i < first + count; i++) {
      String session = "session-%06d-".formatted(i / 465) + "x".repeat(24);
      events.add(
          new UsageEvent(
              "claude",
              "msg_%08d:req_%08d".formatted(i, i),
              "msg_%08d".formatted(i),
              false,
              start.plusSeconds(i * 7L),
              session,
              "project-with-a-long-name-%d".formatted(i % 40),
              "/home/someone/work/projects/project-with-a-long-name-%d".formatted(i % 40),
              "feature/branch-%d".formatted(i % 13),
              "machine-0123456789abcdef",
              "anthropic",
              "claude-sonnet-4-5-20250929",
              false,
              TokenCounts.of(1_000 + i % 97, 300, 50_000, 2_000),
              null));
    }
    return events;
  }
}
