package dev.goodhart.git.history;

import java.util.Arrays;

/** The hashes of one block's added lines, collected as the patch is read. */
final class AddedLines {
  private long[] values = new long[256];
  private int size;

  void add(long hash) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = hash;
  }

  /** The hashes collected since the last call. */
  long[] take() {
    long[] taken = size == 0 ? NONE : Arrays.copyOf(values, size);
    size = 0;
    return taken;
  }

  static final long[] NONE = {};
}
