package dev.goodhart.synthetic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Every request the generator wrote that a correct reader counts, once, however many copies of it
 * the logs hold (content blocks, sidechain replays, archived rollouts, repeated token counts).
 */
public final class GroundTruth {
  /** One counted request. {@code source} is goodhart's name of the agent: claude or codex. */
  public record Request(
      String source, Instant at, String sessionId, String model, boolean fast, Tally tokens) {}

  private final List<Request> requests = new ArrayList<>();

  void add(Request request) {
    requests.add(request);
  }

  void addAll(GroundTruth other) {
    requests.addAll(other.requests);
  }

  public List<Request> requests() {
    return Collections.unmodifiableList(requests);
  }

  /**
   * Tokens per day in {@code zone}, for the requests of {@code source} (every source when null).
   */
  public Map<LocalDate, Tally> daily(ZoneId zone, @Nullable String source) {
    Map<LocalDate, Tally> days = new TreeMap<>();
    for (Request request : requests) {
      if (source == null || request.source().equals(source)) {
        days.merge(LocalDate.ofInstant(request.at(), zone), request.tokens(), Tally::plus);
      }
    }
    return days;
  }

  public Tally total(@Nullable String source) {
    Tally sum = Tally.ZERO;
    for (Request request : requests) {
      if (source == null || request.source().equals(source)) {
        sum = sum.plus(request.tokens());
      }
    }
    return sum;
  }
}
