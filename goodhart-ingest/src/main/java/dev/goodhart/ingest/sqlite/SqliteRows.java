package dev.goodhart.ingest.sqlite;

import dev.goodhart.ingest.DatabaseRows;
import dev.goodhart.ingest.RecordParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * SQL for reading an agent's table as JSON records. SQLite lets any column hold any type, and
 * agents add columns from version to version: a record names only the columns the table has, and a
 * value of an unexpected type reaches the parser as a string it refuses, instead of failing the
 * query for every row (SQLite's JSON functions refuse a BLOB outright, and a JSON column that does
 * not parse).
 */
public final class SqliteRows {
  private SqliteRows() {}

  /** The table's columns, in lower case; empty when the database has no such table. */
  public static Set<String> columns(Connection database, String table) throws SQLException {
    Set<String> columns = new LinkedHashSet<>();
    try (PreparedStatement statement =
        database.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return columns;
  }

  /** A column's value as JSON can hold it: a BLOB becomes a string that says so. */
  public static String value(String column) {
    return "CASE typeof(%1$s) WHEN 'blob' THEN 'a BLOB of ' || length(%1$s) || ' bytes' ELSE %1$s END"
        .formatted(column);
  }

  /**
   * A column that holds JSON text, embedded as JSON; text that does not parse stays a string, which
   * the parser reports.
   */
  public static String json(String column) {
    return "CASE WHEN typeof(%1$s) <> 'text' THEN %2$s WHEN json_valid(%1$s) THEN json(%1$s) ELSE %1$s END"
        .formatted(column, value(column));
  }

  /**
   * A JSON object of the given fields, each an SQL expression: {@code json_object('id', ...,
   * 'model', ...)}.
   */
  public static String object(Map<String, String> fields) {
    StringJoiner arguments = new StringJoiner(", ", "json_object(", ")");
    fields.forEach((name, expression) -> arguments.add("'" + name + "', " + expression));
    return arguments.toString();
  }

  /**
   * A row's JSON object text (a column holding one) with fields added to it, as the parser of the
   * agent's files reads it; text that is not a JSON object stays as it is, for the parser to
   * report.
   */
  public static String objectWith(String column, Map<String, String> fields) {
    return ("CASE WHEN typeof(%1$s) <> 'text' THEN %1$s WHEN NOT json_valid(%1$s) THEN %1$s"
            + " WHEN json_type(%1$s) <> 'object' THEN %1$s ELSE json_patch(%1$s, %2$s) END")
        .formatted(column, object(fields));
  }

  /**
   * Hands every row of {@code table} to {@code rows} as one JSON object of the {@code wanted}
   * fields (field name to column) the table has; the columns of {@code jsonColumns} hold JSON text
   * and are embedded as JSON. A table without {@code idColumn} is not the agent's.
   *
   * @return how many rows were read
   */
  public static long readAll(
      Connection database,
      String table,
      String idColumn,
      Map<String, String> wanted,
      Set<String> jsonColumns,
      DatabaseRows rows,
      RecordParser parser)
      throws SQLException {
    Set<String> columns = columns(database, table);
    if (!columns.contains(idColumn)) {
      throw new SQLException(
          columns.isEmpty()
              ? "no table '%s': not the agent's database, or one its version has not created yet"
                  .formatted(table)
              : "table '%s' has no column '%s' (it has %s)"
                  .formatted(table, idColumn, String.join(", ", columns)));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    present(wanted, columns)
        .forEach(
            (field, column) ->
                fields.put(field, jsonColumns.contains(column) ? json(column) : value(column)));
    String sql = "SELECT %s, %s FROM %s".formatted(value(idColumn), object(fields), table);
    long count = 0;
    try (PreparedStatement statement = database.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        count++;
        rows.row(table + " '" + result.getString(1) + "'", result.getBytes(2), parser);
      }
    }
    return count;
  }

  /** The fields of {@code wanted} (field name to column) whose columns the table has. */
  public static Map<String, String> present(Map<String, String> wanted, Set<String> columns) {
    Map<String, String> present = new LinkedHashMap<>();
    wanted.forEach(
        (field, column) -> {
          if (columns.contains(column)) {
            present.put(field, column);
          }
        });
    return present;
  }
}
