package dev.goodhart.model.git;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What became of the lines a commit wrote, judged on the branch as {@code git blame} sees it.
 *
 * @param written lines the commit itself introduced (blame attributes them to it in its own tree)
 * @param shipped lines of the commit that reached the branch (present in some first-parent state)
 * @param aliveAtHead lines the branch head's tree attributes to the commit
 * @param aiAliveAtHead of those, lines known to be AI-written line by line (git-ai notes); whole
 *     commits attributed to an agent count through their attribution instead
 * @param alive7d lines alive in the branch's state 7 days after the commit, null while that moment
 *     is in the future
 * @param alive30d the same at 30 days
 * @param alive90d the same at 90 days
 * @param reworked21d lines that reached the branch and were changed or deleted there within 21
 *     days, null while the 21 days have not passed
 * @param deathDays for survival curves: whole days after the commit at which its lines left the
 *     branch, ascending, with {@code deathCounts} lines at each; lines alive at the head are
 *     censored at the time of the scan
 */
public record LineFate(
    long written,
    long shipped,
    long aliveAtHead,
    long aiAliveAtHead,
    @Nullable Long alive7d,
    @Nullable Long alive30d,
    @Nullable Long alive90d,
    @Nullable Long reworked21d,
    int[] deathDays,
    long[] deathCounts) {

  public LineFate {
    deathDays = deathDays.clone();
    deathCounts = deathCounts.clone();
    if (deathDays.length != deathCounts.length) {
      throw new IllegalArgumentException("one count per death day");
    }
    if (written < 0 || shipped < 0 || aliveAtHead < 0 || aiAliveAtHead > aliveAtHead) {
      throw new IllegalArgumentException(
          "line counts must not be negative (written=%d shipped=%d aliveAtHead=%d aiAliveAtHead=%d)"
              .formatted(written, shipped, aliveAtHead, aiAliveAtHead));
    }
  }

  @Override
  public int[] deathDays() {
    return deathDays.clone();
  }

  @Override
  public long[] deathCounts() {
    return deathCounts.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LineFate that
        && written == that.written
        && shipped == that.shipped
        && aliveAtHead == that.aliveAtHead
        && aiAliveAtHead == that.aiAliveAtHead
        && java.util.Objects.equals(alive7d, that.alive7d)
        && java.util.Objects.equals(alive30d, that.alive30d)
        && java.util.Objects.equals(alive90d, that.alive90d)
        && java.util.Objects.equals(reworked21d, that.reworked21d)
        && Arrays.equals(deathDays, that.deathDays)
        && Arrays.equals(deathCounts, that.deathCounts);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
            written, shipped, aliveAtHead, alive7d, alive30d, alive90d, reworked21d)
        + 31 * Arrays.hashCode(deathDays)
        + 7 * Arrays.hashCode(deathCounts);
  }

  @Override
  public String toString() {
    return "LineFate[written=%d, shipped=%d, aliveAtHead=%d, aiAliveAtHead=%d, alive7d=%s, alive30d=%s, alive90d=%s, reworked21d=%s, deaths=%s x %s]"
        .formatted(
            written,
            shipped,
            aliveAtHead,
            aiAliveAtHead,
            alive7d,
            alive30d,
            alive90d,
            reworked21d,
            Arrays.toString(deathDays),
            Arrays.toString(deathCounts));
  }
}
