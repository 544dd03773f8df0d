package dev.goodhart.ingest.otlp;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.goodhart.model.Pseudonyms;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;

/** Builders of OTLP requests for the tests, and the pseudonyms they map with. */
final class Otlp {
  static final Pseudonyms PSEUDONYMS =
      Pseudonyms.withSecret("a test secret of 32 bytes, fixed".getBytes(UTF_8));

  private Otlp() {}

  static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static KeyValue kv(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  static KeyValue kv(String key, double value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setDoubleValue(value))
        .build();
  }

  static KeyValue kvList(String key, KeyValue... values) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(
            AnyValue.newBuilder()
                .setKvlistValue(KeyValueList.newBuilder().addAllValues(List.of(values))))
        .build();
  }

  static Resource resource(KeyValue... attributes) {
    return Resource.newBuilder().addAllAttributes(List.of(attributes)).build();
  }

  static Resource service(String name) {
    return resource(kv("service.name", name));
  }

  /** A record whose event name is the attribute {@code event.name}. */
  static LogRecord event(String name, KeyValue... attributes) {
    return LogRecord.newBuilder()
        .setTimeUnixNano(1_787_650_012_345_000_000L)
        .addAttributes(kv("event.name", name))
        .addAllAttributes(List.of(attributes))
        .build();
  }

  static ExportLogsServiceRequest logs(Resource resource, LogRecord... records) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(resource)
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("test"))
                        .addAllLogRecords(List.of(records))))
        .build();
  }

  static ExportMetricsServiceRequest metrics(Resource resource, Metric... metrics) {
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource)
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("test.scope"))
                        .addAllMetrics(List.of(metrics))))
        .build();
  }

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
