package dev.goodhart.ingest.sqlite;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;

/**
 * A parser of a database row that holds a whole session's totals: each agent reads its own columns
 * into {@link SessionTotals}, which decides once what such a row is worth (one event, or nothing).
 */
public abstract class SessionRowParser implements RecordParser {
  private final LogFile file;

  protected SessionRowParser(LogFile file) {
    this.file = file;
  }

  /** The session's totals as the row (one JSON object, as the source selects it) gives them. */
  protected abstract SessionTotals read(byte[] bytes, int offset, int length)
      throws BadRecordException;

  @Override
  public final void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    read(bytes, offset, length).toEvent(file).ifPresent(sink::accept);
  }
}
