package dev.goodhart.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.telemetry.MetricPoint;
import java.util.List;

/**
 * What one metrics request held: its data points as metric points, and an account of every data
 * point. Each data point counts once: it became a metric point, or it was ignored, or skipped.
 *
 * @param points the metric points, in the request's order
 * @param dataPoints the data points the request held, of every kind of metric
 * @param ignored data points understood but not kept: gauges, summaries, points flagged as having
 *     no recorded value
 * @param skipped bad data points: skipped, each with a problem
 * @param problems why the bad points were skipped; at most {@link OtlpLogBatch#MAX_PROBLEMS}
 */
public record OtlpMetricBatch(
    List<MetricPoint> points,
    int dataPoints,
    int ignored,
    int skipped,
    List<OtlpProblem> problems) {

  public OtlpMetricBatch {
    points = List.copyOf(requireNonNull(points, "points is null"));
    problems = List.copyOf(requireNonNull(problems, "problems is null"));
    if (dataPoints < 0
        || ignored < 0
        || skipped < 0
        || points.size() + ignored + skipped != dataPoints) {
      throw new IllegalArgumentException(
          "inconsistent counts: dataPoints=%d points=%d ignored=%d skipped=%d"
              .formatted(dataPoints, points.size(), ignored, skipped));
    }
  }
}
