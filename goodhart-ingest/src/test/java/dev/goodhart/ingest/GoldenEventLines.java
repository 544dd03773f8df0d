package dev.goodhart.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Golden files of parsed events: {@code src/test/resources/golden/<name>.events} holds, for one
 * fixture, every event its parser must emit, one line each, in order. Lines starting with {@code #}
 * say how the figures were worked out by hand and are not compared. A line shows every field of the
 * event, so a golden file pins the key, the time, the session, the project and the counts.
 */
public final class GoldenEventLines {
  private GoldenEventLines() {}

  public static void assertMatches(String golden, List<UsageEvent> events) {
    String expected =
        ParserHarness.resource("/golden/" + golden + ".events")
            .lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .collect(Collectors.joining("\n"));
    String actual = events.stream().map(GoldenEventLines::render).collect(Collectors.joining("\n"));
    assertEquals(expected, actual, "events of golden file " + golden);
  }

  /** One event as a golden line. */
  public static String render(UsageEvent event) {
    TokenCounts tokens = event.tokens();
    return String.join(
        " | ",
        event.eventKey(),
        event.timestamp().toString(),
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
}
