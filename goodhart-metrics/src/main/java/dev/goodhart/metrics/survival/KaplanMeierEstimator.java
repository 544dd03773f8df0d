package dev.goodhart.metrics.survival;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The Kaplan–Meier (product-limit) estimator: S(t) = Π over death times tᵢ ≤ t of (1 − dᵢ / nᵢ),
 * with dᵢ the lines that died at tᵢ and nᵢ the lines at risk just before it.
 *
 * <p>When lines die and others are censored at the same time, the deaths come first: a line last
 * seen alive at day 30 was alive through day 30, so it is at risk for the deaths at day 30. This is
 * the usual convention and the one published examples use.
 *
 * <p>Counts stay exact {@code long}s; only the survival product and its standard error are doubles.
 * Each factor is computed as (nᵢ − dᵢ) / nᵢ from exact counts, so a curve without censoring ends
 * within rounding of the plain share of survivors.
 */
public final class KaplanMeierEstimator {
  private KaplanMeierEstimator() {}

  /** Estimates the survival curve of {@code observations}, with one point per distinct duration. */
  public static SurvivalCurve estimate(SurvivalObservations observations) {
    requireNonNull(observations, "observations is null");
    Steps steps = new Steps(observations.totalLines(), observations.distinctDurations());
    observations.forEachDuration(steps::add);
    return new SurvivalCurve(steps.points);
  }

  /** Walks the durations forward, carrying the product and Greenwood's sum. */
  private static final class Steps {
    final List<SurvivalPoint> points;
    long atRisk;
    double survival = 1.0;

    /**
     * Greenwood's Σ dᵢ / (nᵢ (nᵢ − dᵢ)); the variance of S(t) is S(t)² times it. The term is
     * undefined when every line at risk dies, and the curve is then 0 for good.
     */
    double greenwoodSum;

    Steps(long lines, int durations) {
      this.atRisk = lines;
      this.points = new ArrayList<>(durations);
    }

    void add(double durationDays, long deaths, long censored) {
      if (deaths == atRisk) {
        survival = 0.0;
      } else if (deaths > 0) {
        survival *= (double) (atRisk - deaths) / atRisk;
        // In doubles: n (n − d) overflows a long beyond about three billion lines.
        greenwoodSum += deaths / ((double) atRisk * (atRisk - deaths));
      }
      points.add(
          new SurvivalPoint(durationDays, survival, atRisk, deaths, censored, standardError()));
      atRisk -= deaths + censored;
    }

    /**
     * Once every line at risk has died the curve is 0 and Greenwood's sum diverges; we report 0,
     * the limit the formula reaches without censoring (where it is S(1 − S) / n), rather than NaN,
     * which a chart or a JSON file cannot carry.
     */
    private double standardError() {
      return survival == 0.0 ? 0.0 : survival * Math.sqrt(greenwoodSum);
    }
  }
}
