package dev.goodhart.model.delivery;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A pull request (GitHub) or merge request (GitLab) as its latest report described it, a webhook or
 * an import. The store keeps one row per repository and number: the one updated last. No title,
 * body or branch description is ever kept.
 *
 * @param repository the repository's full name ({@code owner/name}; GitLab's full path {@code
 *     group/sub/name})
 * @param state {@code open}, {@code closed} (closed without merging) or {@code merged}
 * @param authorId the pseudonym of the author's login, null when unknown
 * @param mergeCommitSha the commit the merge made on the base branch (full 40-hex sha): a merge
 *     commit, or the squashed or rebased commit
 * @param additions lines added; 0 when the report does not say (a forge's list of pull requests)
 * @param deletions lines deleted; 0 when the report does not say
 * @param commits the number of commits; 0 when the report does not say
 * @param headRef the branch the pull request merges ({@code head.ref}, GitLab's {@code
 *     source_branch}), null when unknown
 * @param draft whether it was a draft when reported
 * @param mergedById the pseudonym of the login that merged it, null when unknown or not merged
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
    int commits,
    @Nullable String headRef,
    boolean draft,
    @Nullable String mergedById) {
  public PullRequestFact {
    requireNonNull(repository, "repository is null");
    requireNonNull(state, "state is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
    if (number < 1) {
      throw new IllegalArgumentException("a pull request number is positive: " + number);
    }
  }

  /** A pull request without the head branch, draft flag and merger (as the first webhooks read). */
  public PullRequestFact(
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
    this(
        repository,
        number,
        state,
        authorId,
        createdAt,
        updatedAt,
        mergedAt,
        closedAt,
        mergeCommitSha,
        headSha,
        baseRef,
        additions,
        deletions,
        commits,
        null,
        false,
        null);
  }

  /** The same pull request with its number of commits, as its list of commits gave them. */
  public PullRequestFact withCommits(int count) {
    return new PullRequestFact(
        repository,
        number,
        state,
        authorId,
        createdAt,
        updatedAt,
        mergedAt,
        closedAt,
        mergeCommitSha,
        headSha,
        baseRef,
        additions,
        deletions,
        count,
        headRef,
        draft,
        mergedById);
  }

  public boolean merged() {
    return "merged".equals(state);
  }
}
