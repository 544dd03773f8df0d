package dev.goodhart.metrics.outcome;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.JavaHeap;

/**
 * Whether linking a period fits in the Java heap, judged before it starts. A linking holds every
 * session of the period and every commit of the scanned repositories at once; one that does not fit
 * does not fail cleanly: at 100M events (930,000 sessions, 651,000 commits) and the default 256 MiB
 * heap the server spent 136 s in full collections, then the JVM crashed inside DuckDB's driver,
 * whose native code does not survive a full heap, taking ingestion down with it. A question that
 * cannot be answered within the heap gets an answer that says which setting to raise instead.
 */
final class HeapBudget {
  /**
   * What a linked session and a scanned commit hold, rounded up from a 10M-event organisation in 20
   * repositories (106,629 sessions and 74,570 commits peaked at ~140 MB more than the server at
   * rest).
   */
  static final long BYTES_PER_SESSION = 1_100;

  static final long BYTES_PER_COMMIT = 500;

  /** Of the heap, what a linking may take: the rest is the server's and the answer's. */
  static final double SHARE = 0.8;

  private static final long MIB = 1L << 20;

  private HeapBudget() {}

  /** The bytes a linking of so many sessions and commits holds. */
  static long estimate(long sessions, long commits) {
    return sessions * BYTES_PER_SESSION + commits * BYTES_PER_COMMIT;
  }

  /**
   * Throws {@link ErrorCode#OUT_OF_RESOURCES} with the heap to start goodhart with when the linking
   * would not fit in {@code maxHeap} bytes.
   */
  static void check(long sessions, long commits, long maxHeap) {
    long needed = estimate(sessions, commits);
    if (needed <= maxHeap * SHARE) {
      return;
    }
    long suggestedGib = Math.max(1, (long) Math.ceil(needed / SHARE / (1L << 30)));
    throw new GoodhartException(
        ErrorCode.OUT_OF_RESOURCES,
        ("linking the %,d sessions of this period with the %,d commits of the scanned repositories"
                + " needs about %,d MiB of Java heap and goodhart has %,d MiB; start it with a larger"
                + " heap, e.g. %s, or ask for a shorter period")
            .formatted(
                sessions,
                commits,
                needed / MIB,
                maxHeap / MIB,
                JavaHeap.setting(suggestedGib + "g")));
  }
}
