package dev.goodhart.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A record that could not be read, where it is and why: reported to the user, counted, and skipped.
 *
 * @param line the 1-based line, or 0 when the problem is the file or folder itself
 */
public record BadRecord(Path file, long line, String reason) {
  public BadRecord {
    requireNonNull(file, "file is null");
    requireNonNull(reason, "reason is null");
  }

  /** {@code path:line: reason}, the shape compilers use, so terminals and editors link it. */
  public String message() {
    return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
  }
}
