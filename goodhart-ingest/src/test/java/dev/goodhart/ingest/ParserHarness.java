package dev.goodhart.ingest;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds lines or documents to a source's parser the way the importer does, and collects what comes
 * out.
 */
public final class ParserHarness {
  private final UsageSource source;
  private final LogFile file;

  public ParserHarness(UsageSource source, String relativePath) {
    this.source = source;
    Path root = Path.of("/logs");
    Path path = root.resolve(relativePath);
    this.file =
        new LogFile(
            source.name(), root, path, "machine-1", source.project(root, path), relativePath);
  }

  public LogFile file() {
    return file;
  }

  /** Parses each line of {@code text} with one parser; a bad line fails the call. */
  public List<UsageEvent> lines(String text) throws BadRecordException {
    return lines(text, "");
  }

  public List<UsageEvent> lines(String text, String state) throws BadRecordException {
    RecordParser parser = source.newParser(file, state);
    List<UsageEvent> events = new ArrayList<>();
    long number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > 0) {
        parser.parse(bytes, 0, bytes.length, number, events::add);
      }
    }
    lastState = parser.state();
    return events;
  }

  /** The session signals the lines of {@code text} give, in order. */
  public List<SessionSignal> signals(String text) throws BadRecordException {
    return signals(text, "");
  }

  /**
   * The session signals the lines of {@code text} give to a parser resumed from {@code state}; its
   * state afterwards is {@link #lastState}.
   */
  public List<SessionSignal> signals(String text, String state) throws BadRecordException {
    RecordParser parser = source.newParser(file, state);
    List<SessionSignal> signals = new ArrayList<>();
    RecordSink sink =
        new RecordSink() {
          @Override
          public void accept(UsageEvent event) {}

          @Override
          public void signal(SessionSignal signal) {
            signals.add(signal);
          }
        };
    long number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > 0) {
        parser.parse(bytes, 0, bytes.length, number, sink);
      }
    }
    lastState = parser.state();
    return signals;
  }

  private String lastState = "";

  /** The parser's state after the last {@link #lines} or {@link #signals} call. */
  public String lastState() {
    return lastState;
  }

  public List<UsageEvent> document(String text) throws BadRecordException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<UsageEvent> events = new ArrayList<>();
    source.newParser(file, "").parse(bytes, 0, bytes.length, 1, events::add);
    return events;
  }

  /** One of the format specification's sample files (src/test/resources/samples). */
  public static String sample(String name) {
    return resource("/samples/" + name);
  }

  /** A test resource's text. */
  public static String resource(String name) {
    try (InputStream in = ParserHarness.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
