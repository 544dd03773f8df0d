package dev.goodhart.store.duckdb;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A half-open span of time, {@code from} (inclusive) to {@code until} (exclusive), either end open,
 * as the condition of a query on one column and the parameters that go with it.
 */
record TimeSpan(String column, @Nullable Instant from, @Nullable Instant until) {
  /** The condition to append after a {@code WHERE}: empty, or {@code AND}s. */
  String sql() {
    return (from == null ? "" : " AND " + column + " >= ?")
        + (until == null ? "" : " AND " + column + " < ?");
  }

  /** Binds the span's parameters from {@code index}; returns the index after them. */
  int bind(PreparedStatement statement, int index) throws SQLException {
    int next = index;
    if (from != null) {
      Transactions.setInstant(statement, next++, from);
    }
    if (until != null) {
      Transactions.setInstant(statement, next++, until);
    }
    return next;
  }
}
