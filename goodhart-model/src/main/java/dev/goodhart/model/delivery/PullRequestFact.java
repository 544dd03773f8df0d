package dev.goodhart.model.delivery;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A pull request as its latest webhook described it. The store keeps one row per repository and
 * number: the one updated last.
 *
 * @param repository the repository's full name ({@code owner/name})
 * @param state {@code open}, {@code closed} (closed without merging) or {@code merged}
 * @param authorId the pseudonym of the author's login, null when unknown
 * @param mergeCommitSha the commit the merge made on the base branch (full 40-hex sha)
 */
public record PullRequestFact(
    String repository,
    int number,
    String state,
    @Nullable String authorId,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant mergedAt,
    @Nullable Instant closedAt,
    @Nullable String mergeCommitSha,
    @Nullable String headSha,
    @Nullable String baseRef,
    int additions,
    int deletions,
    int commits) {
  public PullRequestFact {
    requireNonNull(repository, "repository is null");
    requireNonNull(state, "state is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
    if (number < 1) {
      throw new IllegalArgumentException("a pull request number is positive: " + number);
    }
  }

  public boolean merged() {
    return "merged".equals(state);
  }
}
