package dev.goodhart.ingest.otlp;

import static java.util.Objects.requireNonNull;

/**
 * A record or data point that was skipped, where it is in the request and why.
 *
 * @param location its path in the request, such as {@code
 *     resourceLogs[0].scopeLogs[1].logRecords[3]}
 * @param reason what is wrong with it, quoting the offending value
 */
public record OtlpProblem(String location, String reason) {
  public OtlpProblem {
    requireNonNull(location, "location is null");
    requireNonNull(reason, "reason is null");
  }

  /** {@code location: reason}. */
  public String message() {
    return location + ": " + reason;
  }
}
