package dev.goodhart.cli.statusline;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.claudecode.ClaudeCodeSource;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads the complete lines a transcript gained since an offset, with the same parser as {@code
 * goodhart import}, and hands on the usage events they hold. A line still being written (no line
 * end yet) is left for the next call; a line the parser cannot read is counted and skipped.
 */
final class TranscriptTail {
  private static final ClaudeCodeSource SOURCE = new ClaudeCodeSource();
  private static final int CHUNK = 1 << 20;

  private int badLines;

  /** Where reading stopped: after the last complete line, and the number of lines before it. */
  record Progress(long offset, long lines) {}

  /**
   * Reads the complete lines of {@code [from, to)} of the file, {@code linesBefore} being the
   * number of lines before {@code from} (keys of lines without a message id are their line number).
   */
  Progress read(
      Path root, Path file, long from, long linesBefore, long to, Consumer<UsageEvent> events)
      throws IOException {
    Path relative = file.startsWith(root) ? root.relativize(file) : file.getFileName();
    LogFile log =
        new LogFile(
            "claude", root, file, "statusline", SOURCE.project(root, file), relative.toString());
    RecordParser parser = SOURCE.newParser(log, "");
    RecordSink sink = events::accept;
    byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(0, to - from))];
    long position = from;
    int filled = 0;
    long line = linesBefore + 1;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (position + filled < to) {
        if (filled == buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.max(CHUNK, buffer.length * 2));
        }
        int want = (int) Math.min(buffer.length - filled, to - position - filled);
        int read = channel.read(ByteBuffer.wrap(buffer, filled, want), position + filled);
        if (read < 0) {
          break;
        }
        filled += read;
        int start = 0;
        for (int i = 0; i < filled; i++) {
          if (buffer[i] == '\n') {
            int end = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
            if (end > start) {
              try {
                parser.parse(buffer, start, end - start, line, sink);
              } catch (BadRecordException | RuntimeException e) {
                badLines++;
              }
            }
            line++;
            start = i + 1;
          }
        }
        position += start;
        System.arraycopy(buffer, start, buffer, 0, filled - start);
        filled -= start;
      }
    }
    return new Progress(position, line - 1);
  }

  int badLines() {
    return badLines;
  }
}
