package dev.goodhart.store.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * One DuckDB transaction around a piece of work, rolled back on any failure, and a connection fit
 * for the next one whatever happened.
 *
 * <p>When DuckDB cannot write its log at a commit (a full disk), it ends the transaction itself;
 * the driver, which marks its transaction ended only once {@code COMMIT} or {@code ROLLBACK}
 * succeeds, then believes one is still open. Before, every later commit on that connection failed
 * ("no transaction is active") while each statement of the "failed" work was committed alone: a
 * server kept failing until a restart, and stored its retries' rows more than once. So a rollback
 * that finds no transaction opens one for the driver to roll back, which brings the two into step.
 *
 * <p>Work may call other work in a transaction on the same connection: it joins the transaction
 * open there (a scan's facts and its line provenance commit together; before, the inner work's
 * commit committed the outer's first half). Every transaction begins here, so a connection out of
 * auto-commit is one inside such work.
 */
final class Transactions {
  private Transactions() {}

  /** Work in a transaction: SQL, and whatever else it may fail with (writing a staging file). */
  interface Work<T, E extends Exception> {
    T run() throws SQLException, E;
  }

  static <T, E extends Exception> T inTransaction(Connection connection, Work<T, E> work)
      throws SQLException, E {
    synchronized (connection) {
      if (!connection.getAutoCommit()) {
        return work.run(); // part of the transaction open on this connection
      }
      connection.setAutoCommit(false);
      try {
        T result = work.run();
        connection.commit();
        return result;
      } catch (Exception e) {
        try {
          rollback(connection);
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static void rollback(Connection connection) throws SQLException {
    try {
      connection.rollback();
    } catch (SQLException noTransaction) {
      // A failed commit ended DuckDB's transaction but not the driver's: give it one to end.
      try (Statement statement = connection.createStatement()) {
        statement.execute("BEGIN TRANSACTION");
      }
      connection.rollback();
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
