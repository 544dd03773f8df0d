package dev.goodhart.git.oracle;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The time of the next commit. It moves forward by minutes, hours or days, so that sixty commits
 * span about two months, as in a small active project.
 */
final class HistoryClock {
  static final Instant START = Instant.parse("2025-03-03T08:17:00Z");

  private final Random random;
  private Instant now = START;

  HistoryClock(Random random) {
    this.random = random;
  }

  Instant next() {
    int draw = random.nextInt(100);
    Duration step;
    if (draw < 40) {
      step = Duration.ofMinutes(3 + random.nextInt(240));
    } else if (draw < 75) {
      step = Duration.ofMinutes(120 + random.nextInt(22 * 60));
    } else {
      step = Duration.ofMinutes(24 * 60 + random.nextInt(4 * 24 * 60));
    }
    now = now.plus(step).plusSeconds(random.nextInt(60));
    return now;
  }

  /**
   * When a commit authored at {@code authored} (the latest moment) was committed: mostly at once,
   * sometimes minutes later, as after an amend or a rebase.
   */
  Instant committedAt(Instant authored) {
    if (random.nextInt(5) != 0) {
      return authored;
    }
    now = authored.plusSeconds(60 + random.nextInt(600));
    return now;
  }
}
