package dev.goodhart.model.delivery;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A review submitted on a pull request; one row per repository and review id. GitLab's approvals
 * are reviews too (its note ids are the review ids).
 *
 * @param state {@code approved}, {@code changes_requested}, {@code commented} or {@code dismissed}
 * @param reviewerId the pseudonym of the reviewer's login, null when unknown
 */
public record ReviewFact(
    String repository,
    int pullRequest,
    long reviewId,
    String state,
    @Nullable String reviewerId,
    Instant submittedAt) {
  public ReviewFact {
    requireNonNull(repository, "repository is null");
    requireNonNull(state, "state is null");
    requireNonNull(submittedAt, "submittedAt is null");
  }
}
