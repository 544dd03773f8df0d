package dev.goodhart.model.delivery;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A comment on a pull request's code (GitHub's review comments; GitLab's merge request notes): one
 * row per repository and comment id. Its text is never kept.
 *
 * @param reviewId the review it belongs to (GitHub's {@code pull_request_review_id}), if any
 * @param authorId the pseudonym of the author's login, null when unknown
 * @param path the file commented on, if the comment is on a file
 */
public record ReviewCommentFact(
    String repository,
    int pullRequest,
    long commentId,
    @Nullable Long reviewId,
    @Nullable String authorId,
    Instant createdAt,
    @Nullable String path) {
  public ReviewCommentFact {
    requireNonNull(repository, "repository is null");
    requireNonNull(createdAt, "createdAt is null");
    if (pullRequest < 1) {
      throw new IllegalArgumentException("a pull request number is positive: " + pullRequest);
    }
  }
}
