package dev.goodhart.store.duckdb;

import static dev.goodhart.store.duckdb.Transactions.inTransaction;
import static dev.goodhart.store.duckdb.Transactions.instant;
import static dev.goodhart.store.duckdb.Transactions.setInstant;
import static java.util.Objects.requireNonNull;

import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.ForgeCursor;
import dev.goodhart.model.delivery.IncidentFact;
import dev.goodhart.model.delivery.PullRequestCommitFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.PushFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Delivery facts in DuckDB: one row per natural key, a later report replacing an earlier one (a
 * pull request's row keeps the most recently updated state, so deliveries arriving out of order do
 * not undo a merge). Webhooks and forge imports write the same rows.
 */
final class DuckDbDelivery {
  private final Connection connection;
  private final DuckDbForgeCursors cursors;

  DuckDbDelivery(Connection connection) {
    this.connection = connection;
    this.cursors = new DuckDbForgeCursors(connection);
  }

  boolean record(DeliveryBatch batch, Instant receivedAt) throws SQLException {
    return inTransaction(
        connection,
        () -> {
          if (batch.deliveryId() != null && !firstDelivery(batch.deliveryId(), receivedAt)) {
            return false;
          }
          write(batch);
          return true;
        });
  }

  /** Stores the facts and advances the import's cursor, in one transaction. */
  void recordImport(DeliveryBatch batch, ForgeCursor progress) throws SQLException {
    inTransaction(
        connection,
        () -> {
          write(batch);
          cursors.advance(progress);
          return null;
        });
  }

  ForgeCursor cursor(String forge, String repository) throws SQLException {
    return cursors.read(forge, repository);
  }

  /**
   * Each kind's facts go in statements of many rows: DuckDB runs one statement of a hundred rows in
   * about the time of three of one row, and an import's batch holds thousands of rows (a
   * repository's pull requests with their commits and reviews took 2 ms a row one by one).
   */
  private void write(DeliveryBatch batch) throws SQLException {
    BatchedUpserts.upsertAll(
        connection,
        PULL_REQUEST,
        batch.pullRequests(),
        DuckDbDelivery::bind,
        pr -> pr.repository() + "#" + pr.number());
    BatchedUpserts.upsertAll(
        connection,
        REVIEW,
        batch.reviews(),
        DuckDbDelivery::bind,
        r -> r.repository() + "#" + r.reviewId());
    BatchedUpserts.upsertAll(connection, PUSH, batch.pushes(), DuckDbDelivery::bind, null);
    BatchedUpserts.upsertAll(
        connection,
        DEPLOYMENT,
        batch.deployments(),
        DuckDbDelivery::bind,
        d -> d.source() + "#" + d.deploymentId());
    BatchedUpserts.upsertAll(connection, INCIDENT, batch.incidents(), DuckDbDelivery::bind, null);
    BatchedUpserts.upsertAll(
        connection,
        PULL_REQUEST_COMMIT,
        batch.pullRequestCommits(),
        DuckDbDelivery::bind,
        c -> c.repository() + "#" + c.number() + "#" + c.sha());
    BatchedUpserts.upsertAll(
        connection,
        REVIEW_COMMENT,
        batch.reviewComments(),
        DuckDbDelivery::bind,
        c -> c.repository() + "#" + c.commentId());
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

  /**
   * A pull request's row keeps its latest report. A forge's list of pull requests gives no line
   * counts and no merger: a report without them (0, null) keeps what an earlier report (a webhook,
   * a detailed answer) said.
   */
  private static final String PULL_REQUEST =
      """
      INSERT INTO pull_request (repository, number, state, author_id, created_at, updated_at,
        merged_at, closed_at, merge_commit_sha, head_sha, base_ref, additions, deletions, commits,
        head_ref, draft, merged_by_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (repository, number) DO UPDATE SET
        state = excluded.state, author_id = excluded.author_id,
        created_at = excluded.created_at, updated_at = excluded.updated_at,
        merged_at = excluded.merged_at, closed_at = excluded.closed_at,
        merge_commit_sha = excluded.merge_commit_sha, head_sha = excluded.head_sha,
        base_ref = excluded.base_ref,
        additions = CASE WHEN excluded.additions + excluded.deletions > 0
                         THEN excluded.additions ELSE pull_request.additions END,
        deletions = CASE WHEN excluded.additions + excluded.deletions > 0
                         THEN excluded.deletions ELSE pull_request.deletions END,
        commits = CASE WHEN excluded.commits > 0 THEN excluded.commits ELSE pull_request.commits END,
        head_ref = coalesce(excluded.head_ref, pull_request.head_ref),
        draft = excluded.draft,
        merged_by_id = coalesce(excluded.merged_by_id, pull_request.merged_by_id)
      WHERE excluded.updated_at >= pull_request.updated_at
      """;

  private static void bind(PreparedStatement statement, PullRequestFact pr) throws SQLException {
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
    statement.setString(15, pr.headRef());
    statement.setBoolean(16, pr.draft());
    statement.setString(17, pr.mergedById());
  }

  private static final String REVIEW =
      """
      INSERT INTO review VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (repository, review_id) DO UPDATE SET
        pull_request = excluded.pull_request, state = excluded.state,
        reviewer_id = excluded.reviewer_id, submitted_at = excluded.submitted_at
      """;

  private static void bind(PreparedStatement statement, ReviewFact review) throws SQLException {
    statement.setLong(1, review.reviewId());
    statement.setString(2, review.repository());
    statement.setInt(3, review.pullRequest());
    statement.setString(4, review.state());
    statement.setString(5, review.reviewerId());
    setInstant(statement, 6, review.submittedAt());
  }

  private static final String PUSH =
      "INSERT INTO push VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private static void bind(PreparedStatement statement, PushFact push) throws SQLException {
    statement.setString(1, push.repository());
    statement.setString(2, push.ref());
    statement.setString(3, push.before());
    statement.setString(4, push.after());
    statement.setInt(5, push.commits());
    statement.setBoolean(6, push.forced());
    setInstant(statement, 7, push.pushedAt());
  }

  private static final String DEPLOYMENT =
      """
      INSERT INTO deployment VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (source, deployment_id) DO UPDATE SET
        repository = excluded.repository, sha = excluded.sha,
        environment = excluded.environment, status = excluded.status,
        reported_at = excluded.reported_at
      WHERE excluded.reported_at >= deployment.reported_at
      """;

  private static void bind(PreparedStatement statement, DeploymentFact deployment)
      throws SQLException {
    statement.setString(1, deployment.source());
    statement.setString(2, deployment.deploymentId());
    statement.setString(3, deployment.repository());
    statement.setString(4, deployment.sha());
    statement.setString(5, deployment.environment());
    statement.setString(6, deployment.status());
    setInstant(statement, 7, deployment.at());
  }

  private static final String INCIDENT =
      """
      INSERT INTO incident VALUES (?, ?, ?, ?, ?, ?, ?, list_filter(string_split(?, ','), lambda c: c <> ''))
      ON CONFLICT (source, incident_id) DO UPDATE SET
        repository = excluded.repository, severity = excluded.severity,
        opened_at = excluded.opened_at, resolved_at = excluded.resolved_at,
        deployment_id = excluded.deployment_id, commits = excluded.commits
      """;

  private static void bind(PreparedStatement statement, IncidentFact incident) throws SQLException {
    statement.setString(1, incident.source());
    statement.setString(2, incident.incidentId());
    statement.setString(3, incident.repository());
    statement.setString(4, incident.severity());
    setInstant(statement, 5, incident.openedAt());
    setInstant(statement, 6, incident.resolvedAt());
    statement.setString(7, incident.deploymentId());
    statement.setString(8, String.join(",", incident.commits()));
  }

  /** A commit seen again keeps what an earlier report knew and this one does not. */
  private static final String PULL_REQUEST_COMMIT =
      """
      INSERT INTO pull_request_commit VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (repository, number, sha) DO UPDATE SET
        authored_at = coalesce(excluded.authored_at, pull_request_commit.authored_at),
        author_id = coalesce(excluded.author_id, pull_request_commit.author_id)
      """;

  private static void bind(PreparedStatement statement, PullRequestCommitFact commit)
      throws SQLException {
    statement.setString(1, commit.repository());
    statement.setInt(2, commit.number());
    statement.setString(3, commit.sha());
    setInstant(statement, 4, commit.authoredAt());
    statement.setString(5, commit.authorId());
  }

  private static final String REVIEW_COMMENT =
      """
      INSERT INTO review_comment VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (repository, comment_id) DO UPDATE SET
        pull_request = excluded.pull_request, review_id = excluded.review_id,
        author_id = excluded.author_id, created_at = excluded.created_at, path = excluded.path
      """;

  private static void bind(PreparedStatement statement, ReviewCommentFact comment)
      throws SQLException {
    statement.setString(1, comment.repository());
    statement.setInt(2, comment.pullRequest());
    statement.setLong(3, comment.commentId());
    if (comment.reviewId() == null) {
      statement.setNull(4, Types.BIGINT);
    } else {
      statement.setLong(4, comment.reviewId());
    }
    statement.setString(5, comment.authorId());
    setInstant(statement, 6, comment.createdAt());
    statement.setString(7, comment.path());
  }

  List<PullRequestFact> pullRequests() throws SQLException {
    List<PullRequestFact> facts = new ArrayList<>();
    query(
        """
        SELECT repository, number, state, author_id, epoch_us(created_at), epoch_us(updated_at),
               epoch_us(merged_at), epoch_us(closed_at), merge_commit_sha, head_sha, base_ref,
               additions, deletions, commits, head_ref, coalesce(draft, false), merged_by_id
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
                    rows.getInt(14),
                    rows.getString(15),
                    rows.getBoolean(16),
                    rows.getString(17))));
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

  List<PullRequestCommitFact> pullRequestCommits() throws SQLException {
    List<PullRequestCommitFact> facts = new ArrayList<>();
    query(
        """
        SELECT repository, number, sha, epoch_us(authored_at), author_id
        FROM pull_request_commit ORDER BY repository, number, authored_at NULLS LAST, sha
        """,
        rows ->
            facts.add(
                new PullRequestCommitFact(
                    rows.getString(1),
                    rows.getInt(2),
                    rows.getString(3),
                    instant(rows, 4),
                    rows.getString(5))));
    return facts;
  }

  List<ReviewCommentFact> reviewComments() throws SQLException {
    List<ReviewCommentFact> facts = new ArrayList<>();
    query(
        """
        SELECT repository, pull_request, comment_id, review_id, author_id, epoch_us(created_at),
               path
        FROM review_comment ORDER BY repository, pull_request, comment_id
        """,
        rows -> {
          long reviewId = rows.getLong(4);
          Long review = rows.wasNull() ? null : reviewId;
          facts.add(
              new ReviewCommentFact(
                  rows.getString(1),
                  rows.getInt(2),
                  rows.getLong(3),
                  review,
                  rows.getString(5),
                  requireNonNull(instant(rows, 6)),
                  rows.getString(7)));
        });
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
