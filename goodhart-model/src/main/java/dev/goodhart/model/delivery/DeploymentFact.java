package dev.goodhart.model.delivery;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A deployment's status: one row per source and deployment id, the latest status winning.
 *
 * @param source {@code github} for GitHub's {@code deployment_status}, else the name the generic
 *     endpoint was given
 * @param sha the deployed commit (full sha)
 * @param status {@code success}, {@code failure}, {@code error}, {@code pending}, {@code
 *     in_progress}, {@code queued} or {@code inactive}
 */
public record DeploymentFact(
    String source,
    String deploymentId,
    String repository,
    String sha,
    String environment,
    String status,
    Instant at) {
  public DeploymentFact {
    requireNonNull(source, "source is null");
    requireNonNull(deploymentId, "deploymentId is null");
    requireNonNull(repository, "repository is null");
    requireNonNull(sha, "sha is null");
    requireNonNull(environment, "environment is null");
    requireNonNull(status, "status is null");
    requireNonNull(at, "at is null");
  }

  public boolean succeeded() {
    return "success".equals(status);
  }

  /**
   * Whether its commit reached production: the environment is {@code production} or {@code prod}
   * (any case), and the deployment succeeded. {@code inactive} counts too: GitHub marks a
   * successful deployment inactive when a newer one replaces it, and the latest status is what is
   * kept.
   */
  public boolean reachedProduction() {
    String name = environment.strip().toLowerCase(java.util.Locale.ROOT);
    return (name.equals("production") || name.equals("prod"))
        && (succeeded() || "inactive".equals(status));
  }
}
