package dev.goodhart.ingest.grok;

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
import java.util.StringJoiner;

/**
 * The tables of Grok CLI's {@code grok.db} that goodhart reads: {@code usage_events} ({@code id},
 * {@code session_id}, {@code model}, {@code input_tokens}, {@code output_tokens}, {@code
 * total_tokens}, {@code cost_micros}, {@code created_at}), with the session's starting folder from
 * {@code sessions} ({@code cwd_at_start}, {@code cwd_last}) and its workspace's path from {@code
 * workspaces} ({@code canonical_path}). Grok CLI inserts a usage row once, when the call has
 * finished, and never updates it: an import reads the rows appended since the last one. Columns are
 * taken where the table has them, so a version that adds or drops one still reads.
 */
final class GrokDatabase {
  static final String TABLE = "usage_events";

  private static final List<String> USAGE_COLUMNS =
      List.of(
          "id",
          "session_id",
          "model",
          "input_tokens",
          "output_tokens",
          "total_tokens",
          "cost_micros",
          "created_at");

  private GrokDatabase() {}

  /** Reads the usage rows appended since {@code state}; returns the state to go on from. */
  static String read(LogFile file, Connection database, String state, DatabaseRows rows)
      throws SQLException {
    Set<String> usage = SqliteRows.columns(database, TABLE);
    if (usage.isEmpty()) {
      throw new SQLException(
          "no table '%s': not Grok CLI's database, or one written by a Grok CLI that kept no usage"
                  .formatted(TABLE)
              + " yet");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String column : USAGE_COLUMNS) {
      if (usage.contains(column)) {
        fields.put(column, SqliteRows.value("u." + column));
      }
    }
    String from = TABLE + " u" + joins(database, usage, fields);
    StringJoiner identity = new StringJoiner(" || ' ' || ");
    for (String column : List.of("session_id", "created_at")) {
      if (usage.contains(column)) {
        identity.add("quote(u." + column + ")");
      }
    }
    AppendedRows.Query query =
        new AppendedRows.Query(
            TABLE,
            "u",
            usage.contains("id") ? SqliteRows.value("u.id") : "u.rowid",
            identity.length() == 0 ? "''" : identity.toString(),
            "0",
            SqliteRows.object(fields),
            from);
    return AppendedRows.read(
            database, query, RowCursor.parse(state), rows, new GrokUsageParser(file))
        .toString();
  }

  /**
   * The joins that bring a session's folder ({@code cwd}) and its workspace ({@code workspace}),
   * where the database has the tables and columns for them.
   */
  private static String joins(Connection database, Set<String> usage, Map<String, String> fields)
      throws SQLException {
    if (!usage.contains("session_id")) {
      return "";
    }
    Set<String> sessions = SqliteRows.columns(database, "sessions");
    if (!sessions.contains("id")) {
      return "";
    }
    StringBuilder joins = new StringBuilder();
    List<String> folders = new ArrayList<>();
    for (String column : List.of("cwd_at_start", "cwd_last")) {
      if (sessions.contains(column)) {
        folders.add("s." + column);
      }
    }
    if (!folders.isEmpty()) {
      fields.put(
          "cwd",
          SqliteRows.value(
              folders.size() == 1
                  ? folders.getFirst()
                  : "coalesce(nullif(s.cwd_at_start, ''), s.cwd_last)"));
    }
    Set<String> workspaces =
        sessions.contains("workspace_id") ? SqliteRows.columns(database, "workspaces") : Set.of();
    boolean workspace = workspaces.contains("id") && workspaces.contains("canonical_path");
    if (workspace) {
      fields.put("workspace", SqliteRows.value("w.canonical_path"));
    }
    if (!folders.isEmpty() || workspace) {
      joins.append(" LEFT JOIN sessions s ON s.id = u.session_id");
    }
    if (workspace) {
      joins.append(" LEFT JOIN workspaces w ON w.id = s.workspace_id");
    }
    return joins.toString();
  }
}
