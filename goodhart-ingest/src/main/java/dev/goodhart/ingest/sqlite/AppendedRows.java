package dev.goodhart.ingest.sqlite;

import dev.goodhart.ingest.DatabaseRows;
import dev.goodhart.ingest.RecordParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a table an agent appends a row to per request, from where the last import stopped ({@link
 * RowCursor}): the rows with a higher rowid, and those that were still unfinished. SQLite gives a
 * new row the highest rowid yet plus one, so the rowid orders rows by their arrival whatever the
 * agent's clocks say; a row updated in place keeps its rowid, which is why unfinished rows are
 * followed by rowid until they finish.
 */
public final class AppendedRows {
  private AppendedRows() {}

  /**
   * How one agent's table is selected; each part is an SQL expression over {@code from}.
   *
   * @param table the table read, named in messages ({@code model_usage 'mu_01'})
   * @param alias the table's name in {@code from}
   * @param label the row's name in messages (its id)
   * @param identity what stays the same while the row is updated (its key columns, quoted)
   * @param unfinished 1 when the agent is still writing the row, else 0
   * @param record the row's JSON record
   * @param from the table and any joins
   */
  public record Query(
      String table,
      String alias,
      String label,
      String identity,
      String unfinished,
      String record,
      String from) {

    String select(String rowid) {
      return "SELECT %s, %s, %s, %s, %s FROM %s"
          .formatted(rowid, label, identity, unfinished, record, from);
    }

    String rowid() {
      return alias + ".rowid";
    }
  }

  /** Reads the rows appended or unfinished since {@code since}; returns where to go on from. */
  public static RowCursor read(
      Connection database, Query query, RowCursor since, DatabaseRows rows, RecordParser parser)
      throws SQLException {
    if (!hasRowid(database, query.table())) {
      // A WITHOUT ROWID table keeps no order of arrival: it is read whole at every change.
      readRows(database, query.select("NULL"), List.of(), query, rows, parser, null);
      return RowCursor.START;
    }
    RowCursor from =
        since.isStart() || anchorHolds(database, query, since) ? since : RowCursor.START;
    StringBuilder sql = new StringBuilder(query.select(query.rowid()));
    List<Long> parameters = new ArrayList<>();
    if (!from.isStart()) {
      sql.append(" WHERE ").append(query.rowid()).append(" > ?");
      parameters.add(from.after());
      if (!from.pending().isEmpty()) {
        sql.append(" OR ").append(query.rowid()).append(" IN (");
        for (int i = 0; i < from.pending().size(); i++) {
          sql.append(i == 0 ? "?" : ", ?");
          parameters.add(from.pending().get(i));
        }
        sql.append(')');
      }
    }
    sql.append(" ORDER BY ").append(query.rowid());
    Progress progress = new Progress(from);
    readRows(database, sql.toString(), parameters, query, rows, parser, progress);
    return progress.cursor();
  }

  /** Whether {@code table} has a rowid; a {@code WITHOUT ROWID} table has none. */
  private static boolean hasRowid(Connection database, String table) {
    try {
      database.prepareStatement("SELECT rowid FROM \"" + table + "\" LIMIT 0").close();
      return true;
    } catch (SQLException e) {
      return false; // the query that reads the table reports a damaged one
    }
  }

  /** Whether the row the cursor stopped at is still the row it was. */
  private static boolean anchorHolds(Connection database, Query query, RowCursor since)
      throws SQLException {
    String sql = query.select(query.rowid()) + " WHERE " + query.rowid() + " = ?";
    try (PreparedStatement statement = database.prepareStatement(sql)) {
      statement.setLong(1, since.after());
      try (ResultSet result = statement.executeQuery()) {
        return result.next()
            && since.anchor().equals(RowCursor.fingerprint(identity(result.getString(3))));
      }
    }
  }

  private static void readRows(
      Connection database,
      String sql,
      List<Long> parameters,
      Query query,
      DatabaseRows rows,
      RecordParser parser,
      @Nullable Progress progress)
      throws SQLException {
    try (PreparedStatement statement = database.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setLong(i + 1, parameters.get(i));
      }
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          if (progress != null) {
            progress.saw(result.getLong(1), identity(result.getString(3)), result.getInt(4) != 0);
          }
          rows.row(query.table() + " '" + result.getString(2) + "'", result.getBytes(5), parser);
        }
      }
    }
  }

  private static String identity(@Nullable String text) {
    return text == null ? "" : text;
  }

  /** The cursor as the rows go by. */
  private static final class Progress {
    private long after;
    private String anchor;
    private final List<Long> pending = new ArrayList<>();

    Progress(RowCursor from) {
      this.after = from.after();
      this.anchor = from.anchor();
    }

    void saw(long rowid, String identity, boolean unfinished) {
      if (rowid > after) {
        after = rowid;
        anchor = RowCursor.fingerprint(identity);
      }
      if (unfinished) {
        pending.add(rowid);
      }
    }

    RowCursor cursor() {
      if (after == Long.MIN_VALUE) {
        return RowCursor.START;
      }
      List<Long> kept =
          pending.size() > RowCursor.MAX_PENDING
              ? pending.subList(pending.size() - RowCursor.MAX_PENDING, pending.size())
              : pending;
      return new RowCursor(after, anchor, kept);
    }
  }
}
