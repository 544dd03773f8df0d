package dev.goodhart.store.duckdb;

import dev.goodhart.model.git.CommittedLines;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * A file's lines of a commit, packed into bytes for the {@code commit_line} table: per line its
 * position (4 bytes), hash, entry and exit (8 bytes each), little-endian. Packed, a report reads a
 * history's worth of lines in one byte array per file instead of a boxed number per value.
 */
final class LinePacking {
  static final int BYTES_PER_LINE = 4 + 8 + 8 + 8;

  private LinePacking() {}

  static byte[] pack(CommittedLines lines) {
    ByteBuffer buffer =
        ByteBuffer.allocate(lines.size() * BYTES_PER_LINE).order(ByteOrder.LITTLE_ENDIAN);
    long[] entered = lines.enteredAt();
    long[] left = lines.leftAt();
    for (int line = 0; line < lines.size(); line++) {
      buffer.putInt(lines.position(line));
      buffer.putLong(lines.hash(line));
      buffer.putLong(entered[line]);
      buffer.putLong(left[line]);
    }
    return buffer.array();
  }

  static CommittedLines unpack(
      String sha, String path, @Nullable String renamedFrom, byte[] packed, long[] gaps) {
    int count = packed.length / BYTES_PER_LINE;
    ByteBuffer buffer = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
    int[] positions = new int[count];
    long[] hashes = new long[count];
    long[] entered = new long[count];
    long[] left = new long[count];
    for (int line = 0; line < count; line++) {
      positions[line] = buffer.getInt();
      hashes[line] = buffer.getLong();
      entered[line] = buffer.getLong();
      left[line] = buffer.getLong();
    }
    return new CommittedLines(sha, path, renamedFrom, positions, hashes, entered, left, gaps);
  }
}
