package dev.goodhart.store.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes rows through one {@code INSERT ... VALUES (...) ON CONFLICT ...} statement that carries up
 * to a hundred of them ({@link MultiRowInsert}): DuckDB spends about two milliseconds on a
 * statement of one row, so a few hundred rows written one by one took seconds.
 */
final class BatchedUpserts {
  /** Binds one row's parameters, numbered from 1 as if the statement held that row alone. */
  interface Binder<T> {
    void bind(PreparedStatement statement, T fact) throws SQLException;
  }

  /** The most rows one statement carries. */
  private static final int ROWS_PER_STATEMENT = 100;

  private BatchedUpserts() {}

  /**
   * Writes the facts in their order, as if one by one: a statement's rows never share a key (one
   * statement cannot update a row twice), so a fact repeated in a batch is written after the one
   * before it. Kinds without {@code key} (few, and keyed by every column) go one by one.
   */
  static <T> void upsertAll(
      Connection connection,
      String sql,
      List<T> facts,
      Binder<T> binder,
      @Nullable Function<T, String> key)
      throws SQLException {
    if (facts.isEmpty()) {
      return;
    }
    if (key == null) {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (T fact : facts) {
          binder.bind(statement, fact);
          statement.executeUpdate();
        }
      }
      return;
    }
    Map<Integer, PreparedStatement> statements = new HashMap<>();
    try {
      List<T> chunk = new ArrayList<>();
      Set<String> keys = new HashSet<>();
      for (T fact : facts) {
        if (chunk.size() == ROWS_PER_STATEMENT || !keys.add(key.apply(fact))) {
          execute(connection, sql, chunk, binder, statements);
          chunk.clear();
          keys.clear();
          keys.add(key.apply(fact));
        }
        chunk.add(fact);
      }
      execute(connection, sql, chunk, binder, statements);
    } finally {
      for (PreparedStatement statement : statements.values()) {
        statement.close();
      }
    }
  }

  private static <T> void execute(
      Connection connection,
      String sql,
      List<T> rows,
      Binder<T> binder,
      Map<Integer, PreparedStatement> statements)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    PreparedStatement statement = statements.get(rows.size());
    if (statement == null) {
      statement = connection.prepareStatement(MultiRowInsert.of(sql, rows.size()));
      statements.put(rows.size(), statement);
    }
    int columns = MultiRowInsert.parameters(sql);
    for (int row = 0; row < rows.size(); row++) {
      binder.bind(MultiRowInsert.shifted(statement, row * columns), rows.get(row));
    }
    statement.executeUpdate();
  }
}
