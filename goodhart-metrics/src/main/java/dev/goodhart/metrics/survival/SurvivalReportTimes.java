package dev.goodhart.metrics.survival;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads survival curves at fixed times, so that curves of different groups (AI-written and
 * human-written lines) and of different runs line up in charts and reports.
 */
public final class SurvivalReportTimes {
  /** The days reports read by default: the first week, month, quarter, half year and year. */
  public static final List<Double> DEFAULT_DAYS =
      List.of(0.0, 7.0, 14.0, 30.0, 60.0, 90.0, 180.0, 365.0);

  private SurvivalReportTimes() {}

  /** Reads {@code curve} at {@link #DEFAULT_DAYS}. */
  public static List<SurvivalSample> sample(SurvivalCurve curve) {
    return sample(curve, DEFAULT_DAYS);
  }

  /**
   * Reads {@code curve} at each of {@code days}, in the order given.
   *
   * @throws IllegalArgumentException when a day is not a finite number, zero or more
   */
  public static List<SurvivalSample> sample(SurvivalCurve curve, List<Double> days) {
    requireNonNull(curve, "curve is null");
    requireNonNull(days, "days is null");
    List<SurvivalSample> samples = new ArrayList<>(days.size());
    for (Double day : days) {
      requireNonNull(day, "a report day is null");
      if (!Double.isFinite(day) || day < 0) {
        throw new IllegalArgumentException(
            "a report time must be a finite number of days, zero or more, but was '" + day + "'");
      }
      samples.add(
          new SurvivalSample(
              day, curve.survivalAt(day), curve.standardErrorAt(day), curve.atRiskAt(day)));
    }
    return List.copyOf(samples);
  }
}
