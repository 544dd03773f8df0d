package dev.goodhart.ingest;

/**
 * @param strict whether the first bad record fails the import (nothing read after it is stored)
 * @param parallelism how many files are parsed at once
 * @param batchEvents how many events are committed together; smaller batches lose less work to a
 *     crash, larger ones import faster (a transaction streams its events out of the heap, so the
 *     size costs no memory)
 */
public record ImportOptions(boolean strict, int parallelism, int batchEvents) {
  public ImportOptions {
    if (parallelism < 1 || batchEvents < 1) {
      throw new IllegalArgumentException("parallelism and batchEvents must be positive");
    }
  }

  /**
   * 250,000 events per commit: more than two of DuckDB's row groups (122,880 rows), which DuckDB
   * then writes straight to the database file instead of through its log, a commit several times
   * cheaper per row than smaller batches.
   */
  public static ImportOptions defaults() {
    return new ImportOptions(
        false, Math.max(1, Runtime.getRuntime().availableProcessors()), 250_000);
  }

  public ImportOptions strict(boolean value) {
    return new ImportOptions(value, parallelism, batchEvents);
  }

  public ImportOptions batchEvents(int value) {
    return new ImportOptions(strict, parallelism, value);
  }
}
