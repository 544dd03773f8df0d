package dev.goodhart.ingest.zcode;

import dev.goodhart.ingest.DatabaseRows;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.sqlite.AppendedRows;
import dev.goodhart.ingest.sqlite.RowCursor;
import dev.goodhart.ingest.sqlite.SqliteRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tables of ZCode's {@code db.sqlite} that goodhart reads, as readers of real databases
 * describe them (ZCode is closed source): {@code model_usage}, one row per model request ({@code
 * id}, {@code session_id}, {@code provider_id}, {@code model_id}, {@code status}, {@code
 * started_at} and {@code completed_at} in milliseconds, the token columns), and {@code session} for
 * the request's folder ({@code directory}, else {@code path}) and the main session of a sub-agent's
 * ({@code parent_id}). Columns are taken where the tables have them.
 *
 * <p>A request's row is written when it starts ({@code status} {@code running}) and updated when it
 * ends ({@code completed}, {@code error}, {@code cancelled}): an import reads the rows appended
 * since the last one, and again those that were still running then, until they have ended. A status
 * goodhart does not know counts as running, so such rows are read again rather than missed.
 */
final class ZCodeDatabase {
  static final String TABLE = "model_usage";

  private static final List<String> USAGE_COLUMNS =
      List.of(
          "id",
          "session_id",
          "provider_id",
          "model_id",
          "started_at",
          "completed_at",
          "input_tokens",
          "output_tokens",
          "reasoning_tokens",
          "cache_read_input_tokens",
          "cache_creation_input_tokens",
          "computed_total_tokens");

  /** The statuses of a request that has ended; its row changes no more. */
  private static final List<String> ENDED =
      List.of("completed", "error", "cancelled", "canceled", "failed", "aborted", "interrupted");

  private ZCodeDatabase() {}

  /** Reads the rows appended or unfinished since {@code state}; returns the state to go on from. */
  static String read(LogFile file, Connection database, String state, DatabaseRows rows)
      throws SQLException {
    Set<String> usage = SqliteRows.columns(database, TABLE);
    if (usage.isEmpty()) {
      throw new SQLException(
          "no table '%s': not ZCode's database, or one written by a ZCode that kept no usage yet"
              .formatted(TABLE));
    }
    if (!usage.contains("id")) {
      throw new SQLException(
          "table '%s' has no column 'id' (it has %s)".formatted(TABLE, String.join(", ", usage)));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String column : USAGE_COLUMNS) {
      if (usage.contains(column)) {
        fields.put(column, SqliteRows.value("m." + column));
      }
    }
    String from = TABLE + " m" + sessionJoin(database, usage, fields);
    AppendedRows.Query query =
        new AppendedRows.Query(
            TABLE,
            "m",
            SqliteRows.value("m.id"),
            "quote(m.id)",
            unfinished(usage),
            SqliteRows.object(fields),
            from);
    return AppendedRows.read(
            database, query, RowCursor.parse(state), rows, new ZCodeUsageParser(file))
        .toString();
  }

  /** 1 while ZCode may still write the row: by its status, else by its missing end time. */
  private static String unfinished(Set<String> usage) {
    if (usage.contains("status")) {
      String ended = ENDED.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "));
      return "CASE WHEN m.status IS NULL OR lower(m.status) IN (%s) THEN 0 ELSE 1 END"
          .formatted(ended);
    }
    if (usage.contains("completed_at")) {
      return "CASE WHEN m.completed_at IS NULL THEN 1 ELSE 0 END";
    }
    return "0";
  }

  /**
   * The join that brings the session's folder ({@code directory}) and its main session ({@code
   * parent_session_id}), where the database has the columns for them.
   */
  private static String sessionJoin(
      Connection database, Set<String> usage, Map<String, String> fields) throws SQLException {
    if (!usage.contains("session_id")) {
      return "";
    }
    Set<String> session = SqliteRows.columns(database, "session");
    if (!session.contains("id")) {
      return "";
    }
    List<String> folders = new ArrayList<>();
    for (String column : List.of("directory", "path")) {
      if (session.contains(column)) {
        folders.add("s." + column);
      }
    }
    if (!folders.isEmpty()) {
      fields.put(
          "directory",
          SqliteRows.value(
              folders.size() == 1
                  ? folders.getFirst()
                  : "coalesce(nullif(s.directory, ''), s.path)"));
    }
    if (session.contains("parent_id")) {
      fields.put("parent_session_id", SqliteRows.value("s.parent_id"));
    }
    return folders.isEmpty() && !session.contains("parent_id")
        ? ""
        : " LEFT JOIN session s ON s.id = m.session_id";
  }
}
