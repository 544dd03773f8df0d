package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.model.access.Scope;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OTLP endpoints' answers to bad requests: a clear 4xx, and nothing of the request stored. */
class OtlpEndpointTest {
  private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

  @TempDir Path folder;
  RunningServer running;
  String ingest;

  @BeforeEach
  void start() throws Exception {
    running = new RunningServer(folder, ServerConfig.defaults().withLimits(64 * 1024, 10_000));
    ingest = running.token(Scope.INGEST);
  }

  @AfterEach
  void stop() {
    running.close();
  }

  private byte[] batch(int size) {
    LogRecord[] records = new LogRecord[size];
    for (int i = 0; i < size; i++) {
      records[i] = OtlpRecords.apiRequest("req_" + i, "s", "ana@example.com", AT.plusSeconds(i));
    }
    return OtlpRecords.request(Arrays.asList(records)).toByteArray();
  }

  private JsonNode refused(HttpRequest request, int status, String phrase) throws Exception {
    JsonNode answer = running.json(request, status);
    assertTrue(
        answer.path("error").path("message").asText().contains(phrase),
        () -> answer + " should say " + phrase);
    assertEquals(
        0, running.stored().statistics().events(), "nothing of a refused request is stored");
    return answer;
  }

  @Test
  void aCutOrGarbledBodyIsRefusedWhole() throws Exception {
    byte[] whole = batch(10);
    refused(
        running.post(
            "/v1/logs", ingest, "application/x-protobuf", Arrays.copyOf(whole, whole.length - 7)),
        400,
        "malformed");
    refused(
        running.post(
            "/v1/logs", ingest, "application/json", "{\"resourceLogs\": [ {\"resource\": 7 } ]}"),
        400,
        "malformed");
    refused(
        running.post("/v1/logs", ingest, "application/json", "{\"resourceLogs\": ["),
        400,
        "malformed");
    refused(running.post("/v1/logs", ingest, "text/plain", whole), 415, "application/x-protobuf");
    refused(running.post("/v1/profiles", ingest, "application/x-protobuf", whole), 404, "/v1/logs");
    refused(running.post("/v1/logs", null, "application/x-protobuf", whole), 401, "scope 'ingest'");
  }

  @Test
  void bodiesOverTheLimitAreRefusedSentOrInflated() throws Exception {
    refused(
        running.post("/v1/logs", ingest, "application/x-protobuf", new byte[100 * 1024]),
        413,
        "at most");
    // A gzip body of a few kilobytes that inflates past the limit.
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(new byte[20 * 1024 * 1024]);
    }
    refused(
        running
            .request("/v1/logs", ingest)
            .header("Content-Type", "application/x-protobuf")
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(compressed.toByteArray()))
            .build(),
        413,
        "inflates");
    refused(
        running
            .request("/v1/logs", ingest)
            .header("Content-Type", "application/x-protobuf")
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(batch(3)))
            .build(),
        400,
        "not valid gzip");
  }

  @Test
  void badRecordsInAGoodBodyAreSkippedAndReportedAsPartialSuccess() throws Exception {
    List<LogRecord> records =
        List.of(
            OtlpRecords.apiRequest("req_ok", "s", "ana@example.com", AT),
            // No session id: a bad record.
            LogRecord.newBuilder()
                .setBody(
                    io.opentelemetry.proto.common.v1.AnyValue.newBuilder()
                        .setStringValue("claude_code.api_request"))
                .addAttributes(OtlpRecords.text("event.name", "api_request"))
                .addAttributes(OtlpRecords.text("model", "claude-sonnet-4-5"))
                .build());
    HttpResponse<byte[]> answer =
        running.client.send(
            running.post(
                "/v1/logs",
                ingest,
                "application/x-protobuf",
                OtlpRecords.request(records).toByteArray()),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, answer.statusCode());
    ExportLogsServiceResponse response = ExportLogsServiceResponse.parseFrom(answer.body());
    assertEquals(1, response.getPartialSuccess().getRejectedLogRecords());
    assertTrue(
        response.getPartialSuccess().getErrorMessage().contains("session"), response.toString());
    assertEquals(1, running.stored().statistics().events());

    JsonNode json =
        running.json(
            running.post(
                "/v1/logs",
                ingest,
                "application/json",
                "{\"resourceLogs\":[]}".getBytes(StandardCharsets.UTF_8)),
            200);
    assertTrue(json.isObject());
  }
}
