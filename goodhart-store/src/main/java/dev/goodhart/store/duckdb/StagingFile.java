package dev.goodhart.store.duckdb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.StringJoiner;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A batch of rows on its way into a staging table, as a CSV file in the data folder that DuckDB
 * bulk-reads. DuckDB's CSV reader takes a few hundred thousand rows in a few tens of milliseconds;
 * the appender needed over a second for as many, one JNI call per value. The file is scratch space:
 * a crash leaves it behind, and the next batch overwrites it.
 *
 * <p>Values are written in the table's column order, as bytes into a buffer of its own (a {@code
 * Writer} spent more time encoding characters than the parsers spent reading them). Every string is
 * quoted (quotes doubled), so that any text a log holds (commas, quotes, line breaks) survives; SQL
 * NULL is the unquoted {@code \N}, which no quoted value can be mistaken for. A column's last
 * string is kept encoded: the parsers hand the same session, folder, branch and model strings to
 * row after row.
 */
final class StagingFile {
  private static final byte[] NULL = {'\\', 'N'};

  /**
   * DuckDB's CSV reader holds a buffer of this size per reading thread, and one more at the end of
   * a file. Its default (16 times the longest line it accepts, 32 MiB) put three of them, 94 MiB,
   * into the store's 96 MB memory limit, and a large batch failed before its first row was stored.
   * A staging row is far shorter than the longest line allowed (an edit signal's line hashes take
   * about 21 bytes a line: 4 MiB is a file of 200,000 lines written at once).
   */
  private static final int READ_BUFFER_BYTES = 8 << 20;

  private static final int LONGEST_ROW_BYTES = 4 << 20;
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final Path path;
  private final Connection connection;
  private final String table;

  /** The table expression that reads the file, made at first use (see {@link #describe}). */
  private @Nullable String source;

  private @Nullable String[] lastText = new String[0];
  private byte[][] lastBytes = new byte[0][];
  private final byte[] buffer = new byte[1 << 16];
  private @Nullable OutputStream out;
  private int filled;
  private long flushed;
  private int column;

  private StagingFile(Connection connection, String table, Path path) {
    this.connection = connection;
    this.table = table;
    this.path = path;
  }

  /**
   * A staging file for rows shaped like {@code table}'s, whose column types it asks DuckDB for when
   * first used: a store's every connection makes its staging files, and a server opens one for each
   * read, which never stages anything.
   */
  static StagingFile forTable(Connection connection, String table, Path path) {
    return new StagingFile(connection, table, path);
  }

  private String describe() throws SQLException {
    String known = source;
    if (known != null) {
      return known;
    }
    StringJoiner columns = new StringJoiner(", ", "{", "}");
    int count = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT column_name, data_type FROM information_schema.columns"
                    + " WHERE table_name = '%s' ORDER BY ordinal_position".formatted(table))) {
      while (rows.next()) {
        columns.add("'" + rows.getString(1) + "': '" + rows.getString(2) + "'");
        count++;
      }
    }
    lastText = new String[count];
    lastBytes = new byte[count][];
    source =
        ("read_csv('%s', columns = %s, header = false, auto_detect = false, delim = ',',"
                + " quote = '\"', escape = '\"', nullstr = '\\N', allow_quoted_nulls = false,"
                + " buffer_size = %d, max_line_size = %d)")
            .formatted(
                path.toString().replace("'", "''"), columns, READ_BUFFER_BYTES, LONGEST_ROW_BYTES);
    return source;
  }

  /** The table expression that reads the rows of the last finished batch. */
  String source() throws SQLException {
    return describe();
  }

  void start() throws IOException {
    try {
      describe();
    } catch (SQLException e) {
      throw new IOException("cannot read the columns of " + table + ": " + e.getMessage(), e);
    }
    out = Files.newOutputStream(path);
    filled = 0;
    flushed = 0;
    column = 0;
  }

  /** Bytes of the batch written so far. */
  long bytes() {
    return flushed + filled;
  }

  /** A string value: quoted, quotes doubled; null is SQL NULL. */
  StagingFile text(@Nullable String value) throws IOException {
    int index = separate();
    if (value == null) {
      put(NULL);
      return this;
    }
    byte[] encoded;
    // Consecutive rows repeat their source, session, machine and model: as equal strings, not the
    // same objects, when they were decoded from a request each.
    if (index < lastText.length && value.equals(lastText[index])) {
      encoded = lastBytes[index];
    } else {
      encoded = quoted(value);
      if (index < lastText.length) {
        lastText[index] = value;
        lastBytes[index] = encoded;
      }
    }
    put(encoded);
    return this;
  }

  /** A UUID in its canonical form, written digit by digit (no string per value). */
  StagingFile uuid(@Nullable UUID value) throws IOException {
    separate();
    if (value == null) {
      put(NULL);
      return this;
    }
    reserve(36);
    long high = value.getMostSignificantBits();
    long low = value.getLeastSignificantBits();
    hex(high >>> 32, 8);
    buffer[filled++] = '-';
    hex(high >>> 16, 4);
    buffer[filled++] = '-';
    hex(high, 4);
    buffer[filled++] = '-';
    hex(low >>> 48, 4);
    buffer[filled++] = '-';
    hex(low, 12);
    return this;
  }

  StagingFile bool(boolean value) throws IOException {
    separate();
    put(value ? TRUE : FALSE);
    return this;
  }

  /** A decimal number's plain digits; null is SQL NULL. */
  StagingFile decimal(@Nullable String digits) throws IOException {
    separate();
    put(digits == null ? NULL : digits.getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  StagingFile number(long value) throws IOException {
    separate();
    decimal(value);
    return this;
  }

  /** A list of numbers, as DuckDB reads a list from text: {@code "[1,-2,3]"}; null is SQL NULL. */
  StagingFile longs(long @Nullable [] values) throws IOException {
    separate();
    if (values == null) {
      put(NULL);
      return this;
    }
    putByte('"');
    putByte('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        putByte(',');
      }
      decimal(values[i]);
    }
    putByte(']');
    putByte('"');
    return this;
  }

  /** A list of small numbers, as {@link #longs}. */
  StagingFile ints(int[] values) throws IOException {
    separate();
    putByte('"');
    putByte('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        putByte(',');
      }
      decimal(values[i]);
    }
    putByte(']');
    putByte('"');
    return this;
  }

  /** A UTC time to the microsecond, {@code 2026-03-01T09:00:02.123456Z}. */
  StagingFile time(Instant at) throws IOException {
    separate();
    reserve(40);
    long seconds = at.getEpochSecond();
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int second = Math.floorMod(seconds, 86_400);
    digits(day.getYear(), 4);
    putByte('-');
    digits(day.getMonthValue(), 2);
    putByte('-');
    digits(day.getDayOfMonth(), 2);
    putByte('T');
    digits(second / 3_600, 2);
    putByte(':');
    digits(second / 60 % 60, 2);
    putByte(':');
    digits(second % 60, 2);
    putByte('.');
    digits(at.getNano() / 1_000, 6);
    putByte('Z');
    return this;
  }

  void endRow() throws IOException {
    putByte('\n');
    column = 0;
  }

  /** Ends the batch: the file is complete for DuckDB to read. */
  void finish() throws IOException {
    OutputStream stream = out;
    out = null;
    if (stream != null) {
      try (stream) {
        stream.write(buffer, 0, filled);
      }
      filled = 0;
    }
  }

  void delete() throws IOException {
    finish();
    Files.deleteIfExists(path);
  }

  private static byte[] quoted(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int quotes = 0;
    for (byte b : utf8) {
      quotes += b == '"' ? 1 : 0;
    }
    byte[] out = new byte[utf8.length + quotes + 2];
    int at = 0;
    out[at++] = '"';
    for (byte b : utf8) {
      out[at++] = b;
      if (b == '"') {
        out[at++] = '"';
      }
    }
    out[at] = '"';
    return out;
  }

  /** Writes the comma before every value but a row's first; returns the value's column. */
  private int separate() throws IOException {
    if (column > 0) {
      putByte(',');
    }
    return column++;
  }

  /**
   * A whole number's decimal digits, straight into the buffer: an edit's line hashes are a list of
   * such numbers, and a string per number was most of what staging them cost.
   */
  private void decimal(long value) throws IOException {
    reserve(20);
    if (value < 0) {
      buffer[filled++] = '-';
      if (value == Long.MIN_VALUE) {
        // -value overflows: the last digit apart, the rest as a positive number
        decimalDigits(-(value / 10));
        buffer[filled++] = (byte) ('0' - value % 10);
        return;
      }
      value = -value;
    }
    decimalDigits(value);
  }

  private void decimalDigits(long value) {
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    for (int i = filled + digits - 1; i >= filled; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    filled += digits;
  }

  /** The low {@code width} hexadecimal digits of {@code value}, most significant first. */
  private void hex(long value, int width) {
    for (int i = filled + width - 1; i >= filled; i--) {
      buffer[i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
    filled += width;
  }

  private void digits(int value, int width) {
    for (int i = filled + width - 1; i >= filled; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    filled += width;
  }

  private void put(byte[] bytes) throws IOException {
    if (bytes.length > buffer.length - filled) {
      flush();
      if (bytes.length > buffer.length) {
        stream().write(bytes);
        return;
      }
    }
    System.arraycopy(bytes, 0, buffer, filled, bytes.length);
    filled += bytes.length;
  }

  private void putByte(char b) throws IOException {
    reserve(1);
    buffer[filled++] = (byte) b;
  }

  private void reserve(int bytes) throws IOException {
    if (buffer.length - filled < bytes) {
      flush();
    }
  }

  private void flush() throws IOException {
    stream().write(buffer, 0, filled);
    flushed += filled;
    filled = 0;
  }

  private OutputStream stream() throws IOException {
    OutputStream stream = out;
    if (stream == null) {
      throw new IOException("the staging file " + path + " is not open");
    }
    return stream;
  }
}
