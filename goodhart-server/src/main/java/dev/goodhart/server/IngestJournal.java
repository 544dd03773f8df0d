package dev.goodhart.server;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The server's write-ahead journal: a request's usage facts are acknowledged once their record is
 * written and forced to disk here, and reach DuckDB afterwards in large batches. A DuckDB commit
 * costs this machine about 10 ms however few rows it holds, so committing every request made the
 * commit the server's limit; a forced append costs a fraction of a millisecond.
 *
 * <p>The journal is a folder of segments ({@code journal-<first sequence>.log}), each a magic
 * number and then records framed as: body length (int), CRC-32C of the rest (int), sequence (long),
 * body ({@link JournalCodec}). Segments are only appended to, and deleted once every record in them
 * is in the store. At start the segments left by the last run are read back; a record cut short or
 * failing its checksum ends its segment (a crash tore it, and it was never acknowledged). Storing a
 * record twice is harmless: the store keeps each event and signal once by its key.
 */
final class IngestJournal implements AutoCloseable {
  /** Bytes of a record's frame before its body. */
  static final int HEADER = 16;

  static final String FOLDER = "journal";
  private static final int MAGIC = 0x47484A31; // "GHJ1"
  private static final String PREFIX = "journal-";
  private static final String SUFFIX = ".log";

  /** A record larger than this is damage, not data: a request body is at most 128 MiB inflated. */
  private static final int MAX_RECORD = 256 << 20;

  private static final String CUT_SHORT = "a record cut short";

  private final Path folder;
  private final long segmentBytes;
  private final CRC32C checksum = new CRC32C();
  private final Deque<Segment> closed = new ArrayDeque<>();
  private final List<Path> leftOver;
  private Segment current;
  private FileChannel channel;
  private long lastSequence;

  private record Segment(Path path, long lastSequence) {}

  private IngestJournal(Path folder, long segmentBytes, List<Path> leftOver, long lastSequence)
      throws IOException {
    this.folder = folder;
    this.segmentBytes = segmentBytes;
    this.leftOver = leftOver;
    this.lastSequence = lastSequence;
    startSegment();
  }

  /**
   * Opens the journal in {@code dataDirectory}, handing every record a former run left to {@code
   * replay} (oldest first) before new records can be appended; call {@link #replayed()} once they
   * are stored.
   */
  static IngestJournal open(
      Path dataDirectory, long segmentBytes, Consumer<JournalCodec.Facts> replay, List<String> log)
      throws IOException {
    Path folder = dataDirectory.resolve(FOLDER);
    Files.createDirectories(folder);
    List<Path> segments;
    try (Stream<Path> files = Files.list(folder)) {
      segments =
          files
              .filter(
                  path -> {
                    String name = path.getFileName().toString();
                    return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
                  })
              .sorted()
              .toList();
    }
    long last = 0;
    long records = 0;
    long dropped = 0;
    for (Path segment : segments) {
      SegmentReader reader = new SegmentReader(segment, replay);
      reader.read();
      records += reader.records;
      dropped += reader.dropped;
      last = Math.max(last, reader.lastSequence);
      if (reader.damage != null) {
        log.add(reader.damage);
      }
    }
    if (records > 0 || dropped > 0) {
      log.add(
          "the journal held %,d records not known to be stored; they were stored again%s"
              .formatted(
                  records,
                  dropped == 0
                      ? ""
                      : " (%,d bytes of torn or damaged records were dropped)".formatted(dropped)));
    }
    return new IngestJournal(folder, segmentBytes, new ArrayList<>(segments), last);
  }

  /** The records read back at start are stored: their segments go. */
  void replayed() throws IOException {
    for (Path path : leftOver) {
      Files.deleteIfExists(path);
    }
    leftOver.clear();
  }

  /**
   * Frames, writes and forces records ({@link JournalCodec#encode} bytes); when this returns they
   * survive a crash. Returns the sequence of the last. Called by one thread.
   */
  synchronized long append(List<byte[]> records) throws IOException {
    ByteBuffer[] buffers = new ByteBuffer[records.size()];
    long bytes = 0;
    for (int i = 0; i < buffers.length; i++) {
      byte[] record = records.get(i);
      ByteBuffer frame = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
      frame.putInt(0, record.length - HEADER);
      frame.putLong(8, ++lastSequence);
      checksum.reset();
      checksum.update(record, 8, record.length - 8);
      frame.putInt(4, (int) checksum.getValue());
      buffers[i] = frame;
      bytes += record.length;
    }
    try {
      long written = 0;
      while (written < bytes) {
        written += channel.write(buffers);
      }
      channel.force(false);
    } catch (IOException e) {
      // Part of a record may be written: nothing more goes after it, or a later record would sit
      // behind a torn one, where reading back stops.
      rollQuietly(e);
      throw e;
    }
    if (channel.size() >= segmentBytes) {
      roll();
    }
    return lastSequence;
  }

  private void roll() throws IOException {
    closed.add(new Segment(current.path(), lastSequence));
    channel.close();
    startSegment();
  }

  private void rollQuietly(IOException failure) {
    try {
      roll();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** Every record up to {@code sequence} is stored: segments holding only such records go. */
  synchronized void stored(long sequence) throws IOException {
    while (!closed.isEmpty() && closed.peekFirst().lastSequence() <= sequence) {
      Files.deleteIfExists(closed.removeFirst().path());
    }
  }

  synchronized long lastSequence() {
    return lastSequence;
  }

  /** Closes the journal; when everything in it is stored, its segments go too. */
  synchronized void close(boolean allStored) throws IOException {
    channel.close();
    if (allStored) {
      stored(lastSequence);
      Files.deleteIfExists(current.path());
    }
  }

  @Override
  public void close() throws IOException {
    close(false);
  }

  private void startSegment() throws IOException {
    Path path = folder.resolve("%s%020d%s".formatted(PREFIX, lastSequence + 1, SUFFIX));
    channel =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    ByteBuffer magic = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, MAGIC);
    channel.write(magic);
    channel.force(false);
    // The new file's name must survive a crash too, or its records would be lost with it.
    try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException e) {
      // Some file systems cannot force a folder; the records themselves are forced.
    }
    current = new Segment(path, lastSequence);
  }

  /** Reads one segment's records, stopping at the first that is cut short or damaged. */
  private static final class SegmentReader {
    private final Path path;
    private final Consumer<JournalCodec.Facts> replay;
    private final CRC32C checksum = new CRC32C();
    long records;
    long dropped;
    long lastSequence;
    @Nullable String damage;

    SegmentReader(Path path, Consumer<JournalCodec.Facts> replay) {
      this.path = path;
      this.replay = replay;
    }

    void read() throws IOException {
      long size = Files.size(path);
      try (InputStream file = Files.newInputStream(path);
          DataInputStream in = new DataInputStream(new BufferedInputStream(file, 1 << 16))) {
        if (size < 4 || Integer.reverseBytes(in.readInt()) != MAGIC) {
          damage = "%s is not a goodhart journal segment; it was skipped".formatted(path);
          dropped = size;
          return;
        }
        long offset = 4;
        while (offset < size) {
          String problem;
          try {
            offset += next(in, size - offset);
            continue;
          } catch (JournalFormatException e) {
            problem = e.getMessage();
          }
          dropped = size - offset;
          // A crash tears at most the last record; damage anywhere else is worth a word.
          if (problem != null && !problem.equals(CUT_SHORT)) {
            damage =
                "%s: %s at byte %,d; the %,d bytes from there were dropped"
                    .formatted(path, problem, offset, dropped);
          }
          return;
        }
      }
    }

    /** Reads and replays the next record; returns its size in the segment. */
    private long next(DataInputStream in, long left) throws IOException {
      if (left < HEADER) {
        throw new JournalFormatException(CUT_SHORT);
      }
      int length = Integer.reverseBytes(in.readInt());
      int expected = Integer.reverseBytes(in.readInt());
      if (length < 0 || length > MAX_RECORD || length > left - HEADER) {
        throw new JournalFormatException(CUT_SHORT);
      }
      byte[] record = new byte[8 + length];
      in.readFully(record);
      checksum.reset();
      checksum.update(record);
      if ((int) checksum.getValue() != expected) {
        throw new JournalFormatException("a record whose checksum does not match");
      }
      long sequence = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
      replay.accept(JournalCodec.decode(record, 8, record.length));
      records++;
      lastSequence = Math.max(lastSequence, sequence);
      return HEADER + length;
    }
  }

  /** The segments now in the journal's folder, oldest first (for tests and the status). */
  List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return new ArrayList<>(files.sorted().toList());
    }
  }
}
