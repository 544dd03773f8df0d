package dev.goodhart.git;

import static java.util.Objects.requireNonNull;

import dev.goodhart.git.attribution.Attribution;
import dev.goodhart.git.history.HistoryCommit;
import org.jspecify.annotations.Nullable;

/** Reads what a commit says about itself: who wrote it, what it merges, what it reverts. */
@FunctionalInterface
public interface CommitAnnotator {
  Annotation annotate(HistoryCommit commit);

  /**
   * @param prNumber the pull or merge request the commit merges or squashes
   * @param revertOf the reverted commit's sha as the message writes it (possibly abbreviated)
   */
  record Annotation(
      Attribution attribution, @Nullable Integer prNumber, @Nullable String revertOf) {
    public Annotation {
      requireNonNull(attribution, "attribution is null");
    }
  }
}
