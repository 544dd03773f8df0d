package dev.goodhart.git.oracle;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;

/**
 * How {@link RandomHistory} builds a history.
 *
 * @param seed everything random follows from it: the same seed makes the same commits (same shas)
 * @param targetCommits commits to make, at least; the history ends with the operation that reaches
 *     the target, or later if some kind has not been made yet
 * @param weights each kind's relative chance at each step; a kind with weight 0 is never drawn, any
 *     other is made at least once. A kind another one needs first is made even at weight 0: a
 *     revert with nothing to revert makes a line edit, a re-add with nothing deleted a deletion.
 *     The initial commit's weight is ignored: it is always the first commit and only that
 */
public record RandomHistoryOptions(
    long seed, int targetCommits, Map<OperationKind, Double> weights) {
  public static final int DEFAULT_TARGET_COMMITS = 60;

  public RandomHistoryOptions {
    if (targetCommits < 1) {
      throw new IllegalArgumentException("targetCommits must be at least 1, not " + targetCommits);
    }
    requireNonNull(weights, "weights is null");
    EnumMap<OperationKind, Double> complete = new EnumMap<>(OperationKind.class);
    for (OperationKind kind : OperationKind.values()) {
      double weight = weights.getOrDefault(kind, kind.defaultWeight);
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(
            "the weight of " + kind + " must be finite and at least 0, not " + weight);
      }
      complete.put(kind, weight);
    }
    weights = Map.copyOf(complete);
  }

  /** The default history for a seed: sixty commits, every kind at its default weight. */
  public static RandomHistoryOptions seed(long seed) {
    return new RandomHistoryOptions(seed, DEFAULT_TARGET_COMMITS, Map.of());
  }

  public RandomHistoryOptions withTargetCommits(int commits) {
    return new RandomHistoryOptions(seed, commits, weights);
  }

  public RandomHistoryOptions withWeight(OperationKind kind, double weight) {
    Map<OperationKind, Double> changed = new EnumMap<>(weights);
    changed.put(kind, weight);
    return new RandomHistoryOptions(seed, targetCommits, changed);
  }

  /** Never makes this kind. */
  public RandomHistoryOptions without(OperationKind kind) {
    return withWeight(kind, 0);
  }

  double weight(OperationKind kind) {
    return weights.get(kind);
  }
}
