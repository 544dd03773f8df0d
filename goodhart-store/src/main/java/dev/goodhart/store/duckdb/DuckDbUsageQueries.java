package dev.goodhart.store.duckdb;

import dev.goodhart.model.TokenCounts;
import dev.goodhart.store.CountedEvent;
import dev.goodhart.store.UsageAggregate;
import dev.goodhart.store.UsageFilter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The usage queries, in DuckDB's SQL. Only counted events are read; sums are exact (integers and
 * decimals).
 */
final class DuckDbUsageQueries {
  private static final String SUMS =
      "sum(input_tokens)::BIGINT, sum(output_tokens)::BIGINT, sum(cache_read_tokens)::BIGINT,"
          + " sum(cache_write_5m_tokens)::BIGINT, sum(cache_write_1h_tokens)::BIGINT, sum(reasoning_tokens)::BIGINT,"
          + " coalesce(sum(reported_cost_usd), 0), count(*), epoch_us(min(ts)), epoch_us(max(ts))";

  private final Connection connection;

  DuckDbUsageQueries(Connection connection) {
    this.connection = connection;
  }

  /**
   * Counted usage per UTC time slot. Slots of a day over whole UTC days are summed from the sums
   * every write keeps ({@link SessionDayUsage}): a daily report over a 10M-event store grouped
   * every event (1.9 s, and the dashboard's /spend behind it took 13-24 s under steady ingest).
   */
  List<UsageAggregate> bySlot(UsageFilter filter, Duration slot) throws SQLException {
    long slotMicros = slot.toNanos() / 1_000;
    if (slot.equals(Duration.ofDays(1))
        && filter.project() == null
        && wholeDay(filter.from())
        && wholeDay(filter.until())) {
      Where where = Where.ofDays(filter);
      return aggregates(
          "SELECT day_us AS slot, source, machine_id, model, is_fast, long_context, cost_reported,"
              + " sum(input_tokens)::BIGINT, sum(output_tokens)::BIGINT,"
              + " sum(cache_read_tokens)::BIGINT, sum(cache_write_5m_tokens)::BIGINT,"
              + " sum(cache_write_1h_tokens)::BIGINT, sum(reasoning_tokens)::BIGINT,"
              + " coalesce(sum(reported_cost_usd), 0), sum(requests)::BIGINT, min(first_us),"
              + " max(last_us) FROM usage_session_day WHERE "
              + where.sql()
              + " GROUP BY ALL ORDER BY slot, source, model",
          where,
          rows -> aggregate(rows, micros(rows.getLong(1)), null, 2, null, null, null));
    }
    return aggregates(
        filter,
        "SELECT epoch_us(ts) // %d * %d AS slot, source, machine_id, model, is_fast, long_context,"
                .formatted(slotMicros, slotMicros)
            + " reported_cost_usd IS NOT NULL AS cost_reported, "
            + SUMS,
        " GROUP BY ALL ORDER BY slot, source, model",
        rows -> aggregate(rows, micros(rows.getLong(1)), null, 2, null, null, null));
  }

  List<UsageAggregate> bySession(UsageFilter filter) throws SQLException {
    return aggregates(
        filter,
        "SELECT session_id, source, machine_id, model, is_fast, long_context,"
            + " reported_cost_usd IS NOT NULL AS cost_reported, "
            + SUMS
            + ", max(project), arg_max(cwd, ts), arg_max(git_branch, ts)",
        " GROUP BY session_id, source, machine_id, model, is_fast, long_context, cost_reported"
            + " ORDER BY source, session_id, model",
        rows ->
            aggregate(
                rows,
                null,
                rows.getString(1),
                2,
                rows.getString(18),
                rows.getString(19),
                rows.getString(20)));
  }

  /**
   * Counted usage per session and UTC day: what a session's spend needs. Read from the sums every
   * write keeps ({@link SessionDayUsage}) when the filter is whole UTC days; a filter by project,
   * or by a moment within a day, sums the events with the same definition.
   */
  List<UsageAggregate> bySessionDay(UsageFilter filter) throws SQLException {
    return bySessionDay(filter, false);
  }

  /**
   * As {@link #bySessionDay(UsageFilter)}, summed from the events when {@code fromEvents} even
   * where the table could answer: the check of the table.
   */
  List<UsageAggregate> bySessionDay(UsageFilter filter, boolean fromEvents) throws SQLException {
    List<UsageAggregate> groups = new ArrayList<>();
    bySessionDay(filter, fromEvents, groups::add);
    return groups;
  }

  /** As {@link #bySessionDay(UsageFilter, boolean)}, each group handed over as it is read. */
  void bySessionDay(UsageFilter filter, boolean fromEvents, Consumer<UsageAggregate> consumer)
      throws SQLException {
    Where where;
    String sql;
    if (!fromEvents
        && filter.project() == null
        && wholeDay(filter.from())
        && wholeDay(filter.until())) {
      where = Where.ofDays(filter);
      sql = "SELECT " + SessionDayUsage.COLUMNS + " FROM usage_session_day WHERE " + where.sql();
    } else {
      where = Where.of(filter);
      sql = "SELECT * FROM (" + SessionDayUsage.grouped("usage_event", where.sql()) + ")";
    }
    aggregates(
        sql + SessionDayUsage.ORDER,
        where,
        rows ->
            aggregate(
                rows,
                micros(rows.getLong(1)),
                rows.getString(2),
                3,
                null,
                rows.getString(19),
                rows.getString(20)),
        consumer);
  }

  /** The sessions with counted usage on the filter's days, from the kept sums. */
  long sessionCount(UsageFilter filter) throws SQLException {
    UsageFilter days =
        new UsageFilter(
            dayStart(filter.from(), false), dayStart(filter.until(), true), filter.sources(), null);
    Where where = Where.ofDays(days);
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT count(*) FROM (SELECT DISTINCT source, session_id FROM usage_session_day WHERE "
                + where.sql()
                + ")")) {
      where.bind(statement, 1);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /**
   * The start of the UTC day a moment falls in, or of the next one ({@code after}) unless whole.
   */
  private static @Nullable Instant dayStart(@Nullable Instant moment, boolean after) {
    if (moment == null || wholeDay(moment)) {
      return moment;
    }
    Instant start = moment.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    return after ? start.plus(java.time.Duration.ofDays(1)) : start;
  }

  private static boolean wholeDay(@Nullable Instant moment) {
    return moment == null || Transactions.epochMicros(moment) % 86_400_000_000L == 0;
  }

  /** The machine ids of counted usage, each once. */
  List<String> machineIds() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT DISTINCT machine_id FROM usage_session_day ORDER BY machine_id")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  /** Reads one row of an aggregate query. */
  @FunctionalInterface
  private interface AggregateRow {
    UsageAggregate read(ResultSet rows) throws SQLException;
  }

  /** Runs {@code select ... FROM usage_event WHERE <filter> rest}, a row an aggregate. */
  private List<UsageAggregate> aggregates(
      UsageFilter filter, String select, String rest, AggregateRow row) throws SQLException {
    Where where = Where.of(filter);
    return aggregates(select + " FROM usage_event WHERE " + where.sql() + rest, where, row);
  }

  /** Runs {@code sql} with the parameters of {@code where}, a row an aggregate. */
  private List<UsageAggregate> aggregates(String sql, Where where, AggregateRow row)
      throws SQLException {
    List<UsageAggregate> aggregates = new ArrayList<>();
    aggregates(sql, where, row, aggregates::add);
    return aggregates;
  }

  /** Runs {@code sql} with the parameters of {@code where}, each row's aggregate handed over. */
  private void aggregates(
      String sql, Where where, AggregateRow row, Consumer<UsageAggregate> consumer)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      where.bind(statement, 1);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          consumer.accept(row.read(rows));
        }
      }
    }
  }

  void scan(UsageFilter filter, Consumer<CountedEvent> consumer) throws SQLException {
    Where where = Where.of(filter);
    String sql =
        "SELECT source, epoch_us(ts), model, is_fast, long_context, input_tokens, output_tokens, cache_read_tokens,"
            + " cache_write_5m_tokens, cache_write_1h_tokens, reasoning_tokens, reported_cost_usd, machine_id,"
            + " session_id, cwd, git_branch"
            + " FROM usage_event WHERE "
            + where.sql()
            + " ORDER BY source, ts, event_id";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      where.bind(statement, 1);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          consumer.accept(
              new CountedEvent(
                  rows.getString(1),
                  rows.getString(13),
                  micros(rows.getLong(2)),
                  rows.getString(3),
                  rows.getBoolean(4),
                  rows.getBoolean(5),
                  new TokenCounts(
                      rows.getLong(6),
                      rows.getLong(7),
                      rows.getLong(8),
                      rows.getLong(9),
                      rows.getLong(10),
                      rows.getLong(11)),
                  rows.getBigDecimal(12),
                  rows.getString(14),
                  rows.getString(15),
                  rows.getString(16)));
        }
      }
    }
  }

  /**
   * Reads the grouping columns (from {@code first}: source, machine, model, fast, long context,
   * cost reported).
   */
  private static UsageAggregate aggregate(
      ResultSet rows,
      @Nullable Instant slot,
      @Nullable String sessionId,
      int first,
      @Nullable String project,
      @Nullable String cwd,
      @Nullable String branch)
      throws SQLException {
    int sums = first + 6;
    BigDecimal reported = rows.getBigDecimal(sums + 6);
    return new UsageAggregate(
        slot,
        sessionId,
        rows.getString(first),
        rows.getString(first + 1),
        rows.getString(first + 2),
        rows.getBoolean(first + 3),
        rows.getBoolean(first + 4),
        rows.getBoolean(first + 5),
        new TokenCounts(
            rows.getLong(sums),
            rows.getLong(sums + 1),
            rows.getLong(sums + 2),
            rows.getLong(sums + 3),
            rows.getLong(sums + 4),
            rows.getLong(sums + 5)),
        reported == null ? BigDecimal.ZERO : reported.stripTrailingZeros(),
        rows.getLong(sums + 7),
        micros(rows.getLong(sums + 8)),
        micros(rows.getLong(sums + 9)),
        project,
        cwd,
        branch);
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** The WHERE clause of a filter and its parameters. */
  private record Where(String sql, List<Object> parameters) {
    static Where of(UsageFilter filter) {
      Where where = periodAndSources(filter, "counted", "epoch_us(ts)");
      if (filter.project() == null) {
        return where;
      }
      List<Object> parameters = new ArrayList<>(where.parameters());
      parameters.add(filter.project());
      parameters.add(filter.project());
      parameters.add(filter.project());
      return new Where(
          where.sql() + " AND (project = ? OR cwd = ? OR ends_with(cwd, '/' || ?))", parameters);
    }

    /**
     * The filter over {@code usage_session_day}'s UTC days: exact when its bounds are whole days
     * (an event falls between them exactly when its day does).
     */
    static Where ofDays(UsageFilter filter) {
      return periodAndSources(filter, "true", "day_us");
    }

    /** {@code first}, then the filter's period over {@code micros} and its sources. */
    private static Where periodAndSources(UsageFilter filter, String first, String micros) {
      StringBuilder sql = new StringBuilder(first);
      List<Object> parameters = new ArrayList<>();
      if (filter.from() != null) {
        sql.append(" AND ").append(micros).append(" >= ?");
        parameters.add(Transactions.epochMicros(filter.from()));
      }
      if (filter.until() != null) {
        sql.append(" AND ").append(micros).append(" < ?");
        parameters.add(Transactions.epochMicros(filter.until()));
      }
      sources(filter, sql, parameters);
      return new Where(sql.toString(), parameters);
    }

    private static void sources(UsageFilter filter, StringBuilder sql, List<Object> parameters) {
      if (!filter.sources().isEmpty()) {
        sql.append(" AND source IN (")
            .append("?, ".repeat(filter.sources().size() - 1))
            .append("?)");
        parameters.addAll(filter.sources());
      }
    }

    void bind(PreparedStatement statement, int first) throws SQLException {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(first + i, parameters.get(i));
      }
    }
  }
}
