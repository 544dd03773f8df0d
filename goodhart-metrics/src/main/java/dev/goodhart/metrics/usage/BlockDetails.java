package dev.goodhart.metrics.usage;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a billing-block row adds. A block starts at the hour of its first request and lasts five
 * hours; a gap row stands for more than five hours without requests.
 *
 * @param actualEnd the last request's time; null for a gap
 * @param burnRate for the active block: how fast it spends
 * @param projection for the active block: where it ends at this rate
 */
public record BlockDetails(
    String source,
    Instant start,
    Instant end,
    @Nullable Instant actualEnd,
    boolean active,
    boolean gap,
    @Nullable BurnRate burnRate,
    @Nullable Projection projection) {

  public BlockDetails {
    requireNonNull(source, "source is null");
    requireNonNull(start, "start is null");
    requireNonNull(end, "end is null");
  }

  /** Tokens per minute and dollars per hour between the block's first and last request. */
  public record BurnRate(BigDecimal tokensPerMinute, BigDecimal costPerHour) {}

  /** The block's totals if it goes on at its burn rate until it ends. */
  public record Projection(long totalTokens, BigDecimal totalCost, long remainingMinutes) {}
}
