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

  static synchronized void mark(String phase) {
    if (!ENABLED) {
      return;
    }
    long now = System.nanoTime();
    PrintStream err = System.err;
    // The processor time too: on a busy machine the wall time says more about the others.
    long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
    err.printf(
        "goodhart trace: %-28s %6.1f ms (at %6.1f ms since main, %6.1f ms of processor since main)%n",
        phase, (now - last) / 1e6, (now - START) / 1e6, (cpu - START_CPU) / 1e6);
    last = now;
  }
}
