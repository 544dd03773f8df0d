package dev.goodhart.synthetic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A JSON lines file being written (or appended to), counting its bytes. */
final class JsonLinesFile implements AutoCloseable {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Counting counting;
  private final JsonGenerator json;

  private JsonLinesFile(Path file, boolean append) throws IOException {
    Files.createDirectories(file.getParent());
    OutputStream stream =
        append
            ? Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
            : Files.newOutputStream(file);
    this.counting = new Counting(new BufferedOutputStream(stream, 1 << 16));
    this.json = FACTORY.createGenerator(counting, JsonEncoding.UTF8);
  }

  static JsonLinesFile create(Path file) {
    try {
      return new JsonLinesFile(file, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonLinesFile append(Path file) {
    try {
      return new JsonLinesFile(file, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one record with {@code writer} and ends its line. */
  void line(JsonWriter writer) {
    try {
      writer.write(json);
      json.writeRaw('\n');
      json.flush(); // into the counter; the counter does not flush to the disk
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long bytes() {
    return counting.count;
  }

  @Override
  public void close() {
    try {
      json.close();
      counting.out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one JSON value to a string: for JSON that agents embed as a string in a record. */
  static String toJson(JsonWriter writer) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      writer.write(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  @FunctionalInterface
  interface JsonWriter {
    void write(JsonGenerator json) throws IOException;
  }

  private static final class Counting extends OutputStream {
    final OutputStream out;
    long count;

    Counting(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void flush() {
      // Only JsonLinesFile.close flushes to the file.
    }
  }
}
