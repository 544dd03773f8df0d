package dev.goodhart.store.duckdb;

import java.sql.SQLException;
import java.time.Instant;
import org.duckdb.DuckDBAppender;
import org.jspecify.annotations.Nullable;

/** Values a DuckDB appender takes that may be missing, written as SQL NULL then. */
final class Appending {
  private Appending() {}

  static void text(DuckDBAppender appender, @Nullable String value) throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else {
      appender.append(value);
    }
  }

  /** A moment to the microsecond, DuckDB's precision, into a TIMESTAMPTZ column. */
  static void instant(DuckDBAppender appender, @Nullable Instant value) throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else {
      appender.appendEpochMicros(Transactions.epochMicros(value));
    }
  }
}
