package dev.goodhart.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ApiRequestBodiesTest {
  private static final Instant NOW = Instant.parse("2026-08-25T09:40:12.345678901Z");

  @Test
  void aBodyIsAValidRequestOfClaudeCodeApiRequests() throws IOException {
    ApiRequestBodies bodies = new ApiRequestBodies(1, "r1");

    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.parseFrom(bodies.body(1_000, 500, NOW));

    ResourceLogs resource = request.getResourceLogs(0);
    assertEquals(
        "claude-code",
        attributes(resource.getResource().getAttributesList())
            .get("service.name")
            .getStringValue());
    List<LogRecord> records = resource.getScopeLogs(0).getLogRecordsList();
    assertEquals(500, records.size());
    for (int i = 0; i < records.size(); i++) {
      LogRecord record = records.get(i);
      Map<String, AnyValue> attributes = attributes(record.getAttributesList());
      assertEquals("claude_code.api_request", record.getBody().getStringValue());
      assertEquals("api_request", attributes.get("event.name").getStringValue());
      assertEquals(
          "req_r1_%012d".formatted(1_000 + i), attributes.get("request_id").getStringValue());
      assertEquals("2026-08-25T09:40:12.345Z", attributes.get("event.timestamp").getStringValue());
      assertEquals(1_787_650_812_345_678_901L, record.getTimeUnixNano());
      assertEquals(1_787_650_812_345_678_901L, record.getObservedTimeUnixNano());
      assertTrue(attributes.get("model").getStringValue().startsWith("claude-"));
      assertTrue(attributes.get("user.email").getStringValue().matches("user\\d\\d@example\\.com"));
      assertEquals(36, attributes.get("session.id").getStringValue().length());
      for (String tokens :
          List.of("input_tokens", "output_tokens", "cache_read_tokens", "cache_creation_tokens")) {
        assertEquals(AnyValue.ValueCase.INT_VALUE, attributes.get(tokens).getValueCase(), tokens);
      }
      assertTrue(attributes.get("input_tokens").getIntValue() > 0);
      assertTrue(attributes.get("cost_usd").getDoubleValue() > 0);
    }
  }

  @Test
  void successiveBodiesCarryDistinctRequestIdsAndFreshTimes() throws IOException {
    ApiRequestBodies bodies = new ApiRequestBodies(1, "r1");
    Set<String> ids = new HashSet<>();
    for (int request = 0; request < 40; request++) { // more requests than templates
      Instant at = NOW.plusSeconds(request);
      for (LogRecord record : records(bodies.body(request * 100L, 100, at))) {
        assertTrue(
            ids.add(attributes(record.getAttributesList()).get("request_id").getStringValue()));
        assertEquals(at.getEpochSecond() * 1_000_000_000L + at.getNano(), record.getTimeUnixNano());
      }
    }
    assertEquals(4_000, ids.size());
  }

  @Test
  void spreadsEventsOverTheUsersAndTheirSessions() throws IOException {
    ApiRequestBodies bodies = new ApiRequestBodies(3, "r");
    Set<String> users = new HashSet<>();
    Set<String> sessions = new HashSet<>();
    for (int request = 0; request < 16; request++) {
      for (LogRecord record : records(bodies.body(request * 500L, 500, NOW))) {
        Map<String, AnyValue> attributes = attributes(record.getAttributesList());
        users.add(attributes.get("user.email").getStringValue());
        sessions.add(attributes.get("session.id").getStringValue());
      }
    }
    assertEquals(ApiRequestBodies.USERS, users.size());
    assertTrue(sessions.size() > 900, sessions.size() + " of 1,000 sessions");
  }

  @Test
  void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
    byte[] one = new ApiRequestBodies(5, "r").body(500, 500, NOW);

    assertArrayEquals(one, new ApiRequestBodies(5, "r").body(500, 500, NOW));
    assertFalse(java.util.Arrays.equals(one, new ApiRequestBodies(6, "r").body(500, 500, NOW)));
  }

  @Test
  void aShortLastBatchAndAGzipBodyAreValidToo() throws IOException {
    ApiRequestBodies bodies = new ApiRequestBodies(1, "tail");
    byte[] body = bodies.body(1_000, 7, NOW);

    byte[] inflated;
    try (GZIPInputStream in =
        new GZIPInputStream(new ByteArrayInputStream(ApiRequestBodies.gzip(body)))) {
      inflated = in.readAllBytes();
    }

    assertArrayEquals(body, inflated);
    assertEquals(
        List.of(
            "req_tail_000000001000",
            "req_tail_000000001001",
            "req_tail_000000001002",
            "req_tail_000000001003",
            "req_tail_000000001004",
            "req_tail_000000001005",
            "req_tail_000000001006"),
        records(inflated).stream()
            .map(r -> attributes(r.getAttributesList()).get("request_id").getStringValue())
            .toList());
  }

  private static List<LogRecord> records(byte[] body) throws IOException {
    return ExportLogsServiceRequest.parseFrom(body)
        .getResourceLogs(0)
        .getScopeLogs(0)
        .getLogRecordsList();
  }

  private static Map<String, AnyValue> attributes(List<KeyValue> attributes) {
    return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
  }
}
