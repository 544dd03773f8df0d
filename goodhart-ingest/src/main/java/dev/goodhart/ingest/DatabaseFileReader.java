package dev.goodhart.ingest;

import dev.goodhart.model.FileCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads one {@link FileLayout#DATABASE} file: opens it read-only where it lies, lets its source
 * select the rows changed since the checkpoint's state, parses each row as a record, and hands the
 * events on in chunks. Only the last chunk carries the checkpoint: until a read has finished, the
 * next import starts again from the old state, and the store keeps one copy of a row read twice. A
 * database that cannot be opened or queried (locked, damaged, not a database) is one bad record of
 * the file; the rows read before the failure are kept.
 */
final class DatabaseFileReader {
  private static final byte[] NO_RECORD = "null".getBytes(StandardCharsets.UTF_8);

  private final Machine machine;
  private final Consumer<BadRecord> report;
  private final LogFileReader.ChunkSink out;

  DatabaseFileReader(Machine machine, Consumer<BadRecord> report, LogFileReader.ChunkSink out) {
    this.machine = machine;
    this.report = report;
    this.out = out;
  }

  void read(FoundLog log, LogFile file, @Nullable FileCheckpoint previous)
      throws InterruptedException {
    String state = previous == null ? "" : previous.state();
    long rowsBefore = previous == null ? 0 : previous.lines();
    // Progress counts what grew since the last read, as the importer estimated it.
    long bytes =
        previous != null && previous.offset() <= log.size()
            ? log.size() - previous.offset()
            : log.size();
    Rows rows = new Rows(log);
    String next;
    long[] opened;
    try (Connection database = SqliteFiles.openReadOnly(log.path())) {
      // Opening a database in WAL mode creates its log when there was none: the checkpoint takes
      // the size and time seen after that, so the next import does not take it for a write. A
      // write after this look is newer than what the checkpoint holds and is read next time.
      opened = SqliteFiles.sizeAndModified(log.path());
      next = log.source().readDatabase(file, database, state, rows);
    } catch (IOException e) {
      report.accept(
          new BadRecord(log.path(), 0, "cannot read the file: " + LogDiscovery.describe(e)));
      rows.flush(null, bytes);
      return;
    } catch (SQLException e) {
      report.accept(new BadRecord(log.path(), 0, SqliteFiles.describe(e)));
      rows.flush(null, bytes);
      return;
    } catch (RowsInterrupted e) {
      throw e.interrupted;
    }
    FileCheckpoint checkpoint =
        new FileCheckpoint(
            log.source().name(),
            machine.id(),
            log.path().toString(),
            opened[0],
            opened[1],
            opened[0],
            rowsBefore + rows.count,
            0,
            next);
    rows.flush(checkpoint, bytes);
  }

  /** A blocked hand-over interrupted while a source's reader was inside JDBC code. */
  private static final class RowsInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient InterruptedException interrupted;

    RowsInterrupted(InterruptedException interrupted) {
      super(interrupted);
      this.interrupted = interrupted;
    }
  }

  /** Parses the rows a source selects and passes their events on a chunk at a time. */
  private final class Rows implements DatabaseRows {
    private final FoundLog log;
    private final ChunkEvents events = new ChunkEvents();
    long count;

    Rows(FoundLog log) {
      this.log = log;
    }

    @Override
    public void row(String where, byte @Nullable [] record, RecordParser parser) {
      count++;
      byte[] bytes = record == null ? NO_RECORD : record;
      try {
        parser.parse(bytes, 0, bytes.length, count, events);
      } catch (BadRecordException e) {
        report.accept(new BadRecord(log.path(), 0, where + ": " + e.getMessage()));
      } catch (RuntimeException e) {
        throw LogFileReader.parserBug(log, count, e);
      }
      if (events.size() >= LogFileReader.CHUNK_EVENTS) {
        try {
          flush(null, 0);
        } catch (InterruptedException e) {
          throw new RowsInterrupted(e);
        }
      }
    }

    void flush(@Nullable FileCheckpoint checkpoint, long bytes) throws InterruptedException {
      out.accept(
          new LogFileReader.Chunk(log, events.take(), events.takeSignals(), checkpoint, bytes));
    }
  }
}
