package dev.goodhart.ingest;

/**
 * Reads records of one log file, in file order. For a {@link FileLayout#JSON_LINES} file each call
 * gets one line; for a {@link FileLayout#WHOLE_FILE} file, the whole file once. A parser may keep
 * state between lines (Codex rollouts carry the session and model on earlier lines); {@link
 * #state()} captures it so that an import can resume in the middle of a file with a new parser.
 *
 * <p>Implementations throw {@link BadRecordException} for any input they cannot read, and nothing
 * else: the fuzz tests hold every parser to that.
 */
public interface RecordParser {
  /**
   * @param bytes the buffer holding the record
   * @param offset where the record starts
   * @param length the record's length, without its line terminator
   * @param lineNumber the 1-based line the record starts on, for keys of records that have no
   *     identity of their own
   */
  void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException;

  /**
   * What a new parser needs to continue after the last parsed record; empty for stateless formats.
   */
  default String state() {
    return "";
  }
}
