package dev.goodhart.git.history;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.git.LineHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of {@code git log}'s output with the few reads {@link HistoryReader} needs. Patch lines
 * are classified by their first bytes and skipped without being copied: of the added text only a
 * {@link LineHash} of each line is kept (line provenance compares them with what agents wrote), of
 * the removed text nothing.
 */
final class LineInput {
  /** The first byte of an entry marker ({@code \x01C }) and of the message end ({@code \x01E}). */
  static final int ENTRY = 0x01;

  static final byte END = 'E';

  enum PatchLine {
    DIFF,
    BINARY,
    HUNK,
    ADDED,
    OTHER
  }

  /** How the added lines of the current block are hashed: a notebook's differently. */
  private LineHasher hasher = LineHasher.PLAIN;

  /** Sets how the next added lines are hashed. */
  void hashAddedLinesWith(LineHasher hasher) {
    this.hasher = hasher;
  }

  /** Turns a line's bytes into its {@link LineHash}. */
  @FunctionalInterface
  interface LineHasher {
    LineHasher PLAIN = LineHash::of;

    long hash(byte[] bytes, int from, int to);
  }

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 20];
  private int position;
  private int limit;

  LineInput(InputStream in) {
    this.in = in;
  }

  int peek() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position] & 0xff;
  }

  /** Skips to the next entry marker and past it; false at the end of the output. */
  boolean skipTo(int marker) throws IOException {
    while (true) {
      int b = peek();
      if (b < 0) {
        return false;
      }
      if (b == marker) {
        position++;
        expect('C');
        expect(' ');
        return true;
      }
      skipLine();
    }
  }

  /** The rest of the line, without its line end. */
  String line() throws IOException {
    return upTo('\n');
  }

  /** Everything up to the {@code \x01E} marker, which is consumed. */
  String upToEndMarker() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int b = next();
      if (b < 0) {
        throw truncated();
      }
      if (b == ENTRY && peek() == END) {
        position++;
        return out.toString(StandardCharsets.UTF_8);
      }
      out.write(b);
    }
  }

  String upToNul() throws IOException {
    return upTo((char) 0);
  }

  /** Skips NULs and line ends between records. */
  void skipSeparators() throws IOException {
    for (int b = peek(); b == 0 || b == '\n'; b = peek()) {
      position++;
    }
  }

  /**
   * Classifies one patch line, adding a hunk header's numbers to {@code hunks} and, when {@code
   * hashAdded}, an added line's hash to {@code added}, and skips it. Lines before a block's first
   * hunk header are its headers ({@code +++ b/path} among them): the caller says {@code hashAdded}
   * only inside hunks.
   */
  PatchLine patchLine(HunkList hunks, boolean hashAdded, AddedLines added) throws IOException {
    int first = peek();
    PatchLine kind = PatchLine.OTHER;
    if (first == '+' && hashAdded) {
      added.add(hashOfLine());
      return PatchLine.ADDED;
    } else if (first == 'd' && startsWith("diff --git ")) {
      kind = PatchLine.DIFF;
    } else if (first == 'B' && startsWith("Binary files ")) {
      kind = PatchLine.BINARY;
    } else if (first == '@' && startsWith("@@ -")) {
      hunks.add(line());
      return PatchLine.HUNK;
    }
    skipLine();
    return kind;
  }

  /**
   * The hash of the rest of the line after its first byte (an added line's {@code +}), and skips
   * it. A line longer than the buffer is copied out first.
   */
  private long hashOfLine() throws IOException {
    position++; // the '+'
    while (true) {
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          long hash = hasher.hash(buffer, position, i);
          position = i + 1;
          return hash;
        }
      }
      if (position == 0 && limit == buffer.length) {
        return hashOfLongLine();
      }
      compact();
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        long hash = hasher.hash(buffer, position, limit); // the output ends without a line end
        position = limit;
        return hash;
      }
      limit += read;
    }
  }

  private long hashOfLongLine() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      if (position == limit && !fill()) {
        break;
      }
      int newline = -1;
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      if (newline >= 0) {
        out.write(buffer, position, newline - position);
        position = newline + 1;
        break;
      }
      out.write(buffer, position, limit - position);
      position = limit;
    }
    byte[] line = out.toByteArray();
    return hasher.hash(line, 0, line.length);
  }

  private String upTo(char delimiter) throws IOException {
    ByteArrayOutputStream out = null;
    while (true) {
      if (position == limit && !fill()) {
        throw truncated();
      }
      for (int i = position; i < limit; i++) {
        if (buffer[i] == delimiter) {
          String text;
          if (out == null) {
            text = new String(buffer, position, i - position, StandardCharsets.UTF_8);
          } else {
            out.write(buffer, position, i - position);
            text = out.toString(StandardCharsets.UTF_8);
          }
          position = i + 1;
          return text;
        }
      }
      if (out == null) {
        out = new ByteArrayOutputStream();
      }
      out.write(buffer, position, limit - position);
      position = limit;
    }
  }

  private void skipLine() throws IOException {
    while (true) {
      if (position == limit && !fill()) {
        return;
      }
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          position = i + 1;
          return;
        }
      }
      position = limit;
    }
  }

  /** Whether the bytes ahead start with {@code prefix} (which is shorter than the buffer). */
  private boolean startsWith(String prefix) throws IOException {
    if (limit - position < prefix.length()) {
      compact();
      while (limit - position < prefix.length()) {
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
          return false;
        }
        limit += read;
      }
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (buffer[position + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int next() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  private void expect(char c) throws IOException {
    if (next() != c) {
      throw new GoodhartException(ErrorCode.GIT_FAILURE, "unexpected output from git log");
    }
  }

  private boolean fill() throws IOException {
    position = 0;
    limit = 0;
    int read = in.read(buffer, 0, buffer.length);
    if (read <= 0) {
      return false;
    }
    limit = read;
    return true;
  }

  private void compact() {
    System.arraycopy(buffer, position, buffer, 0, limit - position);
    limit -= position;
    position = 0;
  }

  private static GoodhartException truncated() {
    return new GoodhartException(
        ErrorCode.GIT_FAILURE, "git log's output ended in the middle of a commit");
  }
}
