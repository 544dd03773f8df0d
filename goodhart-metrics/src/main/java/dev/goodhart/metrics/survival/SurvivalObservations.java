package dev.goodhart.metrics.survival;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * Lifetimes of lines of code, collected for a {@link KaplanMeierEstimator}: for each duration, how
 * many lines died after living that long and how many were still alive (censored) when last seen.
 *
 * <p>Lines are counted, not stored: every line written by one commit and changed by another shares
 * one duration, so millions of lines cost one map entry per distinct duration. Groups collected
 * apart (per author kind, per thread, per repository) combine with {@link #addAll} or {@link
 * #plus}.
 *
 * <p>Not thread-safe: give each thread its own and merge them.
 */
public final class SurvivalObservations {
  /** Keyed by duration in days, ascending, so that the estimator walks time forward. */
  private final TreeMap<Double, Tally> byDuration = new TreeMap<>();

  private long lines;

  private SurvivalObservations() {}

  /** An empty set of observations. */
  public static SurvivalObservations create() {
    return new SurvivalObservations();
  }

  /**
   * Records lines that all lived {@code durationDays}.
   *
   * @param durationDays days from the line's commit to the commit that changed it (for deaths) or
   *     to the branch head (for censored lines); finite and not negative
   * @param deaths lines changed or deleted after that long
   * @param censored lines still alive at the head after that long
   * @return this, for chaining
   * @throws IllegalArgumentException when a value is out of range
   * @throws ArithmeticException when the total number of lines would overflow a {@code long}
   */
  public SurvivalObservations add(double durationDays, long deaths, long censored) {
    if (!Double.isFinite(durationDays) || durationDays < 0) {
      throw new IllegalArgumentException(
          "a duration must be a finite number of days, zero or more, but was '"
              + durationDays
              + "'; a line cannot die before its commit");
    }
    requireNotNegative("deaths", deaths);
    requireNotNegative("censored", censored);
    if (deaths == 0 && censored == 0) {
      // Nothing observed: no entry, so that no empty step shows up in the curve.
      return this;
    }
    long newLines = Math.addExact(lines, Math.addExact(deaths, censored));
    // Adding 0.0 turns -0.0 into 0.0; the map's Double ordering would keep them apart.
    Tally tally = byDuration.computeIfAbsent(durationDays + 0.0, duration -> new Tally());
    tally.deaths = Math.addExact(tally.deaths, deaths);
    tally.censored = Math.addExact(tally.censored, censored);
    lines = newLines;
    return this;
  }

  /**
   * Adds every observation of {@code other} to this one; {@code other} is left unchanged.
   *
   * @return this, for chaining
   */
  public SurvivalObservations addAll(SurvivalObservations other) {
    requireNonNull(other, "other is null");
    // Adding a set to itself reads from a copy, so that it doubles without changing the map it
    // walks.
    SurvivalObservations source = other == this ? create().addAll(this) : other;
    for (Map.Entry<Double, Tally> entry : source.byDuration.entrySet()) {
      add(entry.getKey(), entry.getValue().deaths, entry.getValue().censored);
    }
    return this;
  }

  /** A new set holding the observations of both this and {@code other}; neither is changed. */
  public SurvivalObservations plus(SurvivalObservations other) {
    requireNonNull(other, "other is null");
    return create().addAll(this).addAll(other);
  }

  /** The number of lines observed, dead or censored. */
  public long totalLines() {
    return lines;
  }

  /** The number of distinct durations, which is the number of steps the curve will have. */
  public int distinctDurations() {
    return byDuration.size();
  }

  /** Walks the observations by ascending duration. */
  void forEachDuration(DurationVisitor visitor) {
    byDuration.forEach((duration, tally) -> visitor.visit(duration, tally.deaths, tally.censored));
  }

  /** Receives the lines that share one duration. */
  @FunctionalInterface
  interface DurationVisitor {
    void visit(double durationDays, long deaths, long censored);
  }

  private static void requireNotNegative(String name, long count) {
    if (count < 0) {
      throw new IllegalArgumentException(
          "a count of lines cannot be negative, but " + name + " was '" + count + "'");
    }
  }

  private static final class Tally {
    long deaths;
    long censored;
  }
}
