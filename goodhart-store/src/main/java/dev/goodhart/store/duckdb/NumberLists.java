package dev.goodhart.store.duckdb;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** DuckDB's text of a list of integers, {@code [1, -2, 3]}, parsed without boxing. */
final class NumberLists {
  private static final long[] NONE = {};

  private NumberLists() {}

  static long[] parse(@Nullable String text) {
    if (text == null || text.length() <= 2) {
      return NONE;
    }
    long[] values = new long[16];
    int count = 0;
    int i = 0;
    int end = text.length();
    while (i < end) {
      char c = text.charAt(i);
      if (c != '-' && (c < '0' || c > '9')) {
        i++;
        continue;
      }
      boolean negative = c == '-';
      if (negative) {
        i++;
      }
      long value = 0;
      while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        // Accumulated negatively, so that Long.MIN_VALUE fits.
        value = value * 10 - (text.charAt(i) - '0');
        i++;
      }
      if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
      }
      values[count++] = negative ? value : -value;
    }
    return Arrays.copyOf(values, count);
  }
}
