package dev.goodhart.model.delivery;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one webhook delivery or one generic request reported: stored in one transaction, all of it
 * or none.
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
    List<IncidentFact> incidents) {
  public static final DeliveryBatch EMPTY =
      new DeliveryBatch(null, List.of(), List.of(), List.of(), List.of(), List.of());

  public DeliveryBatch {
    pullRequests = List.copyOf(requireNonNull(pullRequests, "pullRequests is null"));
    reviews = List.copyOf(requireNonNull(reviews, "reviews is null"));
    pushes = List.copyOf(requireNonNull(pushes, "pushes is null"));
    deployments = List.copyOf(requireNonNull(deployments, "deployments is null"));
    incidents = List.copyOf(requireNonNull(incidents, "incidents is null"));
  }

  public int size() {
    return pullRequests.size()
        + reviews.size()
        + pushes.size()
        + deployments.size()
        + incidents.size();
  }
}
