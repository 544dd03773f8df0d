package dev.goodhart.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import java.util.List;

/**
 * What one logs request held: the facts its records became, and an account of every record. Each
 * record counts once: it became facts (one or more), or it was ignored, or it was skipped as bad.
 *
 * @param events the usage events, in the request's order
 * @param signals the session signals, in the request's order
 * @param records the log records the request held
 * @param ignored records understood but holding no usage or signal (tool decisions, API errors,
 *     configuration, streaming events, other services' logs)
 * @param skipped bad records: skipped, each with a problem
 * @param problems why the bad records were skipped; at most {@link #MAX_PROBLEMS}, the first ones
 */
public record OtlpLogBatch(
    List<UsageEvent> events,
    List<SessionSignal> signals,
    int records,
    int ignored,
    int skipped,
    List<OtlpProblem> problems) {

  /** A request of garbage can hold millions of bad records; the first ones tell what is wrong. */
  public static final int MAX_PROBLEMS = 100;

  public OtlpLogBatch {
    events = List.copyOf(requireNonNull(events, "events is null"));
    signals = List.copyOf(requireNonNull(signals, "signals is null"));
    problems = List.copyOf(requireNonNull(problems, "problems is null"));
    if (records < 0 || ignored < 0 || skipped < 0 || ignored + skipped > records) {
      throw new IllegalArgumentException(
          "inconsistent counts: records=%d ignored=%d skipped=%d"
              .formatted(records, ignored, skipped));
    }
  }

  /** The records that became facts. */
  public int mapped() {
    return records - ignored - skipped;
  }
}
