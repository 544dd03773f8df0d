package dev.goodhart.git.attribution;

import static java.util.Objects.requireNonNull;

/**
 * One {@code Key: value} line of a commit message.
 *
 * @param key the key as written; compare it with {@link #hasKey}, since git ignores its case
 * @param value the value, trimmed, with continuation lines joined by single spaces
 * @param text the line as written (continuations joined), for a person to check
 * @param lineNumber the 1-based line of the message it starts on
 */
public record Trailer(String key, String value, String text, int lineNumber) {
  public Trailer {
    requireNonNull(key, "key is null");
    requireNonNull(value, "value is null");
    requireNonNull(text, "text is null");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key is empty");
    }
    if (lineNumber < 1) {
      throw new IllegalArgumentException("lineNumber must be 1 or more: " + lineNumber);
    }
  }

  /** Whether the key is this one, ignoring case as git does ({@code Co-Authored-By}). */
  public boolean hasKey(String other) {
    return key.equalsIgnoreCase(other);
  }
}
