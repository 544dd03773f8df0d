package dev.goodhart.bench;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * What one {@link OtlpLoad} run did, printed as one flat JSON object so a shell script can pick
 * fields out with {@code sed}.
 *
 * @param eventsSent events in the requests sent, each counted once however often it was retried
 * @param eventsAcknowledged events in requests answered 200, less any the answer said it rejected
 * @param eventsRejected events a 200 answer's partial success counted as rejected
 * @param requests requests sent, each counted once
 * @param retries503 answers 503 that were retried after their Retry-After
 * @param errors requests that failed: another status, a connection failure, or 503s past the retry
 *     budget
 */
record LoadSummary(
    OtlpLoadOptions options,
    long eventsSent,
    long eventsAcknowledged,
    long eventsRejected,
    long requests,
    long retries503,
    long errors,
    double wallSeconds,
    Latencies latencies) {
  LoadSummary {
    requireNonNull(options, "options is null");
    requireNonNull(latencies, "latencies is null");
  }

  double eventsPerSecond() {
    return wallSeconds > 0 ? eventsAcknowledged / wallSeconds : 0;
  }

  String toJson() {
    return String.format(
        Locale.ROOT,
        "{\"run\":\"%s\",\"rate\":%d,\"batch\":%d,\"connections\":%d,\"gzip\":%b,"
            + "\"eventsSent\":%d,\"eventsAcknowledged\":%d,\"eventsRejected\":%d,\"requests\":%d,"
            + "\"retries503\":%d,\"errors\":%d,\"wallSeconds\":%.3f,\"eventsPerSecond\":%.0f,"
            + "\"latencyP50Ms\":%.3f,\"latencyP90Ms\":%.3f,\"latencyP99Ms\":%.3f,"
            + "\"latencyMaxMs\":%.3f}",
        options.run(),
        options.rate(),
        options.batch(),
        options.connections(),
        options.gzip(),
        eventsSent,
        eventsAcknowledged,
        eventsRejected,
        requests,
        retries503,
        errors,
        wallSeconds,
        eventsPerSecond(),
        latencies.percentileMillis(50),
        latencies.percentileMillis(90),
        latencies.percentileMillis(99),
        latencies.maxMillis());
  }
}
