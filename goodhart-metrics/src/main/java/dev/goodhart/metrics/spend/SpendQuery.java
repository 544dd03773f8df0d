package dev.goodhart.metrics.spend;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Which UTC days a spend report covers, both ends included; null for the first or last day with
 * spend, billed or observed.
 */
public record SpendQuery(@Nullable LocalDate since, @Nullable LocalDate until) {
  public static final SpendQuery ALL = new SpendQuery(null, null);

  public SpendQuery {
    if (since != null && until != null && since.isAfter(until)) {
      throw new IllegalArgumentException("since " + since + " is after until " + until);
    }
  }
}
