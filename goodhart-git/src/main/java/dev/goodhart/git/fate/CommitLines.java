package dev.goodhart.git.fate;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.git.LineFate;
import org.jspecify.annotations.Nullable;

/**
 * The lines of one commit, as the engine followed them.
 *
 * @param written lines the commit introduced
 * @param aiWritten of those, lines known to be AI-written line by line
 * @param shipped lines of the commit that entered the branch's first-parent chain
 * @param aliveAtHead lines the head attributes to the commit
 * @param aiAliveAtHead of those, lines known to be AI-written line by line
 * @param alive7d lines in the branch's state 7 days after the commit (null: not yet known)
 * @param alive30d the same at 30 days
 * @param alive90d the same at 90 days
 * @param reworked21d lines that entered the branch and left it within 21 days (null: not yet known)
 * @param deathDays for survival curves: whole days after the commit at which lines left the branch,
 *     ascending; {@code deathCounts} says how many at each
 */
public record CommitLines(
    long written,
    long aiWritten,
    long shipped,
    long aliveAtHead,
    long aiAliveAtHead,
    @Nullable Long alive7d,
    @Nullable Long alive30d,
    @Nullable Long alive90d,
    @Nullable Long reworked21d,
    int[] deathDays,
    long[] deathCounts) {

  public CommitLines {
    requireNonNull(deathDays, "deathDays is null");
    requireNonNull(deathCounts, "deathCounts is null");
    if (deathDays.length != deathCounts.length) {
      throw new IllegalArgumentException("one count per death day");
    }
  }

  /** The line fate fact of these counts. */
  public LineFate toLineFate() {
    return new LineFate(
        written,
        shipped,
        aliveAtHead,
        aiAliveAtHead,
        alive7d,
        alive30d,
        alive90d,
        reworked21d,
        deathDays,
        deathCounts);
  }

  /** Lines that entered the branch and left it. */
  public long died() {
    long sum = 0;
    for (long count : deathCounts) {
      sum += count;
    }
    return sum;
  }
}
