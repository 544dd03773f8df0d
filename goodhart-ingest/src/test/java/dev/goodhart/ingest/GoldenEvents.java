package dev.goodhart.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Golden files of what a reader finds in a fixture: {@code src/test/resources/golden/<name>.events}
 * holds every event it must emit, then (where the test compares them) every signal, one line each,
 * in order, compared whole, so that a change shows as a diff of the golden file. A line shows every
 * field of the event, so it pins the key, the time, the session, the project and the counts. Lines
 * starting with {@code #} say how the figures were worked out by hand and are not compared.
 *
 * <p>{@code -Dgoodhart.golden.update=true} writes the files anew, keeping each comment before the
 * line of the same key; a rewritten golden file is checked by hand before it is committed.
 */
public final class GoldenEvents {
  private static final Path FOLDER = Path.of("src/test/resources/golden");
  private static final String SEPARATOR = " | ";

  private GoldenEvents() {}

  /** Compares the events alone. */
  public static void assertMatches(String name, List<UsageEvent> events) {
    compare(name, events.stream().map(GoldenEvents::render).toList());
  }

  /** Compares the events, then the signals. */
  public static void assertMatches(
      String name, List<UsageEvent> events, List<SessionSignal> signals) {
    compare(
        name,
        Stream.concat(
                events.stream().map(GoldenEvents::render),
                signals.stream().map(GoldenEvents::render))
            .toList());
  }

  /** One event as a golden line. */
  public static String render(UsageEvent event) {
    TokenCounts tokens = event.tokens();
    return String.join(
        SEPARATOR,
        event.eventKey(),
        event.timestamp().toString(),
        "source=" + event.source(),
        "session=" + event.sessionId(),
        "project=" + event.project(),
        "cwd=" + event.cwd(),
        "branch=" + event.gitBranch(),
        "provider=" + event.provider(),
        "model=" + event.model(),
        "tokens=%d/%d/%d/%d/%d/%d"
            .formatted(
                tokens.input(),
                tokens.output(),
                tokens.cacheRead(),
                tokens.cacheWrite5m(),
                tokens.cacheWrite1h(),
                tokens.reasoning()),
        "cost="
            + (event.reportedCostUsd() == null ? null : event.reportedCostUsd().toPlainString()),
        "group=" + event.dedupGroup(),
        "sidechain=" + event.sidechain());
  }

  /** One signal as a golden line. */
  public static String render(SessionSignal signal) {
    return String.join(
        SEPARATOR,
        "signal " + signal.kind(),
        signal.signalKey(),
        signal.timestamp().toString(),
        "source=" + signal.source(),
        "session=" + signal.sessionId(),
        "file=" + signal.filePath(),
        "lines=" + signal.lines());
  }

  private static void compare(String name, List<String> actual) {
    Path file = FOLDER.resolve(name + ".events");
    try {
      List<String> written =
          Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
      if (Boolean.getBoolean("goodhart.golden.update")) {
        written = withComments(written, actual);
        Files.createDirectories(FOLDER);
        Files.write(file, written, StandardCharsets.UTF_8);
      }
      String expected =
          written.stream()
              .filter(line -> !line.isBlank() && !line.startsWith("#"))
              .collect(Collectors.joining("\n"));
      assertEquals(expected, String.join("\n", actual), "golden file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The new lines, each after the comments that stood before the old line of its key. */
  private static List<String> withComments(List<String> old, List<String> lines) {
    Map<String, List<String>> comments = new HashMap<>();
    List<String> pending = new ArrayList<>();
    for (String line : old) {
      if (line.startsWith("#")) {
        pending.add(line);
      } else if (!line.isBlank()) {
        comments.putIfAbsent(keyOf(line), pending);
        pending = new ArrayList<>();
      }
    }
    List<String> rewritten = new ArrayList<>();
    for (String line : lines) {
      rewritten.addAll(comments.getOrDefault(keyOf(line), List.of()));
      comments.remove(keyOf(line));
      rewritten.add(line);
    }
    rewritten.addAll(pending); // the comments after the last line
    return rewritten;
  }

  /** A line's first two fields: an event's key and time, or a signal's kind and key. */
  private static String keyOf(String line) {
    int first = line.indexOf(SEPARATOR);
    int second = first < 0 ? -1 : line.indexOf(SEPARATOR, first + SEPARATOR.length());
    return second < 0 ? line : line.substring(0, second);
  }
}
