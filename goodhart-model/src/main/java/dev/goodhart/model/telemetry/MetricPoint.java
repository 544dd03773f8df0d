package dev.goodhart.model.telemetry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One data point of an agent's OpenTelemetry metric (a counter's sum or a histogram's sum), as the
 * exporter sent it. The store turns cumulative points into increments by differencing per series,
 * so every stored figure is a delta however the exporter was configured.
 *
 * @param source the agent: {@code claude}, {@code codex}, {@code gemini}, else the resource's
 *     {@code service.name}
 * @param metric the metric's name as sent ({@code claude_code.cost.usage})
 * @param seriesKey the series' identity: a hash of the resource, the scope, the metric name and
 *     every attribute of the point; two points of one series differ only in time and value
 * @param start the start of the point's interval (for cumulative points, the series' start: a new
 *     start means the counter was reset); null when the exporter sent none
 * @param value a sum's value, or a histogram's sum
 * @param count a histogram's count of measurements; 0 for sums
 * @param sessionId the agent session the point belongs to ({@code session.id}, Codex's {@code
 *     conversation.id}), if the exporter attached one
 * @param personId the pseudonym of the person ({@code user.email} or {@code enduser.id}), if known
 * @param type the point's {@code type} (Claude Code, Gemini) or {@code token_type} (Codex)
 *     attribute
 * @param attributes the point's attributes as a JSON object, content-free (no prompt or code text)
 */
public record MetricPoint(
    String source,
    String metric,
    String seriesKey,
    @Nullable Instant start,
    Instant time,
    Temporality temporality,
    double value,
    long count,
    @Nullable String sessionId,
    @Nullable String personId,
    @Nullable String model,
    @Nullable String type,
    String attributes) {

  /** How a point's value relates to the series: an increment, or a running total. */
  public enum Temporality {
    DELTA,
    CUMULATIVE
  }

  public MetricPoint {
    requireNonNull(source, "source is null");
    requireNonNull(metric, "metric is null");
    requireNonNull(seriesKey, "seriesKey is null");
    requireNonNull(time, "time is null");
    requireNonNull(temporality, "temporality is null");
    requireNonNull(attributes, "attributes is null");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a metric value must be finite: " + value);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
  }
}
