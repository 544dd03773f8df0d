package dev.goodhart.model;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The one exception type that crosses module boundaries. Its message follows the house shape: the
 * rule, the offending value in quotes, where it was found, and the remedy when one is known.
 */
public final class GoodhartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public GoodhartException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public GoodhartException(ErrorCode code, String message, @Nullable Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }
}
