package dev.goodhart.git.history;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.util.Arrays;

/** The hunks of one file's patch, four numbers each, collected as their headers are read. */
final class HunkList {
  private int[] values = new int[64];
  private int size;

  /** Adds {@code @@ -a[,b] +c[,d] @@ ...}; a missing count is 1. */
  void add(String header) {
    int minus = header.indexOf('-');
    int plus = header.indexOf(" +", minus);
    int end = header.indexOf(" @@", plus);
    if (minus < 0 || plus < 0 || end < 0) {
      throw new GoodhartException(ErrorCode.GIT_FAILURE, "unexpected hunk header: " + header);
    }
    if (size + 4 > values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    range(header, minus + 1, plus);
    range(header, plus + 2, end);
  }

  private void range(String header, int from, int to) {
    int comma = header.indexOf(',', from);
    try {
      if (comma >= 0 && comma < to) {
        values[size++] = Integer.parseInt(header, from, comma, 10);
        values[size++] = Integer.parseInt(header, comma + 1, to, 10);
      } else {
        values[size++] = Integer.parseInt(header, from, to, 10);
        values[size++] = 1;
      }
    } catch (NumberFormatException e) {
      throw new GoodhartException(ErrorCode.GIT_FAILURE, "unexpected hunk header: " + header, e);
    }
  }

  /** The hunks collected since the last call. */
  int[] take() {
    int[] taken = Arrays.copyOf(values, size);
    size = 0;
    return taken;
  }
}
