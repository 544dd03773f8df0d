package dev.goodhart.model;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One instance of each equal string read while building a large result: every row a database
 * returns is a new string, so a report over a hundred thousand sessions held a hundred thousand
 * copies of a few thousand machine ids, model names, authors and folders (a third of its heap).
 * Kept only while the result is built; not thread-safe.
 */
public final class SharedStrings {
  private final Map<String, String> seen = new HashMap<>();

  /** The first instance equal to {@code text} this pool saw. */
  public String of(String text) {
    String first = seen.putIfAbsent(text, text);
    return first == null ? text : first;
  }

  /** As {@link #of}; null stays null. */
  public @Nullable String ofNullable(@Nullable String text) {
    return text == null ? null : of(text);
  }
}
