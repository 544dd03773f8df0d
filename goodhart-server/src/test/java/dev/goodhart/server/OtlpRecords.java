package dev.goodhart.server;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Instant;

/** Claude Code's {@code api_request} events as its exporter sends them, built for tests. */
final class OtlpRecords {
  private OtlpRecords() {}

  static KeyValue text(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static KeyValue number(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  static KeyValue decimal(String key, double value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setDoubleValue(value))
        .build();
  }

  /** One api_request of 1,000 input and 100 output tokens costing a cent. */
  static LogRecord apiRequest(String requestId, String sessionId, String email, Instant at) {
    return LogRecord.newBuilder()
        .setTimeUnixNano(at.getEpochSecond() * 1_000_000_000L + at.getNano())
        .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
        .addAttributes(text("event.name", "api_request"))
        .addAttributes(text("event.timestamp", at.toString()))
        .addAttributes(text("session.id", sessionId))
        .addAttributes(text("user.email", email))
        .addAttributes(text("model", "claude-sonnet-4-5"))
        .addAttributes(number("input_tokens", 1000))
        .addAttributes(number("output_tokens", 100))
        .addAttributes(number("cache_read_tokens", 0))
        .addAttributes(number("cache_creation_tokens", 0))
        .addAttributes(decimal("cost_usd", 0.01))
        .addAttributes(text("request_id", requestId))
        .build();
  }

  static ExportLogsServiceRequest request(Iterable<LogRecord> records) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(
                    Resource.newBuilder().addAttributes(text("service.name", "claude-code")))
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .setScope(
                            io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder()
                                .setName("com.anthropic.claude_code"))
                        .addAllLogRecords(records)))
        .build();
  }
}
