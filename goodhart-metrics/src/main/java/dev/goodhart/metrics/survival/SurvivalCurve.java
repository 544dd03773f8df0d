package dev.goodhart.metrics.survival;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A Kaplan–Meier survival curve: a step function that starts at 1 and drops at each time some lines
 * died. Made by {@link KaplanMeierEstimator#estimate}.
 *
 * <p>Beyond the longest observed duration the curve keeps its last value: nothing was seen there,
 * and this is the usual reading of a curve whose longest observation is censored. A curve without
 * points (no lines) reads 1 everywhere, as a curve where no line ever died does.
 *
 * @param points one per distinct observed duration, deaths or censorings, by ascending time
 */
public record SurvivalCurve(List<SurvivalPoint> points) {
  /**
   * How far above one half a product of doubles may land and still count as reaching it. The exact
   * product can be 1/2 (one of two lines dies) while the rounded one is a few ulps above it;
   * without slack the half-life would then jump to a later step. The price is that a curve truly
   * within 10^-10 above one half also counts as there, which moves a half-life by one step at most.
   */
  private static final double HALF_TOLERANCE = 1e-10;

  public SurvivalCurve {
    requireNonNull(points, "points is null");
    points = List.copyOf(points);
    for (int index = 1; index < points.size(); index++) {
      requireFollows(points.get(index - 1), points.get(index));
    }
    if (!points.isEmpty()) {
      SurvivalPoint first = points.getFirst();
      if (first.deaths() == 0 && first.survival() != 1) {
        throw new IllegalArgumentException(
            "survival must stay at 1 until a line dies, but was '"
                + first.survival()
                + "' at day "
                + first.timeDays());
      }
      SurvivalPoint last = points.getLast();
      if (last.atRiskAfter() != 0) {
        throw new IllegalArgumentException(
            "every line at risk must be accounted for by the last point, but '"
                + last.atRiskAfter()
                + "' were left after day "
                + last.timeDays());
      }
    }
  }

  /** The number of lines observed: all of them are at risk at the first point. */
  public long totalLines() {
    return points.isEmpty() ? 0 : points.getFirst().atRisk();
  }

  /** The number of lines that died. */
  public long totalDeaths() {
    return points.stream().mapToLong(SurvivalPoint::deaths).sum();
  }

  /** The number of lines still alive when last seen. */
  public long totalCensored() {
    return points.stream().mapToLong(SurvivalPoint::censored).sum();
  }

  /**
   * The estimated share of lines still alive {@code timeDays} after their commit: the curve's value
   * at the last step at or before that time, 1 before the first.
   */
  public double survivalAt(double timeDays) {
    int index = lastIndexAtOrBefore(timeDays);
    return index < 0 ? 1.0 : points.get(index).survival();
  }

  /** Greenwood's standard error of {@link #survivalAt}; 0 before the first death. */
  public double standardErrorAt(double timeDays) {
    int index = lastIndexAtOrBefore(timeDays);
    return index < 0 ? 0.0 : points.get(index).standardError();
  }

  /** The number of lines observed for at least {@code timeDays}: those still at risk then. */
  public long atRiskAt(double timeDays) {
    int index = lastIndexAtOrBefore(timeDays);
    if (index >= 0 && points.get(index).timeDays() == timeDays) {
      return points.get(index).atRisk();
    }
    return index + 1 < points.size() ? points.get(index + 1).atRisk() : 0;
  }

  /**
   * The median survival time: the smallest time at which the curve is at or below one half, or
   * empty when it never gets there, as when no line died.
   *
   * <p>Where the curve sits at exactly one half over an interval this is the interval's start; R's
   * {@code survfit} prints the interval's middle instead.
   */
  public Optional<Double> medianSurvival() {
    for (SurvivalPoint point : points) {
      if (point.survival() <= 0.5 + HALF_TOLERANCE) {
        return Optional.of(point.timeDays());
      }
    }
    return Optional.empty();
  }

  /** The half-life of a line, in days: another name for {@link #medianSurvival()}. */
  public Optional<Double> halfLife() {
    return medianSurvival();
  }

  /** The index of the last point at or before {@code timeDays}, or -1 when there is none. */
  private int lastIndexAtOrBefore(double timeDays) {
    if (Double.isNaN(timeDays)) {
      throw new IllegalArgumentException("a time on the curve must be a number of days, not NaN");
    }
    int low = 0;
    int high = points.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (points.get(middle).timeDays() <= timeDays) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return high;
  }

  private static void requireFollows(SurvivalPoint previous, SurvivalPoint next) {
    if (!(next.timeDays() > previous.timeDays())) {
      throw new IllegalArgumentException(
          "points must be in ascending time, but day "
              + next.timeDays()
              + " came after day "
              + previous.timeDays());
    }
    if (next.atRisk() != previous.atRiskAfter()) {
      throw new IllegalArgumentException(
          "the lines at risk at day "
              + next.timeDays()
              + " must be those left after day "
              + previous.timeDays()
              + ", '"
              + previous.atRiskAfter()
              + "', but were '"
              + next.atRisk()
              + "'");
    }
    boolean dropsWithoutDeath = next.deaths() == 0 && next.survival() != previous.survival();
    if (next.survival() > previous.survival() || dropsWithoutDeath) {
      throw new IllegalArgumentException(
          "survival can only drop, and only when lines die, but went from '"
              + previous.survival()
              + "' to '"
              + next.survival()
              + "' at day "
              + next.timeDays());
    }
  }
}
