package dev.goodhart.ingest;

/**
 * Where a source's {@link UsageSource#readDatabase database reader} sends the rows it selected:
 * each row becomes one record for one of the source's parsers, so that a row is read, checked,
 * counted when bad and fuzzed exactly like a record of a log file.
 */
@FunctionalInterface
public interface DatabaseRows {
  /**
   * Parses one row's record; a bad one is reported with {@code where} and skipped.
   *
   * @param where the row, for messages: {@code "message 'msg_01'"}
   * @param record the row as the parser reads it (a JSON object); null when the row holds none
   * @param parser the parser for the rows of this kind
   */
  void row(String where, byte @org.jspecify.annotations.Nullable [] record, RecordParser parser);

  /** A text column as goodhart keeps it: trimmed, and null when blank (databases hold both). */
  static @org.jspecify.annotations.Nullable String trimmed(
      @org.jspecify.annotations.Nullable String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
