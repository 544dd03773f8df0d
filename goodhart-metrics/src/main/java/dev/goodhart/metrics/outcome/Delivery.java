package dev.goodhart.metrics.outcome;

import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.PullRequestCommitFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.store.DeliveryStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the forge and the deploy pipeline said: production deployments (a commit ships once one
 * contains it) and pull requests (which commits a merge brought), by repository full name.
 */
public record Delivery(List<DeploymentFact> deployments, List<PullRequest> pullRequests) {
  public static final Delivery NONE = new Delivery(List.of(), List.of());

  public Delivery {
    deployments = List.copyOf(deployments);
    pullRequests = List.copyOf(pullRequests);
  }

  /** What a store holds: its deployments, and its merged pull requests with their commits. */
  public static Delivery from(DeliveryStore store) {
    Map<String, List<String>> commits = new HashMap<>();
    Map<String, List<String>> authorships = new HashMap<>();
    for (PullRequestCommitFact commit : store.pullRequestCommits()) {
      String key = commit.repository() + "#" + commit.number();
      commits.computeIfAbsent(key, k -> new ArrayList<>()).add(commit.sha());
      if (commit.authorId() != null && commit.authoredAt() != null) {
        authorships
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(PullRequest.authorship(commit.authorId(), commit.authoredAt()));
      }
    }
    List<PullRequest> pullRequests = new ArrayList<>();
    for (PullRequestFact fact : store.pullRequests()) {
      if (fact.merged()) {
        pullRequests.add(
            new PullRequest(
                fact.repository(),
                fact.number(),
                fact.mergeCommitSha(),
                commits.getOrDefault(fact.repository() + "#" + fact.number(), List.of()),
                fact.headSha(),
                authorships.getOrDefault(fact.repository() + "#" + fact.number(), List.of())));
      }
    }
    return new Delivery(store.deployments(), pullRequests);
  }

  /** The commits successful production deployments of a repository deployed. */
  List<String> deployedHeads(String repository) {
    List<String> heads = new ArrayList<>();
    for (DeploymentFact deployment : deployments) {
      if (deployment.reachedProduction() && deployment.repository().equals(repository)) {
        heads.add(deployment.sha());
      }
    }
    return heads;
  }

  List<PullRequest> pullRequests(String repository) {
    return byRepository().getOrDefault(repository, List.of());
  }

  private Map<String, List<PullRequest>> byRepository() {
    Map<String, List<PullRequest>> grouped = new HashMap<>();
    for (PullRequest pullRequest : pullRequests) {
      grouped.computeIfAbsent(pullRequest.repository(), k -> new ArrayList<>()).add(pullRequest);
    }
    return grouped;
  }
}
