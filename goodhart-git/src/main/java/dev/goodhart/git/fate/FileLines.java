package dev.goodhart.git.fate;

import org.jspecify.annotations.Nullable;

/**
 * One file in one commit's tree: its blob and, for a text file, the token of every line. A token is
 * the owning commit's index shifted left by one, with the lowest bit set when the line is known to
 * be AI-written line by line. Where some lines belong to commits followed line by line ({@link
 * TrackedLines}), {@code ordinals} gives each line's place among its owner's own lines (-1 for a
 * line of a commit not followed); null when no line is followed. Arrays are shared between trees
 * and never changed.
 */
record FileLines(String blob, int[] tokens, int @Nullable [] ordinals, boolean hasLines) {
  static final int[] NONE = new int[0];

  FileLines(String blob, int[] tokens, boolean hasLines) {
    this(blob, tokens, null, hasLines);
  }

  static FileLines withoutLines(String blob) {
    return new FileLines(blob, NONE, null, false);
  }

  static int owner(int token) {
    return token >>> 1;
  }

  static boolean isAi(int token) {
    return (token & 1) != 0;
  }

  static int token(int owner, boolean ai) {
    return (owner << 1) | (ai ? 1 : 0);
  }
}
