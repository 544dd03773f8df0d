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
import java.util.List;

/**
 * A fixture's expected events and signals as a text file of one line each ({@code
 * src/test/resources/golden/NAME.txt}), compared whole, so that a change in what a reader finds
 * shows as a diff of the golden file. {@code -Dgoodhart.golden.update=true} writes the files anew;
 * a rewritten golden file is checked by hand before it is committed.
 */
public final class GoldenEvents {
  private static final Path FOLDER = Path.of("src/test/resources/golden");

  private GoldenEvents() {}

  public static void assertMatches(
      String name, List<UsageEvent> events, List<SessionSignal> signals) {
    String actual = format(events, signals);
    Path file = FOLDER.resolve(name + ".txt");
    try {
      if (Boolean.getBoolean("goodhart.golden.update")) {
        Files.createDirectories(FOLDER);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      String expected =
          Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no file)";
      assertEquals(expected, actual, "golden file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String format(List<UsageEvent> events, List<SessionSignal> signals) {
    StringBuilder text = new StringBuilder();
    for (UsageEvent event : events) {
      TokenCounts tokens = event.tokens();
      text.append(event.timestamp())
          .append(' ')
          .append(event.source())
          .append(' ')
          .append(event.eventKey())
          .append(" session=")
          .append(event.sessionId())
          .append(" model=")
          .append(event.model())
          .append(" provider=")
          .append(event.provider())
          .append(" input=")
          .append(tokens.input())
          .append(" output=")
          .append(tokens.output())
          .append(" cacheRead=")
          .append(tokens.cacheRead())
          .append(" cacheWrite=")
          .append(tokens.cacheWrite5m())
          .append(" reasoning=")
          .append(tokens.reasoning())
          .append(" cost=")
          .append(event.reportedCostUsd() == null ? "-" : event.reportedCostUsd().toPlainString())
          .append(" project=")
          .append(event.project())
          .append(" cwd=")
          .append(event.cwd())
          .append(" branch=")
          .append(event.gitBranch())
          .append('\n');
    }
    for (SessionSignal signal : signals) {
      text.append(signal.timestamp())
          .append(' ')
          .append(signal.source())
          .append(" signal ")
          .append(signal.kind())
          .append(' ')
          .append(signal.signalKey())
          .append(" session=")
          .append(signal.sessionId())
          .append(" file=")
          .append(signal.filePath())
          .append(" lines=")
          .append(signal.lines())
          .append('\n');
    }
    return text.toString();
  }
}
