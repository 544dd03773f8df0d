package dev.goodhart.metrics.survival;

/**
 * One step of a {@link SurvivalCurve}: what happened at one observed duration.
 *
 * @param timeDays the duration, in days since the lines' commits
 * @param survival the estimated share of lines still alive just after {@code timeDays}, in [0, 1]
 * @param atRisk lines alive just before {@code timeDays}: those observed for at least that long
 * @param deaths lines that died at {@code timeDays}
 * @param censored lines last seen alive at {@code timeDays}; they count in {@code atRisk} here
 * @param standardError Greenwood's standard error of {@code survival}
 */
public record SurvivalPoint(
    double timeDays,
    double survival,
    long atRisk,
    long deaths,
    long censored,
    double standardError) {
  public SurvivalPoint {
    if (!Double.isFinite(timeDays) || timeDays < 0) {
      throw new IllegalArgumentException(
          "a point's time must be a finite number of days, zero or more, but was '"
              + timeDays
              + "'");
    }
    if (!(survival >= 0 && survival <= 1)) {
      throw new IllegalArgumentException(
          "survival is a share between 0 and 1, but was '" + survival + "' at day " + timeDays);
    }
    if (deaths < 0 || censored < 0) {
      throw new IllegalArgumentException(
          "counts cannot be negative, but deaths were '"
              + deaths
              + "' and censored '"
              + censored
              + "' at day "
              + timeDays);
    }
    // Compared by subtraction, which cannot overflow once deaths <= atRisk.
    boolean countsFitAtRisk = deaths <= atRisk && censored <= atRisk - deaths;
    if (!countsFitAtRisk || deaths + censored == 0) {
      throw new IllegalArgumentException(
          "a point needs at least one observation and as many lines at risk as it has deaths and"
              + " censored lines, but had '"
              + atRisk
              + "' at risk, '"
              + deaths
              + "' deaths and '"
              + censored
              + "' censored at day "
              + timeDays);
    }
    if (!(standardError >= 0) || Double.isInfinite(standardError)) {
      throw new IllegalArgumentException(
          "a standard error must be finite and not negative, but was '"
              + standardError
              + "' at day "
              + timeDays);
    }
  }

  /** Lines still at risk just after this point: those observed for longer. */
  public long atRiskAfter() {
    return atRisk - deaths - censored;
  }
}
