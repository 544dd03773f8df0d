package dev.goodhart.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Commit times spread evenly over a span, each a random moment of its own slot, so that they always
 * increase: the {@code i}-th of {@code n} commits falls in the {@code i}-th {@code n}-th of the
 * span.
 */
final class CommitClock {
  private final long start;
  private final long span;
  private final int commits;
  private final Random random;
  private int next;

  CommitClock(Instant start, Duration span, int commits, Random random) {
    this.start = start.getEpochSecond();
    this.span = span.toSeconds();
    this.commits = commits;
    this.random = random;
  }

  /** The next commit's time, in seconds since the epoch. */
  long next() {
    double slot = next++ + 0.9 * random.nextDouble();
    return start + (long) (span * slot / commits);
  }

  /** When the work was authored: up to a few hours before it was committed (rebases, reviews). */
  long authoredBefore(long committedAt) {
    return committedAt - random.nextInt(4 * 3600);
  }
}
