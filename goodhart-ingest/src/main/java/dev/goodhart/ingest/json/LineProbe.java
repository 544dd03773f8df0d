package dev.goodhart.ingest.json;

import dev.goodhart.ingest.BadRecordException;
import java.nio.charset.StandardCharsets;

/**
 * Cheap looks at a JSON line before (or instead of) parsing it. Most bytes of an agent log are tool
 * output that holds no usage; a line that cannot mention the field a parser needs is only checked
 * for its framing, which still catches the truncated line of a file being written and binary
 * garbage.
 */
public final class LineProbe {
  private LineProbe() {}

  public static byte[] marker(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether the line contains the marker's bytes anywhere; markers are at least two bytes long. */
  public static boolean mentions(byte[] bytes, int offset, int length, byte[] marker) {
    return ByteSearch.indexOf(bytes, offset, offset + length, marker) >= 0;
  }

  /** Whether the line is only white space, which JSON lines files may contain between records. */
  public static boolean isBlank(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (!isWhitespace(bytes[i])) {
        return false;
      }
    }
    return true;
  }

  /** Requires the line to look like one JSON object: '{' first and '}' last, white space aside. */
  public static void requireObjectFraming(byte[] bytes, int offset, int length)
      throws BadRecordException {
    int start = offset;
    int end = offset + length - 1;
    while (start <= end && isWhitespace(bytes[start])) {
      start++;
    }
    while (end >= start && isWhitespace(bytes[end])) {
      end--;
    }
    if (start > end) {
      return;
    }
    if (bytes[start] != '{') {
      throw new BadRecordException("not a JSON object: the line starts with " + show(bytes[start]));
    }
    if (bytes[end] != '}') {
      throw new BadRecordException(
          "incomplete JSON object: the line ends with "
              + show(bytes[end])
              + " (truncated, or still being written)");
    }
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static String show(byte b) {
    if (b >= 0x20 && b < 0x7f) {
      return "'" + (char) b + "'";
    }
    return "byte 0x%02x".formatted(b & 0xff);
  }
}
