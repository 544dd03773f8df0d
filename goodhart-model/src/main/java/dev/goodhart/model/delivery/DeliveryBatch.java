package dev.goodhart.model.delivery;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one webhook delivery, one generic request or one imported pull request reported: stored in
 * one transaction, all of it or none.
 *
 * @param deliveryId the sender's id for the delivery ({@code X-GitHub-Delivery}); a delivery
 *     already stored is not stored again. Null when the sender gives none: the facts' own keys make
 *     a repeat harmless.
 */
public record DeliveryBatch(
    @Nullable String deliveryId,
    List<PullRequestFact> pullRequests,
    List<ReviewFact> reviews,
    List<PushFact> pushes,
    List<DeploymentFact> deployments,
    List<IncidentFact> incidents,
    List<PullRequestCommitFact> pullRequestCommits,
    List<ReviewCommentFact> reviewComments) {
  public static final DeliveryBatch EMPTY =
      new DeliveryBatch(
          null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  public DeliveryBatch {
    pullRequests = List.copyOf(requireNonNull(pullRequests, "pullRequests is null"));
    reviews = List.copyOf(requireNonNull(reviews, "reviews is null"));
    pushes = List.copyOf(requireNonNull(pushes, "pushes is null"));
    deployments = List.copyOf(requireNonNull(deployments, "deployments is null"));
    incidents = List.copyOf(requireNonNull(incidents, "incidents is null"));
    pullRequestCommits =
        List.copyOf(requireNonNull(pullRequestCommits, "pullRequestCommits is null"));
    reviewComments = List.copyOf(requireNonNull(reviewComments, "reviewComments is null"));
  }

  /** A batch without pull request commits or review comments, which webhooks seldom carry. */
  public DeliveryBatch(
      @Nullable String deliveryId,
      List<PullRequestFact> pullRequests,
      List<ReviewFact> reviews,
      List<PushFact> pushes,
      List<DeploymentFact> deployments,
      List<IncidentFact> incidents) {
    this(deliveryId, pullRequests, reviews, pushes, deployments, incidents, List.of(), List.of());
  }

  /** What an import read of pull requests: no pushes, deployments or incidents. */
  public static DeliveryBatch ofPullRequests(
      List<PullRequestFact> pullRequests,
      List<PullRequestCommitFact> commits,
      List<ReviewFact> reviews,
      List<ReviewCommentFact> comments) {
    return new DeliveryBatch(
        null, pullRequests, reviews, List.of(), List.of(), List.of(), commits, comments);
  }

  public int size() {
    return pullRequests.size()
        + reviews.size()
        + pushes.size()
        + deployments.size()
        + incidents.size()
        + pullRequestCommits.size()
        + reviewComments.size();
  }
}
