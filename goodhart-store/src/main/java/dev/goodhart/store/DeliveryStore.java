package dev.goodhart.store;

import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.ForgeCursor;
import dev.goodhart.model.delivery.IncidentFact;
import dev.goodhart.model.delivery.PullRequestCommitFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.util.List;

/**
 * Pull requests, their commits, reviews and review comments, pushes, deployments and incidents, as
 * webhooks, forge imports and other tools report them. Each fact has a natural key (a repository
 * and number, a repository and review or comment id, a repository, number and sha, a source and
 * id); a later report of the same fact replaces the earlier one, so a repeated delivery or import
 * changes nothing.
 */
public interface DeliveryStore {
  /**
   * Stores the batch in one transaction. Returns false, storing nothing, when its delivery id was
   * stored before.
   */
  boolean recordDelivery(DeliveryBatch batch);

  /**
   * Stores what an import read and advances its cursor ({@link ForgeCursor} as an update), in one
   * transaction: the cursor never gets ahead of the facts.
   */
  void recordImport(DeliveryBatch batch, ForgeCursor progress);

  /** What imports from the forge have seen of the repository; empty when none has run. */
  ForgeCursor forgeCursor(String forge, String repository);

  List<PullRequestFact> pullRequests();

  /** Ordered by repository, number, then author time. */
  List<PullRequestCommitFact> pullRequestCommits();

  List<ReviewFact> reviews();

  /** Ordered by repository, pull request, then comment id. */
  List<ReviewCommentFact> reviewComments();

  List<DeploymentFact> deployments();

  List<IncidentFact> incidents();
}
