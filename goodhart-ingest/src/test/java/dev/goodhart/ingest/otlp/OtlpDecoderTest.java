package dev.goodhart.ingest.otlp;

import static dev.goodhart.ingest.otlp.Otlp.bytes;
import static dev.goodhart.ingest.otlp.Otlp.event;
import static dev.goodhart.ingest.otlp.Otlp.kv;
import static dev.goodhart.ingest.otlp.Otlp.logs;
import static dev.goodhart.ingest.otlp.Otlp.service;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Request bodies into OTLP's messages, and malformed bodies into messages a sender can act on. */
class OtlpDecoderTest {
  private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  private static final String SPAN_ID = "eee19b7ec3c1b174";

  @ParameterizedTest
  @EnumSource(OtlpEncoding.class)
  void anEmptyBodyIsAnEmptyRequest(OtlpEncoding encoding) throws OtlpFormatException {
    assertEquals(
        ExportLogsServiceRequest.getDefaultInstance(),
        OtlpDecoder.decodeLogs(new byte[0], encoding));
    assertEquals(
        ExportMetricsServiceRequest.getDefaultInstance(),
        OtlpDecoder.decodeMetrics(new byte[0], encoding));
    assertEquals(
        ExportTraceServiceRequest.getDefaultInstance(),
        OtlpDecoder.decodeTraces(new byte[0], encoding));
  }

  @Test
  void whiteSpaceAndAnEmptyObjectAreEmptyJsonRequests() throws OtlpFormatException {
    assertEquals(
        ExportLogsServiceRequest.getDefaultInstance(),
        OtlpDecoder.decodeLogs(bytes(" \n"), OtlpEncoding.JSON));
    assertEquals(
        ExportLogsServiceRequest.getDefaultInstance(),
        OtlpDecoder.decodeLogs(bytes("{}"), OtlpEncoding.JSON));
  }

  @Test
  void readsProtobuf() throws OtlpFormatException {
    ExportLogsServiceRequest request =
        logs(service("claude-code"), event("api_request", kv("input_tokens", 5L)));
    assertEquals(request, OtlpDecoder.decodeLogs(request.toByteArray(), OtlpEncoding.PROTOBUF));
  }

  @Test
  void readsTheClaudeCodeExampleAsJson() throws OtlpFormatException {
    ExportLogsServiceRequest request =
        OtlpDecoder.decodeLogs(bytes(OtlpSamples.CLAUDE_LOGS), OtlpEncoding.JSON);

    var records = request.getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
    assertEquals(2, records.size());
    assertEquals(1_787_650_012_345_000_000L, records.get(0).getTimeUnixNano());
    assertEquals("claude_code.api_request", records.get(0).getBody().getStringValue());
    assertEquals(
        1834,
        records.get(0).getAttributesList().stream()
            .filter(a -> a.getKey().equals("input_tokens"))
            .findFirst()
            .orElseThrow()
            .getValue()
            .getIntValue());
  }

  @Test
  void readsHexIdsAsTheirBytes() throws OtlpFormatException {
    String json =
        """
        {"resourceLogs":[{"scopeLogs":[{"logRecords":[
          {"traceId":"%s","spanId":"%s","body":{"bytesValue":"AAEC"}}]}]}]}
        """
            .formatted(TRACE_ID, SPAN_ID);

    LogRecord record =
        OtlpDecoder.decodeLogs(bytes(json), OtlpEncoding.JSON)
            .getResourceLogs(0)
            .getScopeLogs(0)
            .getLogRecords(0);

    assertEquals(16, record.getTraceId().size());
    assertArrayEquals(HexFormat.of().parseHex(TRACE_ID), record.getTraceId().toByteArray());
    assertArrayEquals(HexFormat.of().parseHex(SPAN_ID), record.getSpanId().toByteArray());
    // Other bytes fields stay base64, as protobuf's JSON mapping has them.
    assertArrayEquals(new byte[] {0, 1, 2}, record.getBody().getBytesValue().toByteArray());
  }

  @Test
  void readsSpanIdsOfTraces() throws OtlpFormatException {
    String json =
        """
        {"resourceSpans":[{"scopeSpans":[{"spans":[
          {"traceId":"%s","spanId":"%s","parentSpanId":"%s","name":"claude_code.llm_request",
           "links":[{"traceId":"%s","spanId":"%s"}]},
          {"traceId":"%s","spanId":"%s","name":"claude_code.tool"}]}]}]}
        """
            .formatted(TRACE_ID, SPAN_ID, SPAN_ID, TRACE_ID, SPAN_ID, TRACE_ID, SPAN_ID);

    ExportTraceServiceRequest request = OtlpDecoder.decodeTraces(bytes(json), OtlpEncoding.JSON);

    Span span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    ByteString spanId = ByteString.copyFrom(HexFormat.of().parseHex(SPAN_ID));
    assertEquals(spanId, span.getParentSpanId());
    assertEquals(spanId, span.getLinks(0).getSpanId());
    assertEquals(2, OtlpTraces.spans(request));
  }

  @Test
  void countsSpansAcrossResourcesAndScopes() {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder()))
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(Span.newBuilder())
                            .addSpans(Span.newBuilder())))
            .addResourceSpans(ResourceSpans.newBuilder())
            .build();
    assertEquals(3, OtlpTraces.spans(request));
  }

  @Test
  void ignoresUnknownFieldsAtEveryLevel() throws OtlpFormatException {
    String json =
        """
        {"resourceLogs":[{"futureField":{"a":[1,2,{"b":null}]},"scopeLogs":[{"logRecords":[
          {"timeUnixNano":"5","newThing":"x","attributes":[{"key":"k","value":{"stringValue":"v","extra":1}}]}]}]}],
         "partialSuccess":true}
        """;
    LogRecord record =
        OtlpDecoder.decodeLogs(bytes(json), OtlpEncoding.JSON)
            .getResourceLogs(0)
            .getScopeLogs(0)
            .getLogRecords(0);
    assertEquals(5, record.getTimeUnixNano());
    assertEquals("v", record.getAttributes(0).getValue().getStringValue());
  }

  @Test
  void readsEnumsAsNumbersOrNames() throws OtlpFormatException {
    for (String temporality :
        new String[] {"2", "\"2\"", "\"AGGREGATION_TEMPORALITY_CUMULATIVE\"", "\"cumulative\""}) {
      String json =
          """
          {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","sum":{"aggregationTemporality":%s}}]}]}]}
          """
              .formatted(temporality);
      ExportMetricsServiceRequest request =
          OtlpDecoder.decodeMetrics(bytes(json), OtlpEncoding.JSON);
      assertEquals(
          AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
          request
              .getResourceMetrics(0)
              .getScopeMetrics(0)
              .getMetrics(0)
              .getSum()
              .getAggregationTemporality(),
          temporality);
    }
  }

  @Test
  void readsSixtyFourBitIntegersAsStringsOrNumbers() throws OtlpFormatException {
    for (String time :
        new String[] {"\"1787650012345000000\"", "1787650012345000000", "1.787650012345e18"}) {
      String json =
          """
          {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":%s,
            "attributes":[{"key":"n","value":{"intValue":%s}}]}]}]}]}
          """
              .formatted(time, time);
      LogRecord record =
          OtlpDecoder.decodeLogs(bytes(json), OtlpEncoding.JSON)
              .getResourceLogs(0)
              .getScopeLogs(0)
              .getLogRecords(0);
      assertEquals(1_787_650_012_345_000_000L, record.getTimeUnixNano(), time);
      assertEquals(1_787_650_012_345_000_000L, record.getAttributes(0).getValue().getIntValue());
    }
  }

  @Test
  void readsTheUnsignedRangeOfNanoseconds() throws OtlpFormatException {
    String json =
        """
        {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"18446744073709551615"}]}]}]}
        """;
    assertEquals(
        -1L,
        OtlpDecoder.decodeLogs(bytes(json), OtlpEncoding.JSON)
            .getResourceLogs(0)
            .getScopeLogs(0)
            .getLogRecords(0)
            .getTimeUnixNano());
  }

  @Test
  void readsProtoFieldNamesAndNullsLikeProtobufsJsonMapping() throws OtlpFormatException {
    String json =
        """
        {"resource_logs":[{"resource":null,"scope_logs":[{"log_records":[
          {"time_unix_nano":"7","trace_id":"%s","body":null}]}]}]}
        """
            .formatted(TRACE_ID);
    LogRecord record =
        OtlpDecoder.decodeLogs(bytes(json), OtlpEncoding.JSON)
            .getResourceLogs(0)
            .getScopeLogs(0)
            .getLogRecords(0);
    assertEquals(7, record.getTimeUnixNano());
    assertEquals(16, record.getTraceId().size());
  }

  @Test
  void aTruncatedProtobufBodySaysWhereItBreaksOff() {
    ExportLogsServiceRequest request =
        logs(
            service("claude-code"),
            event("api_request", kv("input_tokens", 5L)),
            event("api_request", kv("model", "claude-sonnet-5"), kv("input_tokens", 7L)));
    byte[] whole = request.toByteArray();
    byte[] truncated = Arrays.copyOf(whole, whole.length - 5);

    OtlpFormatException e =
        assertThrows(
            OtlpFormatException.class,
            () -> OtlpDecoder.decodeLogs(truncated, OtlpEncoding.PROTOBUF));

    assertTrue(e.getMessage().contains("ExportLogsServiceRequest"), e.getMessage());
    assertTrue(e.getMessage().contains("of " + truncated.length), e.getMessage());
    assertTrue(
        e.getMessage().contains("resourceLogs[0].scopeLogs[0].logRecords[1]"), e.getMessage());
    assertTrue(e.getMessage().contains("cut off"), e.getMessage());
  }

  @Test
  void garbageIsNoProtobufRequest() {
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00, 0x13};
    OtlpFormatException e =
        assertThrows(
            OtlpFormatException.class,
            () -> OtlpDecoder.decodeLogs(garbage, OtlpEncoding.PROTOBUF));
    assertTrue(e.getMessage().startsWith("the OTLP protobuf body is no valid"), e.getMessage());
    assertTrue(e.getMessage().contains("at byte 0"), e.getMessage());
  }

  @Test
  void jsonSentAsProtobufIsNamedSo() {
    OtlpFormatException e =
        assertThrows(
            OtlpFormatException.class,
            () -> OtlpDecoder.decodeLogs(bytes(OtlpSamples.CLAUDE_LOGS), OtlpEncoding.PROTOBUF));
    assertTrue(
        e.getMessage()
            .endsWith("it looks like JSON: send it with 'Content-Type: application/json'"),
        e.getMessage());
  }

  @Test
  void protobufSentAsJsonAndGzipAreNamedSo() {
    byte[] protobuf = logs(service("claude-code"), event("api_request")).toByteArray();
    OtlpFormatException asJson =
        assertThrows(
            OtlpFormatException.class, () -> OtlpDecoder.decodeLogs(protobuf, OtlpEncoding.JSON));
    assertTrue(
        asJson.getMessage().contains("is not valid JSON at line 2, column 1"), asJson.getMessage());
    assertTrue(asJson.getMessage().contains("it looks like protobuf"), asJson.getMessage());

    byte[] gzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0};
    OtlpFormatException compressed =
        assertThrows(
            OtlpFormatException.class, () -> OtlpDecoder.decodeLogs(gzip, OtlpEncoding.JSON));
    assertTrue(
        compressed.getMessage().contains("'Content-Encoding: gzip'"), compressed.getMessage());
  }

  @Test
  void brokenJsonSaysLineAndColumn() {
    String json = "{\"resourceLogs\":[{\"scopeLogs\":[\n{\"logRecords\":[}]}]}";
    OtlpFormatException e =
        assertThrows(
            OtlpFormatException.class,
            () -> OtlpDecoder.decodeLogs(bytes(json), OtlpEncoding.JSON));
    assertTrue(
        e.getMessage().startsWith("the OTLP/JSON body is not valid JSON at line 2, column 16"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("inside 'resourceLogs[0].scopeLogs[0].logRecords'"),
        e.getMessage());
  }

  @Test
  void aWrongShapeSaysWhichFieldAndWhatItFound() {
    assertMessage(
        "{\"resourceLogs\":{\"scopeLogs\":[]}}",
        "OTLP/JSON field 'resourceLogs' (line 1, column 17) must be an array, found an object");
    assertMessage(
        "[{\"resourceLogs\":[]}]",
        "the OTLP/JSON body (line 1, column 1) must be a JSON object such as {\"resourceLogs\": [...]}, found an array");
    assertMessage(
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[\"hello\"]}]}]}",
        "OTLP/JSON field 'resourceLogs[0].scopeLogs[0].logRecords[0]' (line 1, column 47) must be an object, found 'hello'");
    assertMessage(
        "{\"resourceLogs\":[]} {}",
        "the OTLP/JSON body (line 1, column 21) must hold one JSON object, but more follows it, found an object");
  }

  @Test
  void aNonNumericNumberSaysWhereAndWhat() {
    assertMessage(
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"soon\"}]}]}]}",
        "OTLP/JSON field 'resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano' (line 1, column 63) must be a"
            + " whole number from 0 to 18446744073709551615, found 'soon'");
    assertMessage(
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"attributes\":[{\"key\":\"n\",\"value\":{\"intValue\":\"12.5\"}}]}]}]}]}",
        "OTLP/JSON field 'resourceLogs[0].scopeLogs[0].logRecords[0].attributes[0].value.intValue' (line 1,"
            + " column 93) must be a whole number from -9223372036854775808 to 9223372036854775807, found '12.5'");
    assertMessage(
        "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"sum\":{\"dataPoints\":[{\"asDouble\":\"lots\"}]}}]}]}]}",
        "OTLP/JSON field 'resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[0].asDouble' (line 1,"
            + " column 84) must be a number, found 'lots'");
    assertMessage(
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"-1\"}]}]}]}",
        "OTLP/JSON field 'resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano' (line 1, column 63) must be a"
            + " whole number from 0 to 18446744073709551615, found '-1'");
  }

  @Test
  void anExponentBeyondAnyNumberIsRefused() {
    // Found by OtlpFuzzTest: BigDecimal itself refuses an exponent this large.
    assertMessage(
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":1e99999999999}]}]}]}",
        "OTLP/JSON field 'resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano' (line 1, column 63) must be a"
            + " whole number from 0 to 18446744073709551615, found 1e99999999999");
  }

  @Test
  void anIdThatIsNeitherHexNorBase64IsRefused() {
    assertMessage(
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"traceId\":\"not an id!\"}]}]}]}",
        "OTLP/JSON field 'resourceLogs[0].scopeLogs[0].logRecords[0].traceId' (line 1, column 58) must be a"
            + " hex-encoded id such as '5b8efff798038103d269b633813fc60c', found 'not an id!'");
  }

  @Test
  void twoValuesOfOneAttributeAreRefused() {
    assertMessage(
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"a\",\"intValue\":\"1\"}}]}]}]}",
        "OTLP/JSON field 'resourceLogs[0].scopeLogs[0].logRecords[0].body.intValue' (line 1, column 85) cannot be"
            + " set beside 'stringValue' (only one of them may be), found '1'");
  }

  @Test
  void theExceptionTellsTheLocationApart() {
    OtlpFormatException e =
        assertThrows(
            OtlpFormatException.class,
            () ->
                OtlpDecoder.decodeLogs(
                    bytes("{\"resourceLogs\":[{\"scopeLogs\":7}]}"), OtlpEncoding.JSON));
    assertEquals("resourceLogs[0].scopeLogs (line 1, column 31)", e.location());
  }

  private static void assertMessage(String json, String expected) {
    OtlpFormatException e =
        assertThrows(
            OtlpFormatException.class,
            () -> {
              if (json.contains("resourceMetrics")) {
                OtlpDecoder.decodeMetrics(bytes(json), OtlpEncoding.JSON);
              } else {
                OtlpDecoder.decodeLogs(bytes(json), OtlpEncoding.JSON);
              }
            });
    assertEquals(expected, e.getMessage());
  }
}
