package dev.goodhart.ingest.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time (SWAR). Splitting a gigabyte of logs into lines, and looking
 * for the one field a parser needs, are the passes that touch every byte, so they must not cost a
 * comparison per byte.
 */
public final class ByteSearch {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private ByteSearch() {}

  /** The index of the first {@code target} in {@code bytes[from, to)}, or -1. */
  public static int indexOf(byte[] bytes, int from, int to, byte target) {
    long pattern = ONES * (target & 0xff);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long found = zeroBytes((long) LONGS.get(bytes, i) ^ pattern);
      if (found != 0) {
        // The lowest flagged byte is always a true match.
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == target) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the first occurrence of {@code needle} (two bytes or more) in {@code bytes[from,
   * to)}, or -1. Words are screened for the needle's first two bytes together, which in JSON text
   * almost never match by chance.
   */
  public static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
    long first = ONES * (needle[0] & 0xff);
    long second = ONES * (needle[1] & 0xff);
    int last = to - needle.length;
    int i = from;
    for (; i + 9 <= to; i += 8) {
      long candidates =
          zeroBytes((long) LONGS.get(bytes, i) ^ first)
              & zeroBytes((long) LONGS.get(bytes, i + 1) ^ second);
      while (candidates != 0) {
        int at = i + (Long.numberOfTrailingZeros(candidates) >>> 3);
        if (at <= last && matches(bytes, at, needle)) {
          return at;
        }
        candidates &= candidates - 1;
      }
    }
    for (; i <= last; i++) {
      if (matches(bytes, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matches(byte[] bytes, int at, byte[] needle) {
    for (int j = 0; j < needle.length; j++) {
      if (bytes[at + j] != needle[j]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Flags (high bit) every zero byte of {@code x}; a byte above a zero byte may be flagged falsely,
   * which callers either ignore (taking the lowest flag) or check.
   */
  private static long zeroBytes(long x) {
    return (x - ONES) & ~x & HIGHS;
  }
}
