package dev.goodhart.git.fate;

/**
 * Counts the lines of a blob the way {@code git blame} does (a last line without a line end
 * counts). Needed only when a file turns from binary to text, where no diff gives its length.
 */
@FunctionalInterface
public interface LineCounter {
  int lines(String blob);
}
