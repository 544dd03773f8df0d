package dev.goodhart.cli;

import java.io.PrintStream;

/**
 * Phase timings on standard error when {@code GOODHART_TRACE} is set: what a slow run spent its
 * time on, without a profiler.
 */
final class Trace {
  private static final boolean ENABLED = System.getenv("GOODHART_TRACE") != null;
  private static final long START = System.nanoTime();
  private static long last = START;
  private static final long START_CPU =
      ENABLED
          ? ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L)
          : 0L;

  private Trace() {}

  private static String millis(long nanos) {
    return Long.toString(nanos / 1_000_000) + "." + (nanos / 100_000) % 10;
  }

  static synchronized void mark(String phase) {
    if (!ENABLED) {
      return;
    }
    long now = System.nanoTime();
    PrintStream err = System.err;
    // The processor time too: on a busy machine the wall time says more about the others.
    long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
    // Concatenation, not printf: a Formatter's first use (its patterns, decimal formatting) took
    // longer than the fast commands it measures.
    err.println(
        "goodhart trace: "
            + phase
            + " ".repeat(Math.max(1, 29 - phase.length()))
            + millis(now - last)
            + " ms (at "
            + millis(now - START)
            + " ms since main, "
            + millis(cpu - START_CPU)
            + " ms of processor since main)");
    last = now;
  }
}
