package dev.goodhart.metrics.survival;

/**
 * A survival curve read at one chosen time, for a chart or a JSON report.
 *
 * @param timeDays the time read, in days since the lines' commits
 * @param survival the estimated share of lines still alive then, in [0, 1]
 * @param standardError Greenwood's standard error of {@code survival}
 * @param atRisk lines observed for at least {@code timeDays}; a small number says the estimate
 *     rests on few lines
 */
public record SurvivalSample(double timeDays, double survival, double standardError, long atRisk) {
  public SurvivalSample {
    if (!(survival >= 0 && survival <= 1)) {
      throw new IllegalArgumentException(
          "survival is a share between 0 and 1, but was '" + survival + "' at day " + timeDays);
    }
    if (atRisk < 0) {
      throw new IllegalArgumentException(
          "lines at risk cannot be negative, but were '" + atRisk + "' at day " + timeDays);
    }
  }
}
