package dev.goodhart.model;

import static java.util.Objects.requireNonNull;

/**
 * How far an import has read one log file, so the next import parses only what was appended.
 * Committed in the same transaction as the events read up to {@code offset}, so an import killed at
 * any moment resumes exactly.
 *
 * @param source the source that owns the file
 * @param machineId the machine whose logs the file belongs to (imports of another machine's copy
 *     have their own)
 * @param path the absolute path of the file
 * @param size the file's size when it was read
 * @param modifiedMillis the file's modification time when it was read
 * @param offset bytes consumed: always the end of a complete line
 * @param lines lines consumed, so later error messages give the right line numbers
 * @param fingerprint a hash of the file's first bytes and of the bytes just before {@code offset};
 *     a file whose fingerprint changed was replaced and is read again from the start
 * @param state what the source's parser needs to continue at {@code offset} (e.g. Codex's running
 *     totals); may be empty
 */
public record FileCheckpoint(
    String source,
    String machineId,
    String path,
    long size,
    long modifiedMillis,
    long offset,
    long lines,
    long fingerprint,
    String state) {

  public FileCheckpoint {
    requireNonNull(source, "source is null");
    requireNonNull(machineId, "machineId is null");
    requireNonNull(path, "path is null");
    requireNonNull(state, "state is null");
    if (offset < 0 || lines < 0 || size < 0) {
      throw new IllegalArgumentException("offset, lines and size must not be negative: " + path);
    }
  }
}
