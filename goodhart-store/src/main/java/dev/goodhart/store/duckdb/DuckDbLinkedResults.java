package dev.goodhart.store.duckdb;

import dev.goodhart.store.LinkedResults;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * A linking's results in DuckDB, one row per session and one per link, replaced whole per linking;
 * sums over any group of them are one query. Money is kept at 18 decimals with each cost's own
 * scale, so sums come back exactly as a {@link BigDecimal} sum of the same costs.
 */
final class DuckDbLinkedResults {
  static final int MONEY_SCALE = 18;

  static final List<String> TABLES =
      List.of(
          """
          CREATE TABLE linked_run (
            linking VARCHAR PRIMARY KEY,
            linked_at TIMESTAMPTZ NOT NULL,
            sessions BIGINT NOT NULL
          )""",
          """
          CREATE TABLE linked_session (
            linking VARCHAR NOT NULL,
            session_key VARCHAR NOT NULL,
            person VARCHAR,
            owner VARCHAR NOT NULL,
            repo_id VARCHAR,
            cost DECIMAL(38, 18) NOT NULL,
            cost_scale INTEGER NOT NULL,
            tokens BIGINT NOT NULL,
            estimated BOOLEAN NOT NULL,
            written BIGINT NOT NULL,
            shipped_lines BIGINT NOT NULL,
            alive_at_head BIGINT NOT NULL,
            alive_30d BIGINT,
            shipped_commits INTEGER NOT NULL
          )""",
          """
          CREATE TABLE linked_commit (
            linking VARCHAR NOT NULL,
            session_key VARCHAR NOT NULL,
            sha VARCHAR NOT NULL,
            shipped BOOLEAN NOT NULL,
            fate_shipped BIGINT NOT NULL,
            reworked_21d BIGINT
          )""");

  private final Connection connection;

  DuckDbLinkedResults(Connection connection) {
    this.connection = connection;
  }

  /** Replaces the results kept under the linking's name, in one transaction. */
  void save(LinkedResults results) throws SQLException {
    Transactions.inTransaction(
        connection,
        () -> {
          for (String table : List.of("linked_run", "linked_session", "linked_commit")) {
            try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM " + table + " WHERE linking = ?")) {
              delete.setString(1, results.linking());
              delete.execute();
            }
          }
          DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
          long count = 0;
          try (DuckDBAppender sessions = duck.createAppender("linked_session");
              DuckDBAppender commits = duck.createAppender("linked_commit")) {
            for (LinkedResults.Session session : results.sessions()) {
              appendSession(sessions, results.linking(), session);
              count++;
              for (LinkedResults.Commit commit : session.commits()) {
                commits.beginRow();
                commits.append(results.linking());
                commits.append(session.sessionKey());
                commits.append(commit.sha());
                commits.append(commit.shipped());
                commits.append(commit.fateShipped());
                commits.append(commit.reworked21d());
                commits.endRow();
              }
            }
          }
          try (PreparedStatement run =
              connection.prepareStatement("INSERT INTO linked_run VALUES (?, ?, ?)")) {
            run.setString(1, results.linking());
            Transactions.setInstant(run, 2, results.linkedAt());
            run.setLong(3, count);
            return run.executeUpdate();
          }
        });
  }

  private static void appendSession(
      DuckDBAppender appender, String linking, LinkedResults.Session session) throws SQLException {
    if (session.cost().scale() > MONEY_SCALE) {
      throw new IllegalArgumentException(
          "a cost of more than %d decimals cannot be kept exactly: %s"
              .formatted(MONEY_SCALE, session.cost()));
    }
    appender.beginRow();
    appender.append(linking);
    appender.append(session.sessionKey());
    Appending.text(appender, session.person());
    appender.append(session.owner());
    Appending.text(appender, session.repositoryId());
    appender.append(session.cost().setScale(MONEY_SCALE, RoundingMode.UNNECESSARY));
    appender.append(Math.max(0, session.cost().scale()));
    appender.append(session.tokens());
    appender.append(session.estimated());
    appender.append(session.written());
    appender.append(session.shippedLines());
    appender.append(session.aliveAtHead());
    appender.append(session.alive30d());
    appender.append(session.shippedCommits());
    appender.endRow();
  }

  /** When the linking's kept results were linked; empty when none are kept. */
  Optional<Instant> linkedAt(String linking) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT linked_at FROM linked_run WHERE linking = ?")) {
      statement.setString(1, linking);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next()
            ? Optional.of(rows.getObject(1, java.time.OffsetDateTime.class).toInstant())
            : Optional.empty();
      }
    }
  }

  /**
   * Sums over the kept sessions of a linking, per group of persons (null: one group of everyone,
   * under the key {@code ""}), in a repository (null: any), in one pass whatever the number of
   * groups; a group with no sessions has {@link LinkedResults.Sums#NONE}. Empty when none are kept
   * under that name.
   */
  Optional<Map<String, LinkedResults.Sums>> sums(
      String linking,
      @Nullable Map<String, ? extends Collection<String>> groups,
      @Nullable String repositoryId)
      throws SQLException {
    if (linkedAt(linking).isEmpty()) {
      return Optional.empty();
    }
    String members =
        groups == null
            ? "SELECT '' AS grp, l.* FROM linked_session l WHERE l.linking = ?"
            : """
              SELECT m.grp, l.* FROM linked_session l
              JOIN (SELECT DISTINCT grp, person FROM (
                SELECT unnest(?::VARCHAR[]) AS grp, unnest(?::VARCHAR[]) AS person)) m
              ON l.person = m.person
              WHERE l.linking = ?""";
    String sql =
        """
        WITH s AS MATERIALIZED (
          SELECT grp, session_key, person, cost, cost_scale, tokens, estimated, written,
            shipped_lines, alive_at_head, alive_30d, shipped_commits
          FROM (%s)%s),
        c AS MATERIALIZED (
          SELECT s.grp, c.sha, c.shipped, c.fate_shipped, c.reworked_21d
          FROM linked_commit c JOIN s ON c.session_key = s.session_key
          WHERE c.linking = ?),
        a AS (
          SELECT grp, count(*) AS sessions, %s AS cost, %s AS shipped_cost,
            %s AS unshipped_cost, %s AS estimated_cost,
            sum(tokens) AS tokens,
            sum(written) AS written,
            sum(shipped_lines) AS shipped_lines,
            sum(alive_at_head) AS alive,
            coalesce(sum(written) FILTER (WHERE alive_30d IS NOT NULL), 0) AS written30,
            coalesce(sum(alive_30d), 0) AS alive30,
            count(DISTINCT person) AS people
          FROM s GROUP BY grp),
        b AS (
          SELECT grp, count(DISTINCT sha) AS commits,
            count(DISTINCT sha) FILTER (WHERE shipped) AS shipped_commits
          FROM c GROUP BY grp),
        r AS (
          SELECT grp, sum(fate_shipped) AS rework_shipped, sum(reworked) AS reworked
          FROM (
            SELECT grp, sha, any_value(fate_shipped) AS fate_shipped,
              any_value(reworked_21d) AS reworked
            FROM c WHERE shipped AND reworked_21d IS NOT NULL GROUP BY grp, sha)
          GROUP BY grp)
        SELECT a.grp, a.sessions, a.cost, a.shipped_cost, a.unshipped_cost, a.estimated_cost,
          a.tokens, a.written, a.shipped_lines, a.alive, a.written30, a.alive30,
          coalesce(b.commits, 0), coalesce(b.shipped_commits, 0),
          coalesce(r.rework_shipped, 0), coalesce(r.reworked, 0), a.people
        FROM a LEFT JOIN b USING (grp) LEFT JOIN r USING (grp)
        """
            .formatted(
                members,
                repositoryId == null ? "" : " WHERE repo_id = ?",
                money("TRUE"),
                money("shipped_commits > 0"),
                money("shipped_commits = 0"),
                money("estimated"));
    Map<String, LinkedResults.Sums> result = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      if (groups != null) {
        List<String> names = new ArrayList<>();
        List<String> persons = new ArrayList<>();
        groups.forEach(
            (name, people) ->
                people.forEach(
                    person -> {
                      names.add(name);
                      persons.add(person);
                    }));
        statement.setArray(index++, connection.createArrayOf("VARCHAR", names.toArray()));
        statement.setArray(index++, connection.createArrayOf("VARCHAR", persons.toArray()));
      }
      statement.setString(index++, linking);
      if (repositoryId != null) {
        statement.setString(index++, repositoryId);
      }
      statement.setString(index, linking);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          result.put(
              rows.getString(1),
              new LinkedResults.Sums(
                  rows.getInt(2),
                  money(rows, 3),
                  money(rows, 4),
                  money(rows, 5),
                  money(rows, 6),
                  rows.getLong(7),
                  rows.getLong(8),
                  rows.getLong(9),
                  rows.getLong(10),
                  rows.getLong(11),
                  rows.getLong(12),
                  rows.getInt(13),
                  rows.getInt(14),
                  rows.getLong(15),
                  rows.getLong(16),
                  rows.getInt(17)));
        }
      }
    }
    for (String name : groups == null ? List.of("") : groups.keySet()) {
      result.putIfAbsent(name, LinkedResults.Sums.NONE);
    }
    return Optional.of(result);
  }

  /**
   * Per repository, the cost of the kept sessions of a linking that ran in it and their owners: of
   * the given persons (null: everyone's), in a repository (null: any). Empty when none are kept
   * under that name.
   */
  Optional<List<LinkedResults.RepositorySums>> byRepository(
      String linking, @Nullable Collection<String> persons, @Nullable String repositoryId)
      throws SQLException {
    if (linkedAt(linking).isEmpty()) {
      return Optional.empty();
    }
    String sql =
        ("SELECT repo_id, {'sum': sum(cost), 'scale': max(cost_scale)}, count(DISTINCT owner)"
                + " FROM linked_session WHERE %s AND repo_id IS NOT NULL GROUP BY repo_id"
                + " ORDER BY repo_id")
            .formatted(scope(persons, repositoryId));
    List<LinkedResults.RepositorySums> result = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bindScope(statement, linking, persons, repositoryId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          result.add(
              new LinkedResults.RepositorySums(rows.getString(1), money(rows, 2), rows.getInt(3)));
        }
      }
    }
    return Optional.of(result);
  }

  /** The condition on linked_session rows of a scope; bound by {@link #bindScope}. */
  private static String scope(@Nullable Collection<String> persons, @Nullable String repositoryId) {
    StringBuilder scope = new StringBuilder("linking = ?");
    if (persons != null) {
      scope.append(" AND person IN (SELECT unnest(?::VARCHAR[]))");
    }
    if (repositoryId != null) {
      scope.append(" AND repo_id = ?");
    }
    return scope.toString();
  }

  /** Binds a {@link #scope}'s parameters from the first; returns the index of the next. */
  private int bindScope(
      PreparedStatement statement,
      String linking,
      @Nullable Collection<String> persons,
      @Nullable String repositoryId)
      throws SQLException {
    int index = 1;
    statement.setString(index++, linking);
    if (persons != null) {
      statement.setArray(index++, connection.createArrayOf("VARCHAR", persons.toArray()));
    }
    if (repositoryId != null) {
      statement.setString(index++, repositoryId);
    }
    return index;
  }

  /**
   * The sum of the costs of the sessions that meet a condition, with the largest of their scales (0
   * when there are none), as one struct column: what adding them to {@code BigDecimal.ZERO} gives,
   * trailing zeros included.
   */
  private static String money(String condition) {
    return ("{'sum': coalesce(sum(cost) FILTER (WHERE %1$s), 0),"
            + " 'scale': coalesce(max(cost_scale) FILTER (WHERE %1$s), 0)}")
        .formatted(condition);
  }

  private static BigDecimal money(ResultSet rows, int column) throws SQLException {
    java.sql.Struct struct = (java.sql.Struct) rows.getObject(column);
    Object[] parts = struct.getAttributes();
    return ((BigDecimal) parts[0])
        .setScale(((Number) parts[1]).intValue(), RoundingMode.UNNECESSARY);
  }
}
