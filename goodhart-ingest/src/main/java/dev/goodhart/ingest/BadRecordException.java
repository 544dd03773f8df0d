package dev.goodhart.ingest;

import static java.util.Objects.requireNonNull;

/**
 * The one exception a {@link RecordParser} throws: the record cannot be read. The importer adds the
 * file and line, counts it, reports it and goes on with the next record (or stops under {@code
 * --strict}).
 */
public final class BadRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long lineOffset;

  public BadRecordException(String reason) {
    this(reason, 0, null);
  }

  public BadRecordException(String reason, Throwable cause) {
    this(reason, 0, cause);
  }

  /**
   * @param lineOffset for a record spanning several lines (a whole JSON document), how many lines
   *     after the record's first line the problem is
   */
  public BadRecordException(String reason, long lineOffset, Throwable cause) {
    super(requireNonNull(reason, "reason is null"), cause);
    this.lineOffset = lineOffset;
  }

  public long lineOffset() {
    return lineOffset;
  }
}
