package dev.goodhart.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.goodhart.model.ImportTransaction;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.store.UsageAggregate;
import dev.goodhart.store.UsageFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five million requests into one store with the default memory limit, in import-sized transactions,
 * then the reports' sums over all of them: every transaction de-duplicates against a table that
 * keeps growing. Takes minutes, so it runs only when asked: {@code ./run-tests -pl
 * goodhart-model,goodhart-ingest,goodhart-git,goodhart-store -Dtest=FiveMillionRequestsTest
 * -Dgoodhart.heavy=true}.
 */
class FiveMillionRequestsTest {
  private static final int TOTAL = 5_000_000;
  private static final int PER_TRANSACTION = 250_000;

  @TempDir Path folder;

  @Test
  void fiveMillionRequestsImportAndSumWithTheDefaultLimit() {
    assumeTrue(Boolean.getBoolean("goodhart.heavy"), "a heavy test: -Dgoodhart.heavy=true");
    long started = System.nanoTime();
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      for (int first = 0; first < TOTAL; first += PER_TRANSACTION) {
        try (ImportTransaction transaction = store.beginImport()) {
          // Each transaction repeats a tenth of the one before: a file read again after it grew.
          int from = Math.max(0, first - PER_TRANSACTION / 10);
          transaction.add(events(from, first + PER_TRANSACTION));
          transaction.commit();
        }
      }
      long imported = System.nanoTime();
      assertEquals(TOTAL, store.statistics().countedEvents());
      long requests =
          store.usageBySlot(UsageFilter.ALL, Duration.ofDays(1)).stream()
              .mapToLong(UsageAggregate::requests)
              .sum();
      assertEquals(TOTAL, requests);
      assertEquals(
          TOTAL,
          store.usageBySessionDay(UsageFilter.ALL).stream()
              .mapToLong(UsageAggregate::requests)
              .sum());
      System.out.printf(
          "5,000,000 requests: imported in %.1f s, summed in %.1f s%n",
          (imported - started) / 1e9, (System.nanoTime() - imported) / 1e9);
    }
  }

  private static List<UsageEvent> events(int from, int to) {
    List<UsageEvent> events = new ArrayList<>(to - from);
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = from; i < to; i++) {
      events.add(
          new UsageEvent(
              "claude",
              "m:msg_%09d|r:req_%09d".formatted(i, i),
              "msg_%09d".formatted(i),
              false,
              start.plusSeconds(i * 6L),
              "session-%06d".formatted(i / 500),
              "project-%d".formatted(i % 40),
              "/home/someone/work/project-%d".formatted(i % 40),
              "main",
              "machine-%d".formatted(i % 50),
              "anthropic",
              "claude-sonnet-4-5-20250929",
              false,
              TokenCounts.of(1_000 + i % 97, 300, 50_000 + i % 1000, 2_000),
              null));
    }
    return events;
  }
}
