package dev.goodhart.store.duckdb;

import static dev.goodhart.store.duckdb.Transactions.inTransaction;
import static dev.goodhart.store.duckdb.Transactions.instant;
import static dev.goodhart.store.duckdb.Transactions.setInstant;
import static java.util.Objects.requireNonNull;

import dev.goodhart.model.access.ApiToken;
import dev.goodhart.model.access.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** API tokens and the team mapping in DuckDB. */
final class DuckDbAccess {
  private static final String TOKEN_COLUMNS =
      "token_id, secret_hash, scopes, name, epoch_us(created_at), epoch_us(revoked_at)";

  private final Connection connection;

  DuckDbAccess(Connection connection) {
    this.connection = connection;
  }

  void saveToken(ApiToken token) throws SQLException {
    inTransaction(
        connection,
        () -> {
          try (PreparedStatement statement =
              connection.prepareStatement("INSERT INTO api_token VALUES (?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, token.id());
            statement.setString(2, token.secretHash());
            statement.setString(
                3,
                token.scopes().stream()
                    .sorted()
                    .map(Scope::wireName)
                    .collect(Collectors.joining(",")));
            statement.setString(4, token.name());
            setInstant(statement, 5, token.createdAt());
            setInstant(statement, 6, token.revokedAt());
            return statement.executeUpdate();
          }
        });
  }

  Optional<ApiToken> token(String id) throws SQLException {
    synchronized (connection) {
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT " + TOKEN_COLUMNS + " FROM api_token WHERE token_id = ?")) {
        statement.setString(1, id);
        try (ResultSet rows = statement.executeQuery()) {
          return rows.next() ? Optional.of(token(rows)) : Optional.empty();
        }
      }
    }
  }

  List<ApiToken> tokens() throws SQLException {
    synchronized (connection) {
      List<ApiToken> tokens = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT " + TOKEN_COLUMNS + " FROM api_token ORDER BY created_at, token_id")) {
        while (rows.next()) {
          tokens.add(token(rows));
        }
      }
      return tokens;
    }
  }

  boolean revokeToken(String id, Instant at) throws SQLException {
    return inTransaction(
        connection,
        () -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE api_token SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL")) {
            setInstant(statement, 1, at);
            statement.setString(2, id);
            return statement.executeUpdate() > 0;
          }
        });
  }

  Map<String, String> teams() throws SQLException {
    synchronized (connection) {
      Map<String, String> teams = new LinkedHashMap<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT person_id, team FROM team_member ORDER BY team, person_id")) {
        while (rows.next()) {
          teams.put(rows.getString(1), rows.getString(2));
        }
      }
      return teams;
    }
  }

  void replaceTeams(Map<String, String> teams) throws SQLException {
    inTransaction(
        connection,
        () -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM team_member");
          }
          try (PreparedStatement insert =
              connection.prepareStatement("INSERT INTO team_member VALUES (?, ?)")) {
            for (Map.Entry<String, String> member : teams.entrySet()) {
              insert.setString(1, member.getKey());
              insert.setString(2, member.getValue());
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  private static ApiToken token(ResultSet rows) throws SQLException {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : rows.getString(3).split(",")) {
      Scope.fromWire(name).ifPresent(scopes::add);
    }
    return new ApiToken(
        rows.getString(1),
        rows.getString(2),
        scopes,
        rows.getString(4),
        requireNonNull(instant(rows, 5)),
        instant(rows, 6));
  }
}
