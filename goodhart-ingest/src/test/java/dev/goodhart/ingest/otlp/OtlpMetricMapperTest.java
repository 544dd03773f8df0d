package dev.goodhart.ingest.otlp;

import static dev.goodhart.ingest.otlp.Otlp.PSEUDONYMS;
import static dev.goodhart.ingest.otlp.Otlp.bytes;
import static dev.goodhart.ingest.otlp.Otlp.kv;
import static dev.goodhart.ingest.otlp.Otlp.kvList;
import static dev.goodhart.ingest.otlp.Otlp.metrics;
import static dev.goodhart.ingest.otlp.Otlp.resource;
import static dev.goodhart.ingest.otlp.Otlp.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.goodhart.model.telemetry.MetricPoint;
import dev.goodhart.model.telemetry.MetricPoint.Temporality;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metric data points into metric points: sums, histograms, series keys, identity. */
class OtlpMetricMapperTest {
  private static final long T0 = 1_787_650_000_000_000_000L;
  private static final long T1 = 1_787_650_060_000_000_000L;
  private static final String SESSION = "6b0f3c2e-9d1a-4f5e-8c77-2a1d4e9b0c11";

  final OtlpMetricMapper mapper = new OtlpMetricMapper(PSEUDONYMS);

  @Test
  void mapsTheExampleOfFormatsMd() throws OtlpFormatException {
    OtlpMetricBatch batch =
        mapper.map(OtlpDecoder.decodeMetrics(bytes(OtlpSamples.CLAUDE_METRICS), OtlpEncoding.JSON));

    assertEquals(3, batch.dataPoints());
    assertEquals(0, batch.skipped(), () -> batch.problems().toString());
    MetricPoint tokens = batch.points().get(0);
    assertEquals("claude", tokens.source());
    assertEquals("claude_code.token.usage", tokens.metric());
    assertEquals(Instant.ofEpochSecond(1_787_650_000L), tokens.start());
    assertEquals(Instant.ofEpochSecond(1_787_650_060L), tokens.time());
    assertEquals(Temporality.DELTA, tokens.temporality());
    assertEquals(18432.0, tokens.value());
    assertEquals(0, tokens.count());
    assertEquals(SESSION, tokens.sessionId());
    assertEquals(PSEUDONYMS.of("dev@example.com"), tokens.personId());
    assertEquals("claude-sonnet-5", tokens.model());
    assertEquals("cacheRead", tokens.type());
    // Sorted, and without the e-mail address, the account and the organisation.
    assertEquals(
        "{\"model\":\"claude-sonnet-5\",\"query_source\":\"main\",\"session.id\":\""
            + SESSION
            + "\","
            + "\"team.id\":\"platform\",\"terminal.type\":\"vscode\",\"type\":\"cacheRead\"}",
        tokens.attributes());

    MetricPoint cost = batch.points().get(1);
    assertEquals("claude_code.cost.usage", cost.metric());
    assertEquals(0.0412, cost.value());
    assertNull(cost.personId(), "this point names no person");
    assertNull(cost.type());

    MetricPoint commits = batch.points().get(2);
    assertNull(commits.start(), "no startTimeUnixNano");
    assertEquals(1.0, commits.value());
  }

  @Test
  void pointsOfOneSeriesShareTheirKeyAndAnyDifferenceMakesAnother() {
    List<KeyValue> attributes = List.of(kv("type", "input"), kv("model", "gemini-3-pro"));
    String key = keyOf(service("gemini-cli"), "s", "gemini_cli.token.usage", attributes, 5);

    assertEquals(
        key, keyOf(service("gemini-cli"), "s", "gemini_cli.token.usage", attributes, 9), "value");
    assertEquals(
        key,
        keyOf(service("gemini-cli"), "s", "gemini_cli.token.usage", attributes.reversed(), 5),
        "order");
    assertNotEquals(
        key,
        keyOf(
            service("gemini-cli"),
            "s",
            "gemini_cli.token.usage",
            List.of(kv("type", "output"), kv("model", "gemini-3-pro")),
            5));
    assertNotEquals(
        key,
        keyOf(
            resource(kv("service.name", "gemini-cli"), kv("host.arch", "arm64")),
            "s",
            "gemini_cli.token.usage",
            attributes,
            5));
    assertNotEquals(
        key, keyOf(service("gemini-cli"), "t", "gemini_cli.token.usage", attributes, 5));
    assertNotEquals(
        key, keyOf(service("gemini-cli"), "s", "gemini_cli.lines.changed", attributes, 5));
    assertNotEquals(
        key,
        keyOf(
            service("gemini-cli"), "s", "gemini_cli.token.usage", List.of(kv("type", "input")), 5));
  }

  @Test
  void keepsCumulativeAndDeltaAsSentAndReadsIntsAndDoubles() {
    OtlpMetricBatch batch =
        mapper.map(
            metrics(
                service("gemini-cli"),
                sum(
                    "gemini_cli.token.usage",
                    AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                    NumberDataPoint.newBuilder()
                        .setStartTimeUnixNano(T0)
                        .setTimeUnixNano(T1)
                        .setAsInt(48213)
                        .addAttributes(kv("type", "input"))
                        .addAttributes(kv("session.id", "5f1c"))
                        .addAttributes(kv("installation.id", "a7e2"))
                        .build()),
                sum(
                    "claude_code.lines_of_code.count",
                    AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
                    NumberDataPoint.newBuilder().setTimeUnixNano(T1).setAsDouble(12.5).build())));
    MetricPoint cumulative = batch.points().get(0);
    assertEquals("gemini", cumulative.source());
    assertEquals(Temporality.CUMULATIVE, cumulative.temporality());
    assertEquals(48213.0, cumulative.value());
    assertEquals("5f1c", cumulative.sessionId());
    assertEquals("{\"session.id\":\"5f1c\",\"type\":\"input\"}", cumulative.attributes());
    MetricPoint delta = batch.points().get(1);
    assertEquals("claude", delta.source(), "from the name, whatever the service");
    assertEquals(Temporality.DELTA, delta.temporality());
    assertEquals(12.5, delta.value());
  }

  @Test
  void aHistogramIsItsSumAndCount() {
    OtlpMetricBatch batch =
        mapper.map(
            metrics(
                resource(
                    kv("service.name", "codex_cli_rs"),
                    kv("user.email", "dev@example.com"),
                    kv("conversation.id", "c-1")),
                histogram(
                    "codex.turn.token_usage",
                    HistogramDataPoint.newBuilder()
                        .setTimeUnixNano(T1)
                        .setSum(1200)
                        .setCount(3)
                        .addAttributes(kv("token_type", "input"))
                        .addAttributes(kv("model", "gpt-5.3-codex"))
                        .build(),
                    HistogramDataPoint.newBuilder().setTimeUnixNano(T1).setCount(3).build()),
                Metric.newBuilder()
                    .setName("gen_ai.client.token.usage")
                    .setExponentialHistogram(
                        ExponentialHistogram.newBuilder()
                            .setAggregationTemporality(
                                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                            .addDataPoints(
                                ExponentialHistogramDataPoint.newBuilder()
                                    .setTimeUnixNano(T1)
                                    .setSum(911)
                                    .setCount(1)
                                    .addAttributes(kv("gen_ai.token.type", "output"))
                                    .addAttributes(kv("gen_ai.request.model", "o4"))))
                    .build()));

    assertEquals(3, batch.dataPoints());
    MetricPoint tokens = batch.points().get(0);
    assertEquals("codex", tokens.source());
    assertEquals(1200.0, tokens.value());
    assertEquals(3, tokens.count());
    assertEquals("input", tokens.type());
    assertEquals("gpt-5.3-codex", tokens.model());
    assertEquals("c-1", tokens.sessionId(), "from the resource");
    assertEquals(PSEUDONYMS.of("dev@example.com"), tokens.personId(), "from the resource");
    assertEquals(
        "resourceMetrics[0].scopeMetrics[0].metrics[0].histogram.dataPoints[1]: point of metric"
            + " 'codex.turn.token_usage' skipped: a histogram point without 'sum' has no total to"
            + " keep (its exporter records negative values)",
        batch.problems().getFirst().message());
    MetricPoint semantic = batch.points().get(1);
    assertEquals("codex", semantic.source(), "the service's agent");
    assertEquals(Temporality.CUMULATIVE, semantic.temporality());
    assertEquals(911.0, semantic.value());
    assertEquals("output", semantic.type());
    assertEquals("o4", semantic.model());
  }

  @Test
  void ignoresGaugesSummariesAndPointsWithoutARecordedValue() {
    OtlpMetricBatch batch =
        mapper.map(
            metrics(
                service("claude-code"),
                Metric.newBuilder()
                    .setName("process.memory")
                    .setGauge(
                        Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setAsInt(1)))
                    .build(),
                Metric.newBuilder()
                    .setName("latency")
                    .setSummary(Summary.newBuilder().addDataPoints(SummaryDataPoint.newBuilder()))
                    .build(),
                sum(
                    "claude_code.cost.usage",
                    AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
                    NumberDataPoint.newBuilder().setTimeUnixNano(T1).setFlags(1).build()),
                Metric.newBuilder().setName("empty").build()));
    assertEquals(3, batch.dataPoints());
    assertEquals(3, batch.ignored());
    assertEquals(List.of(), batch.points());
  }

  @Test
  void badPointsAreSkippedWithWhereAndWhy() {
    OtlpMetricBatch batch =
        mapper.map(
            metrics(
                service("claude-code"),
                sum(
                    "claude_code.token.usage",
                    AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED,
                    NumberDataPoint.newBuilder().setTimeUnixNano(T1).setAsInt(1).build()),
                sum(
                    "claude_code.token.usage",
                    AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
                    NumberDataPoint.newBuilder().setTimeUnixNano(T1).build(),
                    NumberDataPoint.newBuilder().setAsInt(1).build(),
                    NumberDataPoint.newBuilder()
                        .setTimeUnixNano(T1)
                        .setAsDouble(Double.NaN)
                        .build(),
                    NumberDataPoint.newBuilder().setTimeUnixNano(T1).setAsInt(-3).build())));
    assertEquals(5, batch.dataPoints());
    assertEquals(4, batch.skipped());
    assertEquals(-3.0, batch.points().getFirst().value(), "an up-down counter may fall");
    assertEquals(
        List.of(
            "resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[0]: point of metric"
                + " 'claude_code.token.usage' skipped: its 'aggregationTemporality' is unspecified,"
                + " so delta and cumulative cannot be told apart; an exporter sends 1 (delta) or 2"
                + " (cumulative)",
            "resourceMetrics[0].scopeMetrics[0].metrics[1].sum.dataPoints[0]: point of metric"
                + " 'claude_code.token.usage' skipped: it has no value (asInt or asDouble)",
            "resourceMetrics[0].scopeMetrics[0].metrics[1].sum.dataPoints[1]: point of metric"
                + " 'claude_code.token.usage' skipped: it has no 'timeUnixNano'",
            "resourceMetrics[0].scopeMetrics[0].metrics[1].sum.dataPoints[2]: point of metric"
                + " 'claude_code.token.usage' skipped: its 'asDouble' is not a finite number: 'NaN'"),
        batch.problems().stream().map(OtlpProblem::message).toList());
  }

  @Test
  void theSourceOfAnotherServiceIsItsName() {
    NumberDataPoint point = NumberDataPoint.newBuilder().setTimeUnixNano(T1).setAsInt(1).build();
    Metric metric = sum("requests", AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, point);
    assertEquals(
        "my-agent", mapper.map(metrics(service("my-agent"), metric)).points().getFirst().source());
    assertEquals("otlp", mapper.map(metrics(resource(), metric)).points().getFirst().source());
  }

  @Test
  void writesNestedAttributesWithSortedKeys() {
    NumberDataPoint point =
        NumberDataPoint.newBuilder()
            .setTimeUnixNano(T1)
            .setAsInt(1)
            .addAttributes(kvList("agent", kv("z", 1L), kv("a", "x")))
            .addAttributes(kv("enduser.id", "ann@example.com"))
            .addAttributes(kv("ratio", 0.5))
            .build();
    MetricPoint mapped =
        mapper
            .map(
                metrics(
                    service("claude-code"),
                    sum("m", AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, point)))
            .points()
            .getFirst();
    assertEquals("{\"agent\":{\"a\":\"x\",\"z\":1},\"ratio\":0.5}", mapped.attributes());
    assertEquals(PSEUDONYMS.of("ann@example.com"), mapped.personId());
  }

  private String keyOf(
      Resource resource, String scope, String name, List<KeyValue> attributes, long value) {
    Metric metric =
        sum(
            name,
            AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
            NumberDataPoint.newBuilder()
                .setTimeUnixNano(T1 + value)
                .setAsInt(value)
                .addAllAttributes(attributes)
                .build());
    ExportMetricsServiceRequest request = metrics(resource, metric);
    request =
        request.toBuilder()
            .setResourceMetrics(
                0,
                request.getResourceMetrics(0).toBuilder()
                    .setScopeMetrics(
                        0,
                        request.getResourceMetrics(0).getScopeMetrics(0).toBuilder()
                            .setScope(InstrumentationScope.newBuilder().setName(scope))))
            .build();
    return mapper.map(request).points().getFirst().seriesKey();
  }

  private static Metric sum(
      String name, AggregationTemporality temporality, NumberDataPoint... points) {
    return Metric.newBuilder()
        .setName(name)
        .setSum(
            Sum.newBuilder()
                .setAggregationTemporality(temporality)
                .setIsMonotonic(true)
                .addAllDataPoints(List.of(points)))
        .build();
  }

  private static Metric histogram(String name, HistogramDataPoint... points) {
    return Metric.newBuilder()
        .setName(name)
        .setHistogram(
            Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addAllDataPoints(List.of(points)))
        .build();
  }
}
