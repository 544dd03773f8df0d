package dev.goodhart.store;

import dev.goodhart.model.telemetry.MetricDaily;
import dev.goodhart.model.telemetry.MetricPoint;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Agents' OpenTelemetry metrics. Points are stored as increments: a cumulative point is turned into
 * the difference from the series' previous point (a new start time or a smaller value is a reset,
 * whose value is all new); a point already stored (an exporter's retry) is not stored again, and
 * neither is a cumulative point older than the series' latest.
 */
public interface TelemetryStore {
  /** Stores the points in one transaction; returns how many were new. */
  int recordMetrics(List<MetricPoint> points);

  /** Increments summed per UTC day, source, metric, type, model and person. */
  List<MetricDaily> metricsByDay(@Nullable Instant from, @Nullable Instant until);
}
