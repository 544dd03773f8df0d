package dev.goodhart.store;

import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.IncidentFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.util.List;

/**
 * Pull requests, reviews, pushes, deployments and incidents, as webhooks and other tools report
 * them. Each fact has a natural key (a repository and number, a source and id); a later report of
 * the same fact replaces the earlier one, so a repeated delivery changes nothing.
 */
public interface DeliveryStore {
  /**
   * Stores the batch in one transaction. Returns false, storing nothing, when its delivery id was
   * stored before.
   */
  boolean recordDelivery(DeliveryBatch batch);

  List<PullRequestFact> pullRequests();

  List<ReviewFact> reviews();

  List<DeploymentFact> deployments();

  List<IncidentFact> incidents();
}
