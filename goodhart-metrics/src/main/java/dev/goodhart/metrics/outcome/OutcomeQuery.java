package dev.goodhart.metrics.outcome;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Which spend a report covers (UTC days, both ends included) and its privacy floor.
 *
 * @param minimumGroup groups (repositories, models, sources) of fewer people are suppressed, unless
 *     the whole report is one person's own
 */
public record OutcomeQuery(@Nullable LocalDate since, @Nullable LocalDate until, int minimumGroup) {
  public static final int PRIVACY_FLOOR = 5;

  public static final OutcomeQuery ALL = new OutcomeQuery(null, null, PRIVACY_FLOOR);

  public OutcomeQuery {
    if (minimumGroup < 1) {
      throw new IllegalArgumentException("minimumGroup must be at least 1: " + minimumGroup);
    }
  }
}
