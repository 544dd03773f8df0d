package dev.goodhart.ingest.otlp;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A request body that is no OTLP request of the expected kind: truncated, not protobuf, not JSON,
 * or JSON of another shape. Its message says what is wrong, where (a field path such as {@code
 * resourceLogs[0].scopeLogs[1].logRecords[3]}, a JSON line and column, a byte offset) and the
 * offending value, so that the sender can fix the exporter; a server answers it with 400.
 */
public final class OtlpFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final @Nullable String location;

  OtlpFormatException(String message, @Nullable String location, @Nullable Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.location = location;
  }

  /**
   * Where in the body the problem is: a field path, with the line and column or the byte offset
   * when known; null when the body as a whole is wrong.
   */
  public @Nullable String location() {
    return location;
  }
}
