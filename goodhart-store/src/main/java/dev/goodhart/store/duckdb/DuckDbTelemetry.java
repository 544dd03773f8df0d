package dev.goodhart.store.duckdb;

import static dev.goodhart.store.duckdb.Transactions.inTransaction;
import static dev.goodhart.store.duckdb.Transactions.instant;
import static dev.goodhart.store.duckdb.Transactions.setInstant;

import dev.goodhart.model.Hashes;
import dev.goodhart.model.telemetry.MetricDaily;
import dev.goodhart.model.telemetry.MetricPoint;
import dev.goodhart.model.telemetry.MetricSession;
import dev.goodhart.store.UsageFilter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Metric points in DuckDB, stored as increments. A cumulative series is differenced against its
 * last stored point ({@code metric_series}); the first point of a series, a point with a new start
 * time and a point smaller than the last are counted whole (a new or restarted counter). Points are
 * keyed so that an exporter's retry is stored once.
 */
final class DuckDbTelemetry {
  private final Connection connection;

  DuckDbTelemetry(Connection connection) {
    this.connection = connection;
  }

  /** The last cumulative point of a series. */
  private record SeriesState(@Nullable Instant start, Instant last, double value, long count) {}

  int record(List<MetricPoint> points) throws SQLException {
    if (points.isEmpty()) {
      return 0;
    }
    List<MetricPoint> ordered = new ArrayList<>(points);
    ordered.sort(Comparator.comparing(MetricPoint::time));
    return inTransaction(
        connection,
        () -> {
          Map<String, SeriesState> states = new HashMap<>();
          int stored = 0;
          try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO metric_point VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                          + " ON CONFLICT DO NOTHING");
              PreparedStatement lookup =
                  connection.prepareStatement(
                      "SELECT epoch_us(start_ts), epoch_us(last_ts), last_value, last_count"
                          + " FROM metric_series WHERE series_key = ?")) {
            for (MetricPoint point : ordered) {
              double value = point.value();
              long count = point.count();
              if (point.temporality() == MetricPoint.Temporality.CUMULATIVE) {
                SeriesState before =
                    states.containsKey(point.seriesKey())
                        ? states.get(point.seriesKey())
                        : stored(lookup, point.seriesKey());
                Instant start = micros(point.start());
                Instant time = micros(point.time());
                if (before != null
                    && Objects.equals(before.start(), start)
                    && !time.isAfter(before.last())) {
                  continue; // a retry, or a point older than one already counted
                }
                boolean continues =
                    before != null
                        && Objects.equals(before.start(), start)
                        && value >= before.value()
                        && count >= before.count();
                if (continues) {
                  value -= before.value();
                  count -= before.count();
                }
                states.put(
                    point.seriesKey(), new SeriesState(start, time, point.value(), point.count()));
              }
              bind(insert, point, value, count);
              stored += insert.executeUpdate();
            }
          }
          saveStates(states);
          return stored;
        });
  }

  /** The store keeps microseconds; exporters send nanoseconds. Compare what is kept. */
  private static @Nullable Instant micros(@Nullable Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  private static @Nullable SeriesState stored(PreparedStatement lookup, String seriesKey)
      throws SQLException {
    lookup.setString(1, seriesKey);
    try (ResultSet rows = lookup.executeQuery()) {
      if (!rows.next()) {
        return null;
      }
      Instant last = instant(rows, 2);
      return new SeriesState(
          instant(rows, 1), Objects.requireNonNull(last), rows.getDouble(3), rows.getLong(4));
    }
  }

  private void saveStates(Map<String, SeriesState> states) throws SQLException {
    if (states.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert =
        connection.prepareStatement(
            """
            INSERT INTO metric_series VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (series_key) DO UPDATE SET start_ts = excluded.start_ts,
              last_ts = excluded.last_ts, last_value = excluded.last_value,
              last_count = excluded.last_count
            """)) {
      for (Map.Entry<String, SeriesState> entry : states.entrySet()) {
        SeriesState state = entry.getValue();
        upsert.setString(1, entry.getKey());
        setInstant(upsert, 2, state.start());
        setInstant(upsert, 3, state.last());
        upsert.setDouble(4, state.value());
        upsert.setLong(5, state.count());
        upsert.executeUpdate();
      }
    }
  }

  private static void bind(PreparedStatement insert, MetricPoint point, double value, long count)
      throws SQLException {
    insert.setString(1, pointId(point));
    insert.setString(2, point.source());
    insert.setString(3, point.metric());
    insert.setString(4, point.seriesKey());
    setInstant(insert, 5, point.start());
    setInstant(insert, 6, point.time());
    insert.setDouble(7, value);
    insert.setLong(8, count);
    insert.setString(9, point.sessionId());
    insert.setString(10, point.personId());
    insert.setString(11, point.model());
    insert.setString(12, point.type());
    insert.setString(13, point.attributes());
  }

  /**
   * A delta point is one interval of its series; a cumulative point one moment of it (its start is
   * the series', not the interval's).
   */
  static String pointId(MetricPoint point) {
    String identity =
        point.seriesKey()
            + '|'
            + point.temporality()
            + '|'
            + (point.temporality() == MetricPoint.Temporality.DELTA ? point.start() : "")
            + '|'
            + point.time();
    Hashes.Hash128 hash = Hashes.murmur3(identity);
    return String.format("%016x%016x", hash.high(), hash.low());
  }

  /** The metrics that carry an agent's own cost in dollars, and those that count its tokens. */
  private static final String COST_METRICS = "('claude_code.cost.usage')";

  private static final String TOKEN_METRICS =
      "('claude_code.token.usage', 'codex.turn.token_usage', 'gemini_cli.token.usage',"
          + " 'gen_ai.client.token.usage')";

  List<MetricSession> metricOnlySessions(UsageFilter filter) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            """
            SELECT m.source, m.session_id, any_value(m.person_id), min(m.ts), max(m.ts),
                   sum(m.value) FILTER (WHERE m.metric IN %s),
                   sum(m.value) FILTER (WHERE m.metric IN %s),
                   count(*), arg_max(m.model, m.value) FILTER (WHERE m.model IS NOT NULL)
            FROM metric_point m
            WHERE m.session_id IS NOT NULL
              AND NOT EXISTS (
                SELECT 1 FROM usage_event u
                WHERE u.source = m.source AND u.session_id = m.session_id)
            """
                .formatted(COST_METRICS, TOKEN_METRICS));
    TimeSpan span = new TimeSpan("m.ts", filter.from(), filter.until());
    sql.append(span.sql());
    if (!filter.sources().isEmpty()) {
      sql.append(" AND m.source IN (")
          .append(String.join(", ", java.util.Collections.nCopies(filter.sources().size(), "?")))
          .append(')');
    }
    sql.append(" GROUP BY m.source, m.session_id ORDER BY min(m.ts), m.source, m.session_id");
    synchronized (connection) {
      try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
        int index = span.bind(statement, 1);
        for (String source : filter.sources()) {
          statement.setString(index++, source);
        }
        List<MetricSession> sessions = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            double cost = rows.getDouble(6);
            double tokens = rows.getDouble(7);
            sessions.add(
                new MetricSession(
                    rows.getString(1),
                    rows.getString(2),
                    rows.getString(3),
                    Objects.requireNonNull(instant(rows, 4)),
                    Objects.requireNonNull(instant(rows, 5)),
                    // Metric values are doubles on the wire: cents are all they can promise.
                    BigDecimal.valueOf(cost).setScale(6, java.math.RoundingMode.HALF_EVEN),
                    Math.round(tokens),
                    rows.getLong(8),
                    rows.getString(9)));
          }
        }
        return sessions;
      }
    }
  }

  List<MetricDaily> byDay(@Nullable Instant from, @Nullable Instant until) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            """
            SELECT source, metric, type, model, person_id,
                   CAST(timezone('UTC', ts) AS DATE) AS day,
                   sum(value), count(*), count(DISTINCT session_id)
            FROM metric_point WHERE true
            """);
    TimeSpan span = new TimeSpan("ts", from, until);
    sql.append(span.sql());
    sql.append(" GROUP BY ALL ORDER BY day, source, metric, type, model, person_id");
    synchronized (connection) {
      try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
        span.bind(statement, 1);
        List<MetricDaily> days = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            days.add(
                new MetricDaily(
                    rows.getString(1),
                    rows.getString(2),
                    rows.getString(3),
                    rows.getString(4),
                    rows.getString(5),
                    rows.getObject(6, LocalDate.class),
                    rows.getDouble(7),
                    rows.getLong(8),
                    rows.getLong(9)));
          }
        }
        return days;
      }
    }
  }
}
