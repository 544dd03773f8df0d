package dev.goodhart.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goodhart.metrics.outcome.OutcomeLedger;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.IncidentFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewFact;
import dev.goodhart.model.git.RepositoryRef;
import dev.goodhart.store.ServingStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Delivery per repository and week, from webhooks and the generic events endpoint: pull requests
 * merged and opened, reviews, deployments (successful and failed), incidents, and what the linked
 * agent sessions of the repository cost per merged pull request. Delivery facts carry no person, so
 * a team filter narrows only the cost (to the team's sessions).
 */
final class DeliveryView {
  private static final ObjectMapper JSON = GoodhartServer.JSON;

  private DeliveryView() {}

  private static final class Sums {
    int merged;
    int opened;
    int reviews;
    int deployments;
    int failedDeployments;
    int incidents;
    BigDecimal linkedCost = BigDecimal.ZERO;
    boolean costKnown;
  }

  /**
   * What the scope's sessions that ran in a repository cost.
   *
   * @param suppressed whether they have fewer people than the privacy floor
   */
  record LinkedCost(String repositoryId, BigDecimal cost, boolean suppressed) {}

  /**
   * @param costs each repository's linked cost; null when the scope has no sessions to link (a team
   *     with no one who has usage)
   */
  static JsonNode of(ServingStore reader, ReportScope scope, @Nullable List<LinkedCost> costs) {
    Map<String, Sums> repositories = new TreeMap<>();
    Map<String, Sums> weeks = new TreeMap<>();
    for (PullRequestFact pr : reader.pullRequests()) {
      if (in(scope, pr.createdAt())) {
        sums(repositories, weeks, pr.repository(), pr.createdAt(), scope).forEach(s -> s.opened++);
      }
      if (pr.merged() && pr.mergedAt() != null && in(scope, pr.mergedAt())) {
        sums(repositories, weeks, pr.repository(), pr.mergedAt(), scope).forEach(s -> s.merged++);
      }
    }
    for (ReviewFact review : reader.reviews()) {
      if (in(scope, review.submittedAt())) {
        sums(repositories, weeks, review.repository(), review.submittedAt(), scope)
            .forEach(s -> s.reviews++);
      }
    }
    for (DeploymentFact deployment : reader.deployments()) {
      if (!in(scope, deployment.at())) {
        continue;
      }
      boolean failed = deployment.status().equals("failure") || deployment.status().equals("error");
      if (deployment.succeeded() || failed) {
        sums(repositories, weeks, deployment.repository(), deployment.at(), scope)
            .forEach(
                s -> {
                  if (failed) {
                    s.failedDeployments++;
                  } else {
                    s.deployments++;
                  }
                });
      }
    }
    for (IncidentFact incident : reader.incidents()) {
      if (in(scope, incident.openedAt())) {
        String repository = incident.repository() == null ? "(unknown)" : incident.repository();
        sums(repositories, weeks, repository, incident.openedAt(), scope)
            .forEach(s -> s.incidents++);
      }
    }
    if (costs != null) {
      Map<String, String> names = new TreeMap<>();
      reader
          .repositories()
          .forEach(
              summary -> {
                RepositoryRef ref = summary.repository();
                names.put(ref.id(), ref.fullName());
              });
      for (LinkedCost outcome : costs) {
        String name = names.get(outcome.repositoryId());
        if (name == null || outcome.suppressed()) {
          continue;
        }
        if (scope.repository() != null
            && !scope.repository().equals(name)
            && !scope.repository().equals(outcome.repositoryId())) {
          continue;
        }
        Sums sums = repositories.computeIfAbsent(name, k -> new Sums());
        sums.linkedCost = sums.linkedCost.add(outcome.cost());
        sums.costKnown = true;
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode rows = answer.putArray("repositories");
    repositories.forEach(
        (name, s) -> {
          ObjectNode row = rows.addObject();
          row.put("repository", name);
          row.put("pullRequestsMerged", s.merged);
          row.put("pullRequestsOpened", s.opened);
          row.put("reviews", s.reviews);
          row.put("deployments", s.deployments);
          row.put("failedDeployments", s.failedDeployments);
          row.put("incidents", s.incidents);
          if (s.costKnown) {
            row.put("linkedCost", s.linkedCost);
          } else {
            row.putNull("linkedCost");
          }
          if (s.costKnown && s.merged > 0) {
            row.put(
                "costPerMergedPullRequest",
                s.linkedCost.divide(BigDecimal.valueOf(s.merged), 4, RoundingMode.HALF_EVEN));
          } else {
            row.putNull("costPerMergedPullRequest");
          }
        });
    ArrayNode weekRows = answer.putArray("weeks");
    weeks.forEach(
        (week, s) ->
            weekRows
                .addObject()
                .put("week", week)
                .put("pullRequestsMerged", s.merged)
                .put("deployments", s.deployments)
                .put("failedDeployments", s.failedDeployments)
                .put("incidents", s.incidents));
    answer.set("scope", JSON.valueToTree(scope.describe()));
    return answer;
  }

  private static java.util.List<Sums> sums(
      Map<String, Sums> repositories,
      Map<String, Sums> weeks,
      String repository,
      Instant at,
      ReportScope scope) {
    if (scope.repository() != null && !scope.repository().equals(repository)) {
      return java.util.List.of();
    }
    return java.util.List.of(
        repositories.computeIfAbsent(repository, k -> new Sums()),
        weeks.computeIfAbsent(week(at), k -> new Sums()));
  }

  private static String week(Instant at) {
    return OutcomeLedger.isoWeek(at.atZone(ZoneOffset.UTC).toLocalDate());
  }

  private static boolean in(ReportScope scope, Instant at) {
    LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
    return (scope.since() == null || !day.isBefore(scope.since()))
        && (scope.until() == null || !day.isAfter(scope.until()));
  }
}
