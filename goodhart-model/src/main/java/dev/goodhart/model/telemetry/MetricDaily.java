package dev.goodhart.model.telemetry;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The increments of one metric summed over a UTC day, per person, model and type: what dashboards
 * group further (by team, by week) without reading every point.
 *
 * @param sessions the distinct sessions that sent points of it that day
 */
public record MetricDaily(
    String source,
    String metric,
    @Nullable String type,
    @Nullable String model,
    @Nullable String personId,
    LocalDate day,
    double value,
    long points,
    long sessions) {
  public MetricDaily {
    requireNonNull(source, "source is null");
    requireNonNull(metric, "metric is null");
    requireNonNull(day, "day is null");
  }
}
