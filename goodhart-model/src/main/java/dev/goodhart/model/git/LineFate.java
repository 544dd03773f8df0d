package dev.goodhart.model.git;

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
 */
public record LineFate(
    long written,
    long shipped,
    long aliveAtHead,
    long aiAliveAtHead,
    @Nullable Long alive7d,
    @Nullable Long alive30d,
    @Nullable Long alive90d,
    @Nullable Long reworked21d) {

  public LineFate {
    if (written < 0 || shipped < 0 || aliveAtHead < 0 || aiAliveAtHead > aliveAtHead) {
      throw new IllegalArgumentException(
          "line counts must not be negative (written=%d shipped=%d aliveAtHead=%d aiAliveAtHead=%d)"
              .formatted(written, shipped, aliveAtHead, aiAliveAtHead));
    }
  }
}
