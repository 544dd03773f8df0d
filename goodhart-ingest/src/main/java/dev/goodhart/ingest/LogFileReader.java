package dev.goodhart.ingest;

import dev.goodhart.ingest.json.ByteSearch;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.FileCheckpoint;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Hashes;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads one log file from where its checkpoint says, in chunks that each end on a line boundary and
 * carry the checkpoint that covers them. A chunk is handed on as soon as it is full, so memory
 * stays bounded whatever the file's size, and a crash loses at most the chunks not yet committed.
 */
final class LogFileReader {
  /** Events per chunk: large enough to amortise a commit, small enough to bound memory. */
  static final int CHUNK_EVENTS = 8_192;

  /** Bytes per chunk, so files with few events still checkpoint as they go. */
  static final long CHUNK_BYTES = 32L << 20;

  private static final int INITIAL_BUFFER = 1 << 20;
  private static final int FINGERPRINT_BYTES = 1024;

  /** A piece of one file's events with the checkpoint that covers exactly them. */
  record Chunk(
      FoundLog log,
      List<UsageEvent> events,
      List<SessionSignal> signals,
      @Nullable FileCheckpoint checkpoint,
      long bytes) {}

  /** Where chunks go; blocks when the writer is behind. */
  interface ChunkSink {
    void accept(Chunk chunk) throws InterruptedException;
  }

  private final Machine machine;
  private final boolean strict;
  private final BadRecordCounter badRecords;
  private final ChunkSink out;
  private final DatabaseFileReader databases;
  private byte[] buffer = new byte[INITIAL_BUFFER];

  LogFileReader(Machine machine, boolean strict, BadRecordCounter badRecords, ChunkSink out) {
    this.machine = machine;
    this.strict = strict;
    this.badRecords = badRecords;
    this.out = out;
    this.databases = new DatabaseFileReader(machine, this::report, out);
  }

  /**
   * Reads what is new in the file since {@code previous}; reads it all when the file was replaced
   * or truncated.
   */
  void read(FoundLog log, @Nullable FileCheckpoint previous) throws InterruptedException {
    LogFile file =
        new LogFile(
            log.source().name(),
            log.root(),
            log.path(),
            machine.id(),
            log.source().project(log.root(), log.path()),
            relativeName(log));
    FileLayout layout = log.source().layout(log.path());
    if (layout == FileLayout.DATABASE) {
      databases.read(log, file, previous);
      return;
    }
    try (FileChannel channel = FileChannel.open(log.path(), StandardOpenOption.READ)) {
      if (layout == FileLayout.WHOLE_FILE) {
        readWhole(log, file, channel);
      } else {
        readLines(log, file, channel, previous);
      }
    } catch (IOException e) {
      report(new BadRecord(log.path(), 0, "cannot read the file: " + LogDiscovery.describe(e)));
    }
  }

  private void readLines(
      FoundLog log, LogFile file, FileChannel channel, @Nullable FileCheckpoint previous)
      throws IOException, InterruptedException {
    long start = 0;
    long line = 0;
    String state = "";
    if (previous != null
        && previous.offset() <= channel.size()
        && fingerprint(channel, previous.offset()) == previous.fingerprint()) {
      start = previous.offset();
      line = previous.lines();
      state = previous.state();
    }
    RecordParser parser = log.source().newParser(file, state);
    ChunkEvents events = new ChunkEvents();
    long position = start; // file offset of buffer[0]
    long consumed = start; // file offset just after the last consumed line
    long chunkStart = start;
    int filled = 0;
    int lineStart = 0;
    boolean skippingOverlong = false;
    while (true) {
      if (filled == buffer.length) {
        if (lineStart > 0) {
          System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
          position += lineStart;
          filled -= lineStart;
          lineStart = 0;
        } else if (buffer.length < JsonRecords.MAX_RECORD_BYTES) {
          buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, JsonRecords.MAX_RECORD_BYTES));
        } else {
          // One line longer than any record goodhart reads: report it, then drop bytes up to its
          // end.
          if (!skippingOverlong) {
            report(
                new BadRecord(
                    log.path(),
                    line + 1,
                    "line longer than %d MiB; skipped"
                        .formatted(JsonRecords.MAX_RECORD_BYTES >> 20)));
            skippingOverlong = true;
          }
          position += filled;
          filled = 0;
        }
      }
      int read =
          channel.read(ByteBuffer.wrap(buffer, filled, buffer.length - filled), position + filled);
      if (read < 0) {
        break;
      }
      int scanFrom = filled;
      filled += read;
      int newline;
      while ((newline = ByteSearch.indexOf(buffer, scanFrom, filled, (byte) '\n')) >= 0) {
        line++;
        if (skippingOverlong) {
          skippingOverlong = false;
        } else {
          int end = newline > lineStart && buffer[newline - 1] == '\r' ? newline - 1 : newline;
          parseRecord(parser, log, lineStart, end - lineStart, line, events);
        }
        lineStart = newline + 1;
        scanFrom = lineStart;
        consumed = position + lineStart;
        if (events.size() >= CHUNK_EVENTS || consumed - chunkStart >= CHUNK_BYTES) {
          // Not the end of the file: the checkpoint's size is its offset, so a crash now resumes
          // here.
          emit(log, channel, events, consumed, consumed, line, parser, consumed - chunkStart);
          chunkStart = consumed;
        }
      }
    }
    long size = position + filled;
    if (skippingOverlong) {
      consumed = size; // the overlong last line was reported; nothing of it is kept
      line++;
    } else if (filled > lineStart
        && readLastLine(parser, log, lineStart, filled, line + 1, events)) {
      consumed = size;
      line++;
    }
    emit(log, channel, events, size, consumed, line, parser, size - chunkStart);
    if (buffer.length > INITIAL_BUFFER * 4) {
      buffer =
          new byte
              [INITIAL_BUFFER]; // one huge line should not pin a huge buffer for every later file
    }
  }

  /**
   * A last line without a line end is either complete (a writer that omits the final newline) or
   * still being written. It is consumed only when it parses; otherwise it is reported and left for
   * the next import to read again.
   */
  private boolean readLastLine(
      RecordParser parser, FoundLog log, int from, int to, long line, ChunkEvents sink) {
    if (LineProbe.isBlank(buffer, from, to - from)) {
      return true;
    }
    List<UsageEvent> tail = new ArrayList<>(1);
    try {
      parser.parse(buffer, from, to - from, line, tail::add);
    } catch (BadRecordException e) {
      report(
          new BadRecord(
              log.path(),
              line,
              e.getMessage()
                  + "; it is the last line and has no line end, so it is read again once the file grows"));
      return false;
    } catch (RuntimeException e) {
      throw parserBug(log, line, e);
    }
    tail.forEach(sink::accept);
    return true;
  }

  private void readWhole(FoundLog log, LogFile file, FileChannel channel)
      throws IOException, InterruptedException {
    long size = channel.size();
    if (size > JsonRecords.MAX_RECORD_BYTES) {
      report(
          new BadRecord(
              log.path(),
              0,
              "file larger than %d MiB; skipped".formatted(JsonRecords.MAX_RECORD_BYTES >> 20)));
      return;
    }
    byte[] bytes = new byte[(int) size];
    ByteBuffer target = ByteBuffer.wrap(bytes);
    while (target.hasRemaining() && channel.read(target, target.position()) >= 0) {
      // read until full or end of file
    }
    int length = target.position();
    RecordParser parser = log.source().newParser(file, "");
    ChunkEvents events = new ChunkEvents();
    try {
      parser.parse(bytes, 0, length, 1, events);
    } catch (BadRecordException e) {
      // A document is rewritten whole; an unreadable one may be mid-write, so it is not
      // checkpointed and is retried.
      report(new BadRecord(log.path(), 1 + e.lineOffset(), e.getMessage()));
      out.accept(new Chunk(log, List.of(), List.of(), null, length));
      return;
    } catch (RuntimeException e) {
      throw parserBug(log, 1, e);
    }
    long lines = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        lines++;
      }
    }
    FileCheckpoint checkpoint =
        new FileCheckpoint(
            log.source().name(),
            machine.id(),
            log.path().toString(),
            length,
            log.modifiedMillis(),
            length,
            lines,
            fingerprint(bytes, length),
            "");
    out.accept(new Chunk(log, events.take(), events.takeSignals(), checkpoint, length));
  }

  private void parseRecord(
      RecordParser parser, FoundLog log, int from, int length, long line, RecordSink sink) {
    if (length == 0) {
      return;
    }
    try {
      parser.parse(buffer, from, length, line, sink);
    } catch (BadRecordException e) {
      report(new BadRecord(log.path(), line + e.lineOffset(), e.getMessage()));
    } catch (RuntimeException e) {
      throw parserBug(log, line, e);
    }
  }

  /**
   * @param size the file size the checkpoint records: the size read up to at the end of the file,
   *     but only the offset for a chunk in the middle, so that the file never looks unchanged
   *     before it was read to its end
   */
  private void emit(
      FoundLog log,
      FileChannel channel,
      ChunkEvents events,
      long size,
      long offset,
      long lines,
      RecordParser parser,
      long bytes)
      throws IOException, InterruptedException {
    FileCheckpoint checkpoint =
        new FileCheckpoint(
            log.source().name(),
            machine.id(),
            log.path().toString(),
            size,
            log.modifiedMillis(),
            offset,
            lines,
            fingerprint(channel, offset),
            parser.state());
    out.accept(new Chunk(log, events.take(), events.takeSignals(), checkpoint, bytes));
  }

  private void report(BadRecord record) {
    badRecords.add(record);
    if (strict) {
      throw new GoodhartException(
          ErrorCode.BAD_RECORD,
          record.message()
              + "; stopped there because of --strict (without it, bad records are reported and skipped)");
    }
  }

  static GoodhartException parserBug(FoundLog log, long line, RuntimeException e) {
    return new GoodhartException(
        ErrorCode.INTERNAL_ERROR,
        "the %s parser failed on %s:%d; please report this with the line: %s"
            .formatted(log.source().name(), log.path(), line, e),
        e);
  }

  private static String relativeName(FoundLog log) {
    try {
      return log.root().relativize(log.path()).toString();
    } catch (IllegalArgumentException e) {
      return log.path().toString();
    }
  }

  /**
   * Hash of the file's first bytes and of the bytes just before {@code offset}: changes when the
   * file is replaced.
   */
  static long fingerprint(FileChannel channel, long offset) throws IOException {
    int headLength = (int) Math.min(FINGERPRINT_BYTES, offset);
    int tailLength = (int) Math.min(FINGERPRINT_BYTES, offset);
    byte[] bytes = new byte[headLength + tailLength];
    readFully(channel, ByteBuffer.wrap(bytes, 0, headLength), 0);
    readFully(channel, ByteBuffer.wrap(bytes, headLength, tailLength), offset - tailLength);
    return Hashes.murmur3(bytes, 0, bytes.length, offset).low();
  }

  private static long fingerprint(byte[] file, int length) {
    int headLength = Math.min(FINGERPRINT_BYTES, length);
    byte[] bytes = new byte[headLength * 2];
    System.arraycopy(file, 0, bytes, 0, headLength);
    System.arraycopy(file, length - headLength, bytes, headLength, headLength);
    return Hashes.murmur3(bytes, 0, bytes.length, length).low();
  }

  private static void readFully(FileChannel channel, ByteBuffer target, long position)
      throws IOException {
    long at = position;
    while (target.hasRemaining()) {
      int read = channel.read(target, at);
      if (read < 0) {
        break;
      }
      at += read;
    }
  }
}
