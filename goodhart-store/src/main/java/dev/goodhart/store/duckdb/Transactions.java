package dev.goodhart.store.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** One DuckDB transaction around a piece of work, rolled back on any failure. */
final class Transactions {
  private Transactions() {}

  interface Work<T> {
    T run() throws SQLException;
  }

  static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
    synchronized (connection) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.run();
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  /** Sets a TIMESTAMPTZ parameter: as an offset time in UTC, whatever the JVM's zone. */
  static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
  }

  /** A moment as DuckDB's microseconds since 1970 ({@code epoch_us}, an appender's timestamp). */
  static long epochMicros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** Reads a column selected as {@code epoch_us(column)}. */
  static @Nullable Instant instant(ResultSet rows, int index) throws SQLException {
    long micros = rows.getLong(index);
    return rows.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
