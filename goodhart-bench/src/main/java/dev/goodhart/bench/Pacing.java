package dev.goodhart.bench;

/**
 * The schedule of an open-loop run: request {@code k} carries events {@code k * batch} onwards and
 * is due {@link #offsetNanos(long) offsetNanos(k)} after the start, whether or not the requests
 * before it have been answered. A request sent late is timed from when it was due, so a server that
 * stalls shows its queueing in the latencies (no coordinated omission).
 *
 * @param rate events per second; 0 means unpaced: each connection sends as soon as it is free
 * @param batch events per request
 * @param count events in the whole run; {@link Long#MAX_VALUE} when only a duration bounds it
 */
record Pacing(long rate, int batch, long count) {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  Pacing {
    if (rate < 0 || batch < 1 || count < 1) {
      throw new IllegalArgumentException(
          "rate must be 0 or more, batch and count 1 or more: %d, %d, %d"
              .formatted(rate, batch, count));
    }
  }

  boolean paced() {
    return rate > 0;
  }

  /** How many requests carry the count; {@link Long#MAX_VALUE} when the count is unbounded. */
  long requests() {
    return count == Long.MAX_VALUE ? Long.MAX_VALUE : (count - 1) / batch + 1;
  }

  /** The number of the request's first event. */
  long firstEvent(long request) {
    return request * batch;
  }

  /** How many events the request carries: the batch, or what is left of the count. */
  int eventsIn(long request) {
    return (int) Math.min(batch, count - firstEvent(request));
  }

  /**
   * When the request is due, in nanoseconds after the start: its first event's place in a steady
   * stream of {@code rate} events per second. Whole seconds and the remainder apart, so the
   * arithmetic stays exact and in range for any run shorter than centuries.
   */
  long offsetNanos(long request) {
    if (!paced()) {
      return 0;
    }
    long events = firstEvent(request);
    return events / rate * NANOS_PER_SECOND + events % rate * NANOS_PER_SECOND / rate;
  }
}
