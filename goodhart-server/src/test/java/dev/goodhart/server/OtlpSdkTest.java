package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.access.Scope;
import dev.goodhart.model.telemetry.MetricDaily;
import dev.goodhart.store.UsageAggregate;
import dev.goodhart.store.UsageFilter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real OpenTelemetry Java SDK as the client, configured only by OTEL_* settings as an agent is
 * (protocol, endpoint, headers, compression, temporality): what it exports is what goodhart stores.
 */
class OtlpSdkTest {
  private static final String[] PEOPLE = {
    "ana@example.com", "ben@example.com", "cy@example.com", "dee@example.com", "eli@example.com"
  };

  @TempDir Path folder;
  RunningServer running;

  @BeforeEach
  void start() {
    running = new RunningServer(folder);
  }

  @AfterEach
  void stop() {
    running.close();
  }

  private OpenTelemetrySdk agent(
      String protocol, String compression, String temporality, String token)
      throws ReflectiveOperationException {
    if (protocol.equals("http/json")) {
      return jsonAgent(compression, temporality, token);
    }
    Map<String, String> settings = new HashMap<>();
    settings.put("otel.exporter.otlp.protocol", protocol);
    settings.put("otel.exporter.otlp.endpoint", running.url(""));
    settings.put("otel.exporter.otlp.headers", "Authorization=Bearer " + token);
    settings.put("otel.exporter.otlp.compression", compression);
    settings.put("otel.exporter.otlp.metrics.temporality.preference", temporality);
    settings.put("otel.service.name", "claude-code");
    settings.put("otel.logs.exporter", "otlp");
    settings.put("otel.metrics.exporter", "otlp");
    settings.put("otel.traces.exporter", "none");
    settings.put("otel.metric.export.interval", "3600000");
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> settings)
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  /**
   * The SDK's autoconfiguration offers only protobuf over HTTP; its exporters can send OTLP/JSON,
   * through a builder switch that is not public yet (as Claude Code's JavaScript SDK does).
   */
  private OpenTelemetrySdk jsonAgent(String compression, String temporality, String token)
      throws ReflectiveOperationException {
    OtlpHttpLogRecordExporterBuilder logs =
        OtlpHttpLogRecordExporter.builder()
            .setEndpoint(running.url("/v1/logs"))
            .addHeader("Authorization", "Bearer " + token)
            .setCompression(compression);
    Field delegate = OtlpHttpLogRecordExporterBuilder.class.getDeclaredField("delegate");
    delegate.setAccessible(true);
    ((HttpExporterBuilder) delegate.get(logs)).exportAsJson();
    OtlpHttpMetricExporterBuilder metrics =
        OtlpHttpMetricExporter.builder()
            .setEndpoint(running.url("/v1/metrics"))
            .addHeader("Authorization", "Bearer " + token)
            .setCompression(compression)
            .setAggregationTemporalitySelector(
                temporality.equals("delta")
                    ? AggregationTemporalitySelector.deltaPreferred()
                    : AggregationTemporalitySelector.alwaysCumulative());
    Method json = OtlpHttpMetricExporterBuilder.class.getDeclaredMethod("exportAsJson");
    json.setAccessible(true);
    json.invoke(metrics);
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.of(AttributeKey.stringKey("service.name"), "claude-code")));
    return OpenTelemetrySdk.builder()
        .setLoggerProvider(
            SdkLoggerProvider.builder()
                .setResource(resource)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(logs.build()).build())
                .build())
        .setMeterProvider(
            SdkMeterProvider.builder()
                .setResource(resource)
                .registerMetricReader(
                    PeriodicMetricReader.builder(metrics.build())
                        .setInterval(java.time.Duration.ofHours(1))
                        .build())
                .build())
        .build();
  }

  @ParameterizedTest
  @CsvSource({"http/protobuf, gzip, delta", "http/json, none, cumulative"})
  void whatTheSdkExportsIsStoredOnce(String protocol, String compression, String temporality)
      throws Exception {
    String token = running.token(Scope.INGEST);
    OpenTelemetrySdk sdk = agent(protocol, compression, temporality, token);
    Logger logger = sdk.getSdkLoggerProvider().get("com.anthropic.claude_code");
    DoubleCounter cost =
        sdk.getMeter("com.anthropic.claude_code")
            .counterBuilder("claude_code.cost.usage")
            .ofDoubles()
            .setUnit("USD")
            .build();
    Instant at = Instant.parse("2026-11-30T10:00:00Z");
    for (int person = 0; person < PEOPLE.length; person++) {
      for (int request = 0; request < 4; request++) {
        AttributesBuilder attributes =
            Attributes.builder()
                .put("event.name", "api_request")
                .put("session.id", "session-" + person)
                .put("user.email", PEOPLE[person])
                .put("model", "claude-sonnet-4-5")
                .put("input_tokens", 1000L)
                .put("output_tokens", 200L)
                .put("cache_read_tokens", 5000L)
                .put("cache_creation_tokens", 0L)
                .put("request_id", "req_" + person + "_" + request);
        // Before v2.1.122 Claude Code sent numbers as strings: both are read.
        if (request % 2 == 0) {
          attributes.put("cost_usd", "0.25");
        } else {
          attributes.put("cost_usd", 0.25);
        }
        logger
            .logRecordBuilder()
            .setTimestamp(at.plusSeconds(person * 60L + request))
            .setBody("claude_code.api_request")
            .setAllAttributes(attributes.build())
            .emit();
      }
      logger
          .logRecordBuilder()
          .setTimestamp(at.plusSeconds(person * 60L + 30))
          .setBody("claude_code.tool_result")
          .setAllAttributes(
              Attributes.builder()
                  .put("event.name", "tool_result")
                  .put("session.id", "session-" + person)
                  .put("user.email", PEOPLE[person])
                  .put("tool_name", "Bash")
                  .put("tool_use_id", "toolu_" + person)
                  .put("success", "true")
                  .put(
                      "tool_parameters",
                      "{\"bash_command\":\"git\",\"git_commit_id\":\"%s\"}"
                          .formatted(Integer.toHexString(0xabc0000 + person).repeat(5)))
                  .build())
          .emit();
      Attributes point =
          Attributes.of(
              AttributeKey.stringKey("session.id"),
              "session-" + person,
              AttributeKey.stringKey("user.email"),
              PEOPLE[person],
              AttributeKey.stringKey("model"),
              "claude-sonnet-4-5");
      cost.add(0.5, point);
    }
    assertTrue(sdk.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
    assertTrue(sdk.getSdkMeterProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
    // A second export: with cumulative temporality it repeats the first increments in its totals.
    for (String person : PEOPLE) {
      cost.add(
          0.25,
          Attributes.of(
              AttributeKey.stringKey("session.id"),
              "session-" + List.of(PEOPLE).indexOf(person),
              AttributeKey.stringKey("user.email"),
              person,
              AttributeKey.stringKey("model"),
              "claude-sonnet-4-5"));
    }
    assertTrue(sdk.getSdkMeterProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
    sdk.close();

    List<UsageAggregate> sessions = running.stored().usageBySession(UsageFilter.ALL);
    assertEquals(5, sessions.size());
    for (UsageAggregate session : sessions) {
      assertEquals(4, session.requests(), session.toString());
      assertTrue(session.machineId().startsWith("person:p_"), session.machineId());
    }
    assertEquals(20, running.stored().statistics().events());
    List<SessionSignal> commits =
        running.stored().signals().stream()
            .filter(s -> s.kind() == SessionSignal.Kind.COMMIT)
            .toList();
    assertEquals(5, commits.size());

    // 5 x 0.5 then 5 x 0.25: the same 3.75 dollars whether increments or running totals were sent.
    double metricCost =
        running.stored().metricsByDay(null, null).stream()
            .filter(d -> d.metric().equals("claude_code.cost.usage"))
            .mapToDouble(MetricDaily::value)
            .sum();
    assertEquals(3.75, metricCost, 1e-9);
    assertFalse(
        running.stored().metricsByDay(null, null).toString().contains("@"), "no address is stored");

    String read = running.token(Scope.READ);
    JsonNode report = running.json(running.get("/api/v1/report", read), 200);
    assertFalse(report.get("suppressed").asBoolean(), report.toString());
    assertEquals(5, report.get("totals").get("sessions").asInt());
    assertFalse(report.toString().contains("\"person\""), "the server shows no person");
    JsonNode telemetry = running.json(running.get("/api/v1/telemetry", read), 200);
    assertEquals(3.75, telemetry.get("weeks").get(0).get("cost").asDouble(), 1e-9);
  }

  /**
   * A person's transcripts imported into the server's store, and the same requests sent by the
   * agent's telemetry: each request counts once, the transcript's copy; the request telemetry alone
   * saw counts too.
   */
  @org.junit.jupiter.api.Test
  void aRequestInTheTranscriptsAndInTelemetryCountsOnce() throws Exception {
    Instant at = Instant.parse("2026-11-30T10:00:00Z");
    long[][] requests = {{1_000, 200, 5_000, 300}, {1_100, 150, 5_300, 0}, {900, 80, 5_450, 0}};
    try (dev.goodhart.model.ImportTransaction transaction = running.store.beginImport()) {
      for (int i = 0; i < 2; i++) {
        transaction.add(
            List.of(
                new dev.goodhart.model.UsageEvent(
                    "claude",
                    "m:msg_" + i + "|r:req_" + i,
                    "msg_" + i,
                    false,
                    at.plusSeconds(i * 30L + 1),
                    "session-0",
                    "shop",
                    "/work/shop",
                    "main",
                    "laptop",
                    "anthropic",
                    "claude-sonnet-4-5",
                    false,
                    // the transcript splits cache writes by lifetime; telemetry sends their sum
                    new dev.goodhart.model.TokenCounts(
                        requests[i][0], requests[i][1], requests[i][2], 0, requests[i][3], 0),
                    null)));
      }
      transaction.commit();
    }
    OpenTelemetrySdk sdk = agent("http/protobuf", "gzip", "delta", running.token(Scope.INGEST));
    Logger logger = sdk.getSdkLoggerProvider().get("com.anthropic.claude_code");
    for (int i = 0; i < requests.length; i++) {
      logger
          .logRecordBuilder()
          .setTimestamp(at.plusSeconds(i * 30L))
          .setBody("claude_code.api_request")
          .setAllAttributes(
              Attributes.builder()
                  .put("event.name", "api_request")
                  .put("session.id", "session-0")
                  .put("user.email", PEOPLE[0])
                  .put("model", "claude-sonnet-4-5")
                  .put("input_tokens", requests[i][0])
                  .put("output_tokens", requests[i][1])
                  .put("cache_read_tokens", requests[i][2])
                  .put("cache_creation_tokens", requests[i][3])
                  .put("request_id", "req_" + i)
                  .build())
          .emit();
    }
    assertTrue(sdk.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
    sdk.close();

    assertEquals(5, running.stored().statistics().events());
    assertEquals(3, running.stored().statistics().countedEvents());
    List<UsageAggregate> sessions = running.stored().usageBySession(UsageFilter.ALL);
    assertEquals(
        3, sessions.stream().mapToLong(UsageAggregate::requests).sum(), sessions.toString());
  }

  /** A team exporting only metrics: their sessions' cost reaches the report, marked estimated. */
  @org.junit.jupiter.api.Test
  void spendFromMetricsAloneReachesTheReportAsAnEstimate() throws Exception {
    OpenTelemetrySdk sdk = agent("http/protobuf", "gzip", "delta", running.token(Scope.INGEST));
    DoubleCounter cost =
        sdk.getMeter("com.anthropic.claude_code")
            .counterBuilder("claude_code.cost.usage")
            .ofDoubles()
            .setUnit("USD")
            .build();
    for (int person = 0; person < PEOPLE.length; person++) {
      cost.add(
          1.25 + person,
          Attributes.of(
              AttributeKey.stringKey("session.id"),
              "metrics-only-" + person,
              AttributeKey.stringKey("user.email"),
              PEOPLE[person],
              AttributeKey.stringKey("model"),
              "claude-sonnet-4-5"));
    }
    assertTrue(sdk.getSdkMeterProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
    sdk.close();
    running.stored();

    JsonNode report = running.json(running.get("/api/v1/report", running.token(Scope.READ)), 200);
    JsonNode totals = report.get("totals");
    assertEquals(5, totals.get("sessions").asInt(), report.toString());
    // 1.25 + 2.25 + 3.25 + 4.25 + 5.25
    assertEquals(16.25, totals.get("cost").asDouble(), 1e-9, report.toString());
    assertEquals(16.25, totals.get("estimatedCost").asDouble(), 1e-9, report.toString());
  }
}
