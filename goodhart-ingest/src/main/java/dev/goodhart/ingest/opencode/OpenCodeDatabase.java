package dev.goodhart.ingest.opencode;

import dev.goodhart.ingest.DatabaseRows;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.sqlite.SqliteRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * OpenCode's SQLite database ({@code opencode.db}; Kilo's {@code kilo.db} has the same tables): the
 * {@code message} table holds each message as a row ({@code id}, {@code session_id}, {@code
 * time_created}, {@code time_updated}, and {@code data}: the message file's JSON without its id and
 * session), the {@code part} table the parts likewise ({@code message_id} too). A row becomes the
 * JSON its file had, with the id and session put back, so the parsers of the files read it.
 *
 * <p>A row is updated while its response streams, and {@code time_updated} is the time of its last
 * update: an import reads the rows updated since the latest time it saw, less a minute, since two
 * OpenCode processes writing one database may commit out of their clocks' order. A row read twice
 * is one request to the store. Of the parts, only tool calls are selected: they are what a session
 * wrote; text and reasoning parts are most of the table. A database without {@code time_updated}
 * (hand-made, or older than the column) is read whole at every change.
 */
public final class OpenCodeDatabase {
  /** How far before the latest update seen the next import starts again. */
  static final long OVERLAP_MILLIS = 60_000;

  private OpenCodeDatabase() {}

  /** Reads the messages and tool calls updated since {@code state}; returns the next state. */
  public static String read(LogFile file, Connection database, String state, DatabaseRows rows)
      throws SQLException {
    Watermarks since = Watermarks.parse(state);
    long messages =
        readTable(database, "message", since.messages(), rows, new OpenCodeMessageParser(file));
    long parts = readTable(database, "part", since.parts(), rows, new OpenCodePartParser(file));
    return new Watermarks(messages, parts).toString();
  }

  /** Reads one table's rows updated since {@code since}; returns the latest update time seen. */
  private static long readTable(
      Connection database, String table, long since, DatabaseRows rows, RecordParser parser)
      throws SQLException {
    Set<String> columns = SqliteRows.columns(database, table);
    if (columns.isEmpty()) {
      if (table.equals("message")) {
        throw new SQLException(
            "no table 'message': not an OpenCode database, or one its version has not created yet");
      }
      return since; // an OpenCode that keeps no parts in this database
    }
    if (!columns.containsAll(Set.of("id", "session_id", "data"))) {
      throw new SQLException(
          "table '%s' lacks one of the columns id, session_id and data (it has %s)"
              .formatted(table, String.join(", ", columns)));
    }
    Map<String, String> added = new LinkedHashMap<>();
    added.put("id", SqliteRows.value("id"));
    added.put("sessionID", SqliteRows.value("session_id"));
    if (table.equals("part") && columns.contains("message_id")) {
      added.put("messageID", SqliteRows.value("message_id"));
    }
    boolean updated = columns.contains("time_updated");
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(SqliteRows.value("id"))
            .append(", ")
            .append(updated ? "time_updated" : "NULL")
            .append(", ")
            .append(SqliteRows.objectWith("data", added))
            .append(" FROM ")
            .append(table);
    StringBuilder where = new StringBuilder();
    if (table.equals("part")) {
      // Only a tool call's part has a call id; a part is often a whole file's text, so the test is
      // made before the row leaves SQLite.
      where.append(" WHERE typeof(data) <> 'text' OR instr(data, '\"callID\"') > 0");
    }
    if (updated && since > Long.MIN_VALUE) {
      where.append(where.isEmpty() ? " WHERE " : " AND ").append("time_updated >= ?");
    }
    sql.append(where);
    if (updated) {
      sql.append(" ORDER BY time_updated");
    }
    long latest = since;
    try (PreparedStatement statement = database.prepareStatement(sql.toString())) {
      if (updated && since > Long.MIN_VALUE) {
        statement.setLong(
            1, since > Long.MIN_VALUE + OVERLAP_MILLIS ? since - OVERLAP_MILLIS : Long.MIN_VALUE);
      }
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          long time = result.getLong(2);
          if (!result.wasNull()) {
            latest = Math.max(latest, time);
          }
          rows.row(table + " '" + result.getString(1) + "'", result.getBytes(3), parser);
        }
      }
    }
    return latest;
  }

  /**
   * The latest update time read of each table: {@code message=1767312000000 part=1767312000000}. A
   * state that does not parse (written by another version, or damaged) reads everything again.
   */
  record Watermarks(long messages, long parts) {
    static final Watermarks NONE = new Watermarks(Long.MIN_VALUE, Long.MIN_VALUE);

    static Watermarks parse(String state) {
      long messages = Long.MIN_VALUE;
      long parts = Long.MIN_VALUE;
      for (String entry : state.trim().split("\\s+")) {
        int equals = entry.indexOf('=');
        if (equals < 0) {
          continue;
        }
        try {
          long value = Long.parseLong(entry.substring(equals + 1));
          switch (entry.substring(0, equals)) {
            case "message" -> messages = value;
            case "part" -> parts = value;
            default -> {}
          }
        } catch (NumberFormatException e) {
          return NONE;
        }
      }
      return new Watermarks(messages, parts);
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      if (messages > Long.MIN_VALUE) {
        text.append("message=").append(messages);
      }
      if (parts > Long.MIN_VALUE) {
        text.append(text.isEmpty() ? "" : " ").append("part=").append(parts);
      }
      return text.toString();
    }
  }
}
