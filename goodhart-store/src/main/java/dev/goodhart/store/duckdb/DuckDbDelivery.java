package dev.goodhart.store.duckdb;

import static dev.goodhart.store.duckdb.Transactions.inTransaction;
import static dev.goodhart.store.duckdb.Transactions.instant;
import static dev.goodhart.store.duckdb.Transactions.setInstant;
import static java.util.Objects.requireNonNull;

import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.IncidentFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.PushFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Delivery facts in DuckDB: one row per natural key, a later report replacing an earlier one (a
 * pull request's row keeps the most recently updated state, so deliveries arriving out of order do
 * not undo a merge).
 */
final class DuckDbDelivery {
  private final Connection connection;

  DuckDbDelivery(Connection connection) {
    this.connection = connection;
  }

  boolean record(DeliveryBatch batch, Instant receivedAt) throws SQLException {
    return inTransaction(
        connection,
        () -> {
          if (batch.deliveryId() != null && !firstDelivery(batch.deliveryId(), receivedAt)) {
            return false;
          }
          for (PullRequestFact pullRequest : batch.pullRequests()) {
            upsert(pullRequest);
          }
          for (ReviewFact review : batch.reviews()) {
            upsert(review);
          }
          for (PushFact push : batch.pushes()) {
            upsert(push);
          }
          for (DeploymentFact deployment : batch.deployments()) {
            upsert(deployment);
          }
          for (IncidentFact incident : batch.incidents()) {
            upsert(incident);
          }
          return true;
        });
  }

  private boolean firstDelivery(String deliveryId, Instant receivedAt) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO webhook_delivery VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      statement.setString(1, deliveryId);
      setInstant(statement, 2, receivedAt);
      return statement.executeUpdate() > 0;
    }
  }

  private void upsert(PullRequestFact pr) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            INSERT INTO pull_request VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (repository, number) DO UPDATE SET
              state = excluded.state, author_id = excluded.author_id,
              created_at = excluded.created_at, updated_at = excluded.updated_at,
              merged_at = excluded.merged_at, closed_at = excluded.closed_at,
              merge_commit_sha = excluded.merge_commit_sha, head_sha = excluded.head_sha,
              base_ref = excluded.base_ref, additions = excluded.additions,
              deletions = excluded.deletions, commits = excluded.commits
            WHERE excluded.updated_at >= pull_request.updated_at
            """)) {
      statement.setString(1, pr.repository());
      statement.setInt(2, pr.number());
      statement.setString(3, pr.state());
      statement.setString(4, pr.authorId());
      setInstant(statement, 5, pr.createdAt());
      setInstant(statement, 6, pr.updatedAt());
      setInstant(statement, 7, pr.mergedAt());
      setInstant(statement, 8, pr.closedAt());
      statement.setString(9, pr.mergeCommitSha());
      statement.setString(10, pr.headSha());
      statement.setString(11, pr.baseRef());
      statement.setInt(12, pr.additions());
      statement.setInt(13, pr.deletions());
      statement.setInt(14, pr.commits());
      statement.executeUpdate();
    }
  }

  private void upsert(ReviewFact review) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            INSERT INTO review VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (review_id) DO UPDATE SET
              state = excluded.state, reviewer_id = excluded.reviewer_id,
              submitted_at = excluded.submitted_at
            """)) {
      statement.setLong(1, review.reviewId());
      statement.setString(2, review.repository());
      statement.setInt(3, review.pullRequest());
      statement.setString(4, review.state());
      statement.setString(5, review.reviewerId());
      setInstant(statement, 6, review.submittedAt());
      statement.executeUpdate();
    }
  }

  private void upsert(PushFact push) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO push VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      statement.setString(1, push.repository());
      statement.setString(2, push.ref());
      statement.setString(3, push.before());
      statement.setString(4, push.after());
      statement.setInt(5, push.commits());
      statement.setBoolean(6, push.forced());
      setInstant(statement, 7, push.pushedAt());
      statement.executeUpdate();
    }
  }

  private void upsert(DeploymentFact deployment) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            INSERT INTO deployment VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source, deployment_id) DO UPDATE SET
              repository = excluded.repository, sha = excluded.sha,
              environment = excluded.environment, status = excluded.status,
              reported_at = excluded.reported_at
            WHERE excluded.reported_at >= deployment.reported_at
            """)) {
      statement.setString(1, deployment.source());
      statement.setString(2, deployment.deploymentId());
      statement.setString(3, deployment.repository());
      statement.setString(4, deployment.sha());
      statement.setString(5, deployment.environment());
      statement.setString(6, deployment.status());
      setInstant(statement, 7, deployment.at());
      statement.executeUpdate();
    }
  }

  private void upsert(IncidentFact incident) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            INSERT INTO incident VALUES (?, ?, ?, ?, ?, ?, ?, list_filter(string_split(?, ','), lambda c: c <> ''))
            ON CONFLICT (source, incident_id) DO UPDATE SET
              repository = excluded.repository, severity = excluded.severity,
              opened_at = excluded.opened_at, resolved_at = excluded.resolved_at,
              deployment_id = excluded.deployment_id, commits = excluded.commits
            """)) {
      statement.setString(1, incident.source());
      statement.setString(2, incident.incidentId());
      statement.setString(3, incident.repository());
      statement.setString(4, incident.severity());
      setInstant(statement, 5, incident.openedAt());
      setInstant(statement, 6, incident.resolvedAt());
      statement.setString(7, incident.deploymentId());
      statement.setString(8, String.join(",", incident.commits()));
      statement.executeUpdate();
    }
  }

  List<PullRequestFact> pullRequests() throws SQLException {
    List<PullRequestFact> facts = new ArrayList<>();
    query(
        """
        SELECT repository, number, state, author_id, epoch_us(created_at), epoch_us(updated_at),
               epoch_us(merged_at), epoch_us(closed_at), merge_commit_sha, head_sha, base_ref,
               additions, deletions, commits
        FROM pull_request ORDER BY repository, number
        """,
        rows ->
            facts.add(
                new PullRequestFact(
                    rows.getString(1),
                    rows.getInt(2),
                    rows.getString(3),
                    rows.getString(4),
                    requireNonNull(instant(rows, 5)),
                    requireNonNull(instant(rows, 6)),
                    instant(rows, 7),
                    instant(rows, 8),
                    rows.getString(9),
                    rows.getString(10),
                    rows.getString(11),
                    rows.getInt(12),
                    rows.getInt(13),
                    rows.getInt(14))));
    return facts;
  }

  List<ReviewFact> reviews() throws SQLException {
    List<ReviewFact> facts = new ArrayList<>();
    query(
        """
        SELECT repository, pull_request, review_id, state, reviewer_id, epoch_us(submitted_at)
        FROM review ORDER BY repository, pull_request, review_id
        """,
        rows ->
            facts.add(
                new ReviewFact(
                    rows.getString(1),
                    rows.getInt(2),
                    rows.getLong(3),
                    rows.getString(4),
                    rows.getString(5),
                    requireNonNull(instant(rows, 6)))));
    return facts;
  }

  List<DeploymentFact> deployments() throws SQLException {
    List<DeploymentFact> facts = new ArrayList<>();
    query(
        """
        SELECT source, deployment_id, repository, sha, environment, status, epoch_us(reported_at)
        FROM deployment ORDER BY reported_at, source, deployment_id
        """,
        rows ->
            facts.add(
                new DeploymentFact(
                    rows.getString(1),
                    rows.getString(2),
                    rows.getString(3),
                    rows.getString(4),
                    rows.getString(5),
                    rows.getString(6),
                    requireNonNull(instant(rows, 7)))));
    return facts;
  }

  List<IncidentFact> incidents() throws SQLException {
    List<IncidentFact> facts = new ArrayList<>();
    query(
        """
        SELECT source, incident_id, repository, severity, epoch_us(opened_at),
               epoch_us(resolved_at), deployment_id, array_to_string(commits, ',')
        FROM incident ORDER BY opened_at, source, incident_id
        """,
        rows ->
            facts.add(
                new IncidentFact(
                    rows.getString(1),
                    rows.getString(2),
                    rows.getString(3),
                    rows.getString(4),
                    requireNonNull(instant(rows, 5)),
                    instant(rows, 6),
                    rows.getString(7),
                    commits(rows.getString(8)))));
    return facts;
  }

  private static List<String> commits(@Nullable String joined) {
    return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
  }

  interface RowReader {
    void read(ResultSet rows) throws SQLException;
  }

  private void query(String sql, RowReader reader) throws SQLException {
    synchronized (connection) {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    }
  }
}
