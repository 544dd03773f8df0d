package dev.goodhart.store.duckdb;

import dev.goodhart.model.FileCheckpoint;
import dev.goodhart.model.Hashes;
import dev.goodhart.model.ImportBatch;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.pricing.ModelPrice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * Writes import batches. Events go through the appender into a temporary staging table (the fastest
 * way into DuckDB), then into {@code usage_event} with one upsert that keeps the copy with more
 * tokens; then the counted flag of every de-duplication group the batch touched is decided again,
 * and the checkpoints advance, all in one transaction.
 */
final class DuckDbUsageWriter {
  private static final String COLUMNS =
      "event_id, source, dedup_group, is_sidechain, counted, ts, session_id, project, cwd, git_branch, machine_id,"
          + " provider, model, is_fast, input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens,"
          + " cache_write_1h_tokens, reasoning_tokens, total_tokens, long_context, reported_cost_usd";

  private static final String UPSERT_EVENTS =
      """
      INSERT INTO usage_event (%1$s)
      SELECT %1$s FROM (
        SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY total_tokens DESC) AS copy
        FROM staging) WHERE copy = 1
      ON CONFLICT (event_id) DO UPDATE SET
        is_sidechain = excluded.is_sidechain, ts = excluded.ts, session_id = excluded.session_id,
        project = excluded.project, cwd = excluded.cwd, git_branch = excluded.git_branch,
        machine_id = excluded.machine_id, provider = excluded.provider, model = excluded.model,
        is_fast = excluded.is_fast, input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
        cache_read_tokens = excluded.cache_read_tokens, cache_write_5m_tokens = excluded.cache_write_5m_tokens,
        cache_write_1h_tokens = excluded.cache_write_1h_tokens, reasoning_tokens = excluded.reasoning_tokens,
        total_tokens = excluded.total_tokens, long_context = excluded.long_context,
        reported_cost_usd = excluded.reported_cost_usd
      WHERE excluded.total_tokens > usage_event.total_tokens
      """
          .formatted(COLUMNS);

  /**
   * Within a group, every non-sidechain copy counts; sidechain copies count only when the group has
   * no other, and then only the largest (earliest on a tie).
   */
  private static final String DECIDE_COUNTED =
      """
      UPDATE usage_event SET counted = decided.keep
      FROM (
        SELECT event_id,
               NOT is_sidechain
                 OR (NOT bool_or(NOT is_sidechain) OVER grp
                     AND row_number() OVER (PARTITION BY dedup_group ORDER BY total_tokens DESC, ts, event_id) = 1)
                 AS keep
        FROM usage_event
        WHERE dedup_group IN (SELECT DISTINCT dedup_group FROM staging WHERE dedup_group IS NOT NULL)
        WINDOW grp AS (PARTITION BY dedup_group)
      ) decided
      WHERE usage_event.event_id = decided.event_id AND usage_event.counted <> decided.keep
      """;

  /**
   * Checkpoints arrive through the appender too (a batched prepared upsert costs DuckDB about 4 ms
   * a row: half a minute for a few thousand files); the latest of one file's checkpoints wins.
   */
  private static final String UPSERT_CHECKPOINTS =
      """
      INSERT INTO file_checkpoint SELECT * FROM checkpoint_staging
      QUALIFY row_number() OVER (PARTITION BY machine_id, path ORDER BY read_offset DESC) = 1
      ON CONFLICT (machine_id, path) DO UPDATE SET
        source = excluded.source, size = excluded.size, modified_millis = excluded.modified_millis,
        read_offset = excluded.read_offset, lines = excluded.lines, fingerprint = excluded.fingerprint,
        parser_state = excluded.parser_state
      """;

  private static final int COST_SCALE = 18;

  private final DuckDBConnection connection;

  DuckDbUsageWriter(DuckDBConnection connection) throws SQLException {
    this.connection = connection;
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TEMP TABLE staging AS SELECT * FROM usage_event LIMIT 0");
      statement.execute(
          "CREATE TEMP TABLE checkpoint_staging AS SELECT * FROM file_checkpoint LIMIT 0");
    }
  }

  void commit(ImportBatch batch) throws SQLException {
    connection.setAutoCommit(false);
    try {
      if (!batch.events().isEmpty()) {
        writeEvents(batch.events());
      }
      if (!batch.checkpoints().isEmpty()) {
        writeCheckpoints(batch.checkpoints());
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private void writeEvents(List<UsageEvent> events) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM staging");
    }
    try (DuckDBAppender appender = connection.createAppender("temp", "main", "staging")) {
      for (UsageEvent event : events) {
        append(appender, event);
      }
      appender.flush();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(UPSERT_EVENTS);
      statement.execute(DECIDE_COUNTED);
    }
  }

  private static void append(DuckDBAppender appender, UsageEvent event) throws SQLException {
    TokenCounts tokens = event.tokens();
    Hashes.Hash128 id = Hashes.murmur3(event.source() + '\u0000' + event.eventKey());
    appender.beginRow();
    appender.appendUUID(id.high(), id.low());
    appender.append(event.source());
    if (event.dedupGroup() == null) {
      appender.appendNull();
    } else {
      Hashes.Hash128 group = Hashes.murmur3(event.source() + '\u0000' + event.dedupGroup());
      appender.appendUUID(group.high(), group.low());
    }
    appender.append(event.sidechain());
    appender.append(true);
    appender.appendEpochMicros(epochMicros(event.timestamp()));
    appender.append(event.sessionId());
    appendNullable(appender, event.project());
    appendNullable(appender, event.cwd());
    appendNullable(appender, event.gitBranch());
    appender.append(event.machineId());
    appendNullable(appender, event.provider());
    appender.append(event.model());
    appender.append(event.fast());
    appender.append(tokens.input());
    appender.append(tokens.output());
    appender.append(tokens.cacheRead());
    appender.append(tokens.cacheWrite5m());
    appender.append(tokens.cacheWrite1h());
    appender.append(tokens.reasoning());
    appender.append(tokens.total());
    appender.append(tokens.prompt() > ModelPrice.LONG_CONTEXT_THRESHOLD);
    BigDecimal cost = event.reportedCostUsd();
    if (cost == null) {
      appender.appendNull();
    } else {
      appender.append(cost.setScale(COST_SCALE, RoundingMode.HALF_EVEN));
    }
    appender.endRow();
  }

  private static void appendNullable(DuckDBAppender appender, @Nullable String value)
      throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else {
      appender.append(value);
    }
  }

  private void writeCheckpoints(List<FileCheckpoint> checkpoints) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM checkpoint_staging");
    }
    try (DuckDBAppender appender =
        connection.createAppender("temp", "main", "checkpoint_staging")) {
      for (FileCheckpoint checkpoint : checkpoints) {
        appender.beginRow();
        appender.append(checkpoint.machineId());
        appender.append(checkpoint.path());
        appender.append(checkpoint.source());
        appender.append(checkpoint.size());
        appender.append(checkpoint.modifiedMillis());
        appender.append(checkpoint.offset());
        appender.append(checkpoint.lines());
        appender.append(checkpoint.fingerprint());
        appender.append(checkpoint.state());
        appender.endRow();
      }
      appender.flush();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(UPSERT_CHECKPOINTS);
    }
  }

  static long epochMicros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }
}
