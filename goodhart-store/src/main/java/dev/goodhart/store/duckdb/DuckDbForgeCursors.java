package dev.goodhart.store.duckdb;

import static dev.goodhart.store.duckdb.Transactions.instant;
import static dev.goodhart.store.duckdb.Transactions.setInstant;
import static java.util.Objects.requireNonNull;

import dev.goodhart.model.delivery.ForgeCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The cursors of forge imports: a repository's newest complete pass, the ETags of its resources and
 * the pull requests whose details are stored. Written in the caller's transaction, with the facts
 * they account for.
 */
final class DuckDbForgeCursors {
  private final Connection connection;

  DuckDbForgeCursors(Connection connection) {
    this.connection = connection;
  }

  ForgeCursor read(String forge, String repository) throws SQLException {
    synchronized (connection) {
      Instant updatedThrough = null;
      try (PreparedStatement statement =
          select(
              "SELECT epoch_us(updated_through) FROM forge_cursor WHERE forge = ? AND repository = ?",
              forge,
              repository)) {
        try (ResultSet rows = statement.executeQuery()) {
          if (rows.next()) {
            updatedThrough = instant(rows, 1);
          }
        }
      }
      Map<String, String> etags = new HashMap<>();
      try (PreparedStatement statement =
          select(
              "SELECT resource, etag FROM forge_etag WHERE forge = ? AND repository = ?",
              forge,
              repository)) {
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            etags.put(rows.getString(1), rows.getString(2));
          }
        }
      }
      Map<Integer, Instant> pullRequests = new HashMap<>();
      try (PreparedStatement statement =
          select(
              "SELECT number, epoch_us(updated_at) FROM forge_pull_request WHERE forge = ? AND repository = ?",
              forge,
              repository)) {
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            pullRequests.put(rows.getInt(1), requireNonNull(instant(rows, 2)));
          }
        }
      }
      return new ForgeCursor(forge, repository, updatedThrough, etags, pullRequests);
    }
  }

  private PreparedStatement select(String sql, String forge, String repository)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setString(1, forge);
    statement.setString(2, repository);
    return statement;
  }

  /** Writes the update's entries over the stored ones; call inside a transaction. */
  void advance(ForgeCursor update) throws SQLException {
    if (update.updatedThrough() != null) {
      try (PreparedStatement statement =
          connection.prepareStatement(
              """
              INSERT INTO forge_cursor VALUES (?, ?, ?)
              ON CONFLICT (forge, repository) DO UPDATE SET updated_through = excluded.updated_through
              """)) {
        statement.setString(1, update.forge());
        statement.setString(2, update.repository());
        setInstant(statement, 3, update.updatedThrough());
        statement.executeUpdate();
      }
    }
    if (!update.etags().isEmpty()) {
      try (PreparedStatement put =
              connection.prepareStatement(
                  """
                  INSERT INTO forge_etag VALUES (?, ?, ?, ?)
                  ON CONFLICT (forge, repository, resource) DO UPDATE SET etag = excluded.etag
                  """);
          PreparedStatement remove =
              connection.prepareStatement(
                  "DELETE FROM forge_etag WHERE forge = ? AND repository = ? AND resource = ?")) {
        for (Map.Entry<String, String> etag : update.etags().entrySet()) {
          PreparedStatement statement = etag.getValue().isEmpty() ? remove : put;
          statement.setString(1, update.forge());
          statement.setString(2, update.repository());
          statement.setString(3, etag.getKey());
          if (statement == put) {
            statement.setString(4, etag.getValue());
          }
          statement.executeUpdate();
        }
      }
    }
    if (!update.pullRequests().isEmpty()) {
      try (PreparedStatement statement =
          connection.prepareStatement(
              """
              INSERT INTO forge_pull_request VALUES (?, ?, ?, ?)
              ON CONFLICT (forge, repository, number) DO UPDATE SET updated_at = excluded.updated_at
              """)) {
        for (Map.Entry<Integer, Instant> pullRequest : update.pullRequests().entrySet()) {
          statement.setString(1, update.forge());
          statement.setString(2, update.repository());
          statement.setInt(3, pullRequest.getKey());
          setInstant(statement, 4, pullRequest.getValue());
          statement.executeUpdate();
        }
      }
    }
  }
}
