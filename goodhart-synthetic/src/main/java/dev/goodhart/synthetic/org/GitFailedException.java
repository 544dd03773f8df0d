package dev.goodhart.synthetic.org;

import org.jspecify.annotations.Nullable;

/** Git is missing or failed while the organisation's repositories were made. */
public final class GitFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  GitFailedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
