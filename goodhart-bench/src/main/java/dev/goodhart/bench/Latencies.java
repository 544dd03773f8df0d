package dev.goodhart.bench;

import java.util.Arrays;

/**
 * Every request's latency in nanoseconds, kept whole: a run sends at most a few hundred thousand
 * requests, so a sorted array gives exact percentiles for a few megabytes. One per sending thread;
 * {@link #merge} joins them after the run.
 */
final class Latencies {
  private long[] nanos = new long[1024];
  private int size;

  void record(long latencyNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = latencyNanos;
  }

  int size() {
    return size;
  }

  static Latencies merge(Iterable<Latencies> parts) {
    Latencies all = new Latencies();
    for (Latencies part : parts) {
      for (int i = 0; i < part.size; i++) {
        all.record(part.nanos[i]);
      }
    }
    Arrays.sort(all.nanos, 0, all.size);
    return all;
  }

  /**
   * The nearest-rank percentile of a merged (sorted) set, in milliseconds: the smallest latency
   * that at least {@code percent}% of the requests did not exceed. 0 when nothing was recorded.
   */
  double percentileMillis(double percent) {
    if (size == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100 * size);
    return nanos[Math.clamp(rank - 1, 0, size - 1)] / 1e6;
  }

  double maxMillis() {
    return size == 0 ? 0 : nanos[size - 1] / 1e6;
  }
}
