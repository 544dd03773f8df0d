package dev.goodhart.metrics.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The 5-hour billing block rule, as the subscriptions meter usage and as ccusage shows it: a block
 * starts at the (UTC) hour of its first request and ends five hours later; a request at or after
 * the end, or more than five hours after the previous one, starts a new block; the block is active
 * while it has not ended and its last request is less than five hours ago. {@code usage blocks} and
 * {@code statusline} both follow it.
 */
public final class BlockRule {
  public static final Duration LENGTH = Duration.ofHours(5);

  private BlockRule() {}

  /** Where a block whose first request is at {@code first} starts. */
  public static Instant start(Instant first) {
    return first.truncatedTo(ChronoUnit.HOURS);
  }

  /** Whether a request at {@code at} starts a new block after the block {@code start..last}. */
  public static boolean startsNew(Instant start, Instant last, Instant at) {
    return !at.isBefore(start.plus(LENGTH)) || Duration.between(last, at).compareTo(LENGTH) > 0;
  }

  /** Whether the block {@code start..last} is still running at {@code now}. */
  public static boolean isActive(Instant start, Instant last, Instant now) {
    return Duration.between(last, now).compareTo(LENGTH) < 0 && now.isBefore(start.plus(LENGTH));
  }
}
