package dev.goodhart.store.duckdb;

import static dev.goodhart.store.duckdb.Transactions.inTransaction;
import static dev.goodhart.store.duckdb.Transactions.instant;
import static dev.goodhart.store.duckdb.Transactions.setInstant;

import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorCursor;
import dev.goodhart.model.billing.VendorUsage;
import dev.goodhart.store.VendorDaily;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Vendor rows in DuckDB ({@code vendor_usage}), one per vendor, report, bucket start and line key,
 * and the cursors of API imports ({@code vendor_cursor}). A bucket stored under one grouping and
 * read again under another loses its stored rows first: the two readings are the same money cut two
 * ways, never two bills.
 */
final class DuckDbBilling {
  private static final String UPSERT =
      """
      INSERT INTO vendor_usage (vendor, report, bucket_start, bucket_end, line_key, grouping, model,
        workspace, api_key, line_item, person_id, amount_usd, list_amount_usd, estimated,
        input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, requests)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (vendor, report, bucket_start, line_key) DO UPDATE SET
        bucket_end = excluded.bucket_end, grouping = excluded.grouping, model = excluded.model,
        workspace = excluded.workspace, api_key = excluded.api_key, line_item = excluded.line_item,
        person_id = excluded.person_id, amount_usd = excluded.amount_usd,
        list_amount_usd = excluded.list_amount_usd, estimated = excluded.estimated,
        input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
        cache_read_tokens = excluded.cache_read_tokens,
        cache_write_tokens = excluded.cache_write_tokens, requests = excluded.requests
      """;

  private final Connection connection;

  DuckDbBilling(Connection connection) {
    this.connection = connection;
  }

  /** A bucket of one report: what a grouping applies to. */
  private record Bucket(Vendor vendor, String report, Instant start) {}

  void record(List<VendorUsage> rows, List<VendorCursor> progress) throws SQLException {
    Map<Bucket, String> groupings = new LinkedHashMap<>();
    for (VendorUsage row : rows) {
      groupings.put(new Bucket(row.vendor(), row.report(), row.bucketStart()), row.grouping());
    }
    List<VendorUsage> kept = new ArrayList<>(rows.size());
    for (VendorUsage row : rows) {
      Bucket bucket = new Bucket(row.vendor(), row.report(), row.bucketStart());
      if (groupings.get(bucket).equals(row.grouping())) {
        kept.add(row);
      }
    }
    inTransaction(
        connection,
        () -> {
          replaceOtherGroupings(groupings);
          BatchedUpserts.upsertAll(
              connection,
              UPSERT,
              kept,
              DuckDbBilling::bind,
              row ->
                  row.vendor().wireName()
                      + '\u0000'
                      + row.report()
                      + '\u0000'
                      + row.bucketStart()
                      + '\u0000'
                      + row.lineKey());
          advance(progress);
          return null;
        });
  }

  private void replaceOtherGroupings(Map<Bucket, String> groupings) throws SQLException {
    if (groupings.isEmpty()) {
      return;
    }
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM vendor_usage WHERE vendor = ? AND report = ? AND bucket_start = ?"
                + " AND grouping <> ?")) {
      for (Map.Entry<Bucket, String> entry : groupings.entrySet()) {
        delete.setString(1, entry.getKey().vendor().wireName());
        delete.setString(2, entry.getKey().report());
        setInstant(delete, 3, entry.getKey().start());
        delete.setString(4, entry.getValue());
        delete.executeUpdate();
      }
    }
  }

  private void advance(List<VendorCursor> progress) throws SQLException {
    if (progress.isEmpty()) {
      return;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            INSERT INTO vendor_cursor VALUES (?, ?, ?, ?)
            ON CONFLICT (vendor, report, scope)
            DO UPDATE SET last_bucket = greatest(vendor_cursor.last_bucket, excluded.last_bucket)
            """)) {
      for (VendorCursor cursor : progress) {
        statement.setString(1, cursor.vendor().wireName());
        statement.setString(2, cursor.report());
        statement.setString(3, cursor.scope());
        setInstant(statement, 4, cursor.lastBucket());
        statement.executeUpdate();
      }
    }
  }

  private static void bind(PreparedStatement statement, VendorUsage row) throws SQLException {
    statement.setString(1, row.vendor().wireName());
    statement.setString(2, row.report());
    setInstant(statement, 3, row.bucketStart());
    setInstant(statement, 4, row.bucketEnd());
    statement.setString(5, row.lineKey());
    statement.setString(6, row.grouping());
    statement.setString(7, row.model());
    statement.setString(8, row.workspace());
    statement.setString(9, row.apiKey());
    statement.setString(10, row.lineItem());
    statement.setString(11, row.personId());
    setDecimal(statement, 12, row.amountUsd());
    setDecimal(statement, 13, row.listAmountUsd());
    statement.setBoolean(14, row.estimated());
    statement.setLong(15, row.inputTokens());
    statement.setLong(16, row.outputTokens());
    statement.setLong(17, row.cacheReadTokens());
    statement.setLong(18, row.cacheWriteTokens());
    setDecimal(statement, 19, row.requests());
  }

  private static void setDecimal(PreparedStatement statement, int index, @Nullable BigDecimal value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DECIMAL);
    } else {
      statement.setBigDecimal(index, value);
    }
  }

  Optional<Instant> cursor(Vendor vendor, String report, String scope) throws SQLException {
    synchronized (connection) {
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT epoch_us(last_bucket) FROM vendor_cursor"
                  + " WHERE vendor = ? AND report = ? AND scope = ?")) {
        statement.setString(1, vendor.wireName());
        statement.setString(2, report);
        statement.setString(3, scope);
        try (ResultSet rows = statement.executeQuery()) {
          return rows.next() ? Optional.ofNullable(instant(rows, 1)) : Optional.empty();
        }
      }
    }
  }

  List<VendorDaily> byDay(@Nullable LocalDate from, @Nullable LocalDate until) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            """
            SELECT vendor, report,
                   CAST(timezone('UTC', bucket_start) AS DATE) AS first_day,
                   CAST(timezone('UTC', bucket_end - INTERVAL 1 MICROSECOND) AS DATE) AS last_day,
                   estimated, sum(amount_usd), sum(list_amount_usd),
                   sum(input_tokens + output_tokens + cache_read_tokens + cache_write_tokens),
                   sum(requests), count(*)
            FROM vendor_usage WHERE true
            """);
    TimeSpan span =
        new TimeSpan(
            "bucket_start",
            from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
            until == null ? null : until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    sql.append(span.sql());
    sql.append(" GROUP BY ALL ORDER BY first_day, vendor, report, last_day, estimated");
    synchronized (connection) {
      try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
        span.bind(statement, 1);
        List<VendorDaily> days = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            Vendor vendor = Vendor.of(rows.getString(1)).orElse(null);
            if (vendor == null) {
              continue; // a vendor a newer goodhart stored
            }
            days.add(
                new VendorDaily(
                    vendor,
                    rows.getString(2),
                    rows.getObject(3, LocalDate.class),
                    rows.getObject(4, LocalDate.class),
                    rows.getBoolean(5),
                    rows.getBigDecimal(6),
                    rows.getBigDecimal(7),
                    rows.getLong(8),
                    rows.getBigDecimal(9),
                    rows.getLong(10)));
          }
        }
        return days;
      }
    }
  }

  Set<String> people(@Nullable Instant from, @Nullable Instant until) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT DISTINCT person_id FROM vendor_usage WHERE person_id IS NOT NULL");
    TimeSpan span = new TimeSpan("bucket_start", from, until);
    sql.append(span.sql());
    synchronized (connection) {
      try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
        span.bind(statement, 1);
        Set<String> people = new TreeSet<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            people.add(rows.getString(1));
          }
        }
        return people;
      }
    }
  }
}
