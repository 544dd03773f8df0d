package dev.goodhart.git.history;

import dev.goodhart.model.git.LineHash;
import java.nio.charset.StandardCharsets;

/**
 * A Jupyter notebook keeps each line of a cell as a JSON string on a line of its own ({@code "x =
 * 1\n",}). An agent writes the cell's text ({@code x = 1}), so a notebook's line is hashed as the
 * text its string holds, without its line end; a line of any other shape as it is.
 */
final class NotebookLines implements LineInput.LineHasher {
  private byte[] decoded = new byte[256];

  static boolean isNotebook(String path) {
    return path.endsWith(".ipynb");
  }

  @Override
  public long hash(byte[] bytes, int from, int to) {
    int open = from;
    while (open < to && (bytes[open] == ' ' || bytes[open] == '\t')) {
      open++;
    }
    int close = to;
    while (close > open && (bytes[close - 1] == ' ' || bytes[close - 1] == '\r')) {
      close--;
    }
    if (close > open && bytes[close - 1] == ',') {
      close--;
    }
    if (close - open < 2 || bytes[open] != '"' || bytes[close - 1] != '"') {
      return LineHash.of(bytes, from, to);
    }
    int length = decode(bytes, open + 1, close - 1);
    if (length < 0) {
      return LineHash.of(bytes, from, to);
    }
    if (length > 0 && decoded[length - 1] == '\n') {
      length--;
    }
    return LineHash.of(decoded, 0, length);
  }

  /**
   * The JSON string's text as UTF-8, or -1 when it is not one (an unescaped quote, a bad escape).
   */
  private int decode(byte[] bytes, int from, int to) {
    if (decoded.length < to - from) {
      decoded = new byte[to - from];
    }
    int length = 0;
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == '"') {
        return -1;
      }
      if (b != '\\') {
        decoded[length++] = b;
        continue;
      }
      if (++i >= to) {
        return -1;
      }
      switch (bytes[i]) {
        case '"', '\\', '/' -> decoded[length++] = bytes[i];
        case 'n' -> decoded[length++] = '\n';
        case 't' -> decoded[length++] = '\t';
        case 'r' -> decoded[length++] = '\r';
        case 'b' -> decoded[length++] = '\b';
        case 'f' -> decoded[length++] = '\f';
        case 'u' -> {
          if (i + 4 >= to) {
            return -1;
          }
          int unit;
          try {
            unit = Integer.parseInt(new String(bytes, i + 1, 4, StandardCharsets.US_ASCII), 16);
          } catch (NumberFormatException e) {
            return -1;
          }
          i += 4;
          byte[] encoded = String.valueOf((char) unit).getBytes(StandardCharsets.UTF_8);
          System.arraycopy(encoded, 0, decoded, length, encoded.length);
          length += encoded.length;
        }
        default -> {
          return -1;
        }
      }
    }
    return length;
  }
}
