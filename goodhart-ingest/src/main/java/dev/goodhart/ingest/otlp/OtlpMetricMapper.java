package dev.goodhart.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.telemetry.MetricPoint;
import dev.goodhart.model.telemetry.MetricPoint.Temporality;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Agents' metric data points into metric points: sums (counters) as their value, histograms
 * (Codex's token histogram, the GenAI conventions' {@code gen_ai.client.token.usage}) as their sum
 * and count. Delta and cumulative points are both kept as sent; the store differences cumulative
 * ones per series. Gauges and summaries are ignored: no agent reports usage as one. A bad point is
 * skipped and reported; mapping never fails a request.
 */
public final class OtlpMetricMapper {
  /** {@code DataPointFlags.FLAG_NO_RECORDED_VALUE}: a staleness marker, not a measurement. */
  private static final int NO_RECORDED_VALUE = 1;

  private final Pseudonyms pseudonyms;

  public OtlpMetricMapper(Pseudonyms pseudonyms) {
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms is null");
  }

  public OtlpMetricBatch map(ExportMetricsServiceRequest request) {
    requireNonNull(request, "request is null");
    Tally tally = new Tally();
    for (int r = 0; r < request.getResourceMetricsCount(); r++) {
      ResourceMetrics resourceMetrics = request.getResourceMetrics(r);
      List<KeyValue> resourceAttributes = resourceMetrics.getResource().getAttributesList();
      Map<String, AnyValue> resource = OtlpAttributes.index(resourceAttributes);
      SeriesKeys.Resource series = SeriesKeys.resource(resourceAttributes);
      String service = OtlpValues.text(resource.get("service.name"));
      for (int s = 0; s < resourceMetrics.getScopeMetricsCount(); s++) {
        ScopeMetrics scopeMetrics = resourceMetrics.getScopeMetrics(s);
        for (int m = 0; m < scopeMetrics.getMetricsCount(); m++) {
          Metric metric = scopeMetrics.getMetrics(m);
          Series at =
              new Series(
                  "resourceMetrics[%d].scopeMetrics[%d].metrics[%d]".formatted(r, s, m),
                  metric.getName(),
                  OtlpSources.of(metric.getName(), service),
                  resource,
                  series,
                  scopeMetrics.getScope().getName());
          metric(metric, at, tally);
        }
      }
    }
    return new OtlpMetricBatch(
        tally.points, tally.dataPoints, tally.ignored, tally.skipped, tally.problems);
  }

  /** What every point of one metric shares. */
  private record Series(
      String location,
      String metric,
      String source,
      Map<String, AnyValue> resource,
      SeriesKeys.Resource resourceKey,
      String scope) {}

  private void metric(Metric metric, Series at, Tally tally) {
    switch (metric.getDataCase()) {
      case SUM -> {
        List<NumberDataPoint> points = metric.getSum().getDataPointsList();
        Temporality temporality = temporality(metric.getSum().getAggregationTemporality());
        for (int i = 0; i < points.size(); i++) {
          NumberDataPoint point = points.get(i);
          String where = at.location() + ".sum.dataPoints[" + i + "]";
          tally.dataPoints++;
          try {
            if ((point.getFlags() & NO_RECORDED_VALUE) != 0) {
              tally.ignored++;
              continue;
            }
            double value =
                switch (point.getValueCase()) {
                  case AS_INT -> point.getAsInt();
                  case AS_DOUBLE -> finite(point.getAsDouble(), "asDouble");
                  default -> throw new BadRecordException("it has no value (asInt or asDouble)");
                };
            tally.points.add(
                point(
                    at,
                    temporality,
                    point.getAttributesList(),
                    point.getStartTimeUnixNano(),
                    point.getTimeUnixNano(),
                    value,
                    0));
          } catch (BadRecordException e) {
            tally.skip(where, at.metric(), e.getMessage());
          } catch (RuntimeException e) {
            tally.skip(where, at.metric(), "it could not be mapped, a goodhart bug: " + e);
          }
        }
      }
      case HISTOGRAM -> {
        List<HistogramDataPoint> points = metric.getHistogram().getDataPointsList();
        Temporality temporality = temporality(metric.getHistogram().getAggregationTemporality());
        for (int i = 0; i < points.size(); i++) {
          HistogramDataPoint point = points.get(i);
          histogram(
              at,
              at.location() + ".histogram.dataPoints[" + i + "]",
              temporality,
              point.getFlags(),
              point.hasSum() ? point.getSum() : null,
              point.getCount(),
              point.getAttributesList(),
              point.getStartTimeUnixNano(),
              point.getTimeUnixNano(),
              tally);
        }
      }
      case EXPONENTIAL_HISTOGRAM -> {
        List<ExponentialHistogramDataPoint> points =
            metric.getExponentialHistogram().getDataPointsList();
        Temporality temporality =
            temporality(metric.getExponentialHistogram().getAggregationTemporality());
        for (int i = 0; i < points.size(); i++) {
          ExponentialHistogramDataPoint point = points.get(i);
          histogram(
              at,
              at.location() + ".exponentialHistogram.dataPoints[" + i + "]",
              temporality,
              point.getFlags(),
              point.hasSum() ? point.getSum() : null,
              point.getCount(),
              point.getAttributesList(),
              point.getStartTimeUnixNano(),
              point.getTimeUnixNano(),
              tally);
        }
      }
      case GAUGE -> {
        tally.dataPoints += metric.getGauge().getDataPointsCount();
        tally.ignored += metric.getGauge().getDataPointsCount();
      }
      case SUMMARY -> {
        tally.dataPoints += metric.getSummary().getDataPointsCount();
        tally.ignored += metric.getSummary().getDataPointsCount();
      }
      default -> {} // a metric without data has no points to account for
    }
  }

  private void histogram(
      Series at,
      String where,
      @Nullable Temporality temporality,
      int flags,
      @Nullable Double sum,
      long count,
      List<KeyValue> attributes,
      long start,
      long time,
      Tally tally) {
    tally.dataPoints++;
    try {
      if ((flags & NO_RECORDED_VALUE) != 0) {
        tally.ignored++;
        return;
      }
      if (sum == null) {
        throw new BadRecordException(
            "a histogram point without 'sum' has no total to keep (its exporter records"
                + " negative values)");
      }
      if (count < 0) {
        throw new BadRecordException(
            "its count is implausibly large: '%s'".formatted(Long.toUnsignedString(count)));
      }
      tally.points.add(point(at, temporality, attributes, start, time, finite(sum, "sum"), count));
    } catch (BadRecordException e) {
      tally.skip(where, at.metric(), e.getMessage());
    } catch (RuntimeException e) {
      tally.skip(where, at.metric(), "it could not be mapped, a goodhart bug: " + e);
    }
  }

  private static @Nullable Temporality temporality(AggregationTemporality temporality) {
    return switch (temporality) {
      case AGGREGATION_TEMPORALITY_DELTA -> Temporality.DELTA;
      case AGGREGATION_TEMPORALITY_CUMULATIVE -> Temporality.CUMULATIVE;
      default -> null;
    };
  }

  private MetricPoint point(
      Series at,
      @Nullable Temporality temporality,
      List<KeyValue> attributes,
      long start,
      long time,
      double value,
      long count)
      throws BadRecordException {
    if (temporality == null) {
      throw new BadRecordException(
          "its 'aggregationTemporality' is unspecified, so delta and cumulative cannot be told"
              + " apart; an exporter sends 1 (delta) or 2 (cumulative)");
    }
    if (time == 0) {
      throw new BadRecordException("it has no 'timeUnixNano'");
    }
    OtlpAttributes lookup = OtlpAttributes.of(attributes, at.resource());
    String person = OtlpIdentity.person(lookup);
    String type = lookup.ownText("type");
    if (type == null) {
      type = lookup.ownText("token_type");
    }
    if (type == null) {
      type = lookup.ownText("gen_ai.token.type");
    }
    return new MetricPoint(
        at.source(),
        at.metric(),
        SeriesKeys.of(at.resourceKey(), at.scope(), at.metric(), attributes),
        start == 0 ? null : OtlpValues.instant(start, "startTimeUnixNano"),
        OtlpValues.instant(time, "timeUnixNano"),
        temporality,
        value,
        count,
        lookup.text("session.id", "conversation.id"),
        person != null ? pseudonyms.of(person) : null,
        lookup.text("model", "gen_ai.request.model"),
        type,
        SeriesKeys.contentFreeJson(attributes));
  }

  private static double finite(double value, String field) throws BadRecordException {
    if (!Double.isFinite(value)) {
      throw new BadRecordException("its '%s' is not a finite number: '%s'".formatted(field, value));
    }
    return value;
  }

  /** The batch as it grows. */
  private static final class Tally {
    final List<MetricPoint> points = new ArrayList<>();
    final List<OtlpProblem> problems = new ArrayList<>();
    int dataPoints;
    int ignored;
    int skipped;

    void skip(String where, String metric, String reason) {
      skipped++;
      if (problems.size() < OtlpLogBatch.MAX_PROBLEMS) {
        problems.add(
            new OtlpProblem(
                where,
                "point of metric '" + OtlpValues.abbreviate(metric) + "' skipped: " + reason));
      }
    }
  }
}
