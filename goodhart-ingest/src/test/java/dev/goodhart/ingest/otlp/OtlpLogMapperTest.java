package dev.goodhart.ingest.otlp;

import static dev.goodhart.ingest.otlp.Otlp.PSEUDONYMS;
import static dev.goodhart.ingest.otlp.Otlp.event;
import static dev.goodhart.ingest.otlp.Otlp.kv;
import static dev.goodhart.ingest.otlp.Otlp.logs;
import static dev.goodhart.ingest.otlp.Otlp.resource;
import static dev.goodhart.ingest.otlp.Otlp.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.UsageEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every agent's records share: names, sources, identity, keys, bad records. */
class OtlpLogMapperTest {
  final OtlpLogMapper mapper = new OtlpLogMapper(PSEUDONYMS);

  final LogRecord request = event("api_request", kv("session.id", "s-1"), kv("input_tokens", 10L));

  @Test
  void theSourceComesFromTheNamesPrefixElseTheService() {
    LogRecord qualified = event("claude_code.api_request", kv("session.id", "s"));
    LogRecord byBody =
        LogRecord.newBuilder()
            .setTimeUnixNano(1)
            .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
            .addAttributes(kv("session.id", "s"))
            .build();
    LogRecord byEventName =
        LogRecord.newBuilder()
            .setTimeUnixNano(1)
            .setEventName("claude_code.api_request")
            .addAttributes(kv("session.id", "s"))
            .build();
    for (LogRecord record : new LogRecord[] {qualified, byBody, byEventName}) {
      assertEquals("claude", only(mapper.map(logs(service("some-collector"), record))).source());
    }
    assertEquals(
        "claude", only(mapper.map(logs(service("claude-code-desktop"), request))).source());
    assertEquals(1, mapper.map(logs(service("some-collector"), request)).ignored(), "a bare name");
    assertEquals(1, mapper.map(logs(resource(), request)).ignored(), "no service at all");
  }

  /** A server holds a batch until it is stored: one copy of its session, person and model. */
  @Test
  void theEventsOfABatchShareTheirRepeatedStrings() {
    LogRecord first =
        event("api_request", kv("session.id", "s-1"), kv("model", "m-1"), kv("request_id", "r1"));
    LogRecord second =
        event("api_request", kv("session.id", "s-1"), kv("model", "m-1"), kv("request_id", "r2"));
    List<UsageEvent> events =
        mapper
            .map(
                logs(
                    resource(kv("service.name", "claude-code"), kv("user.email", "a@example.com")),
                    first,
                    second))
            .events();
    assertEquals(2, events.size());
    assertSame(events.get(0).sessionId(), events.get(1).sessionId());
    assertSame(events.get(0).machineId(), events.get(1).machineId());
    assertSame(events.get(0).model(), events.get(1).model());
  }

  @Test
  void aRecordWithoutAnEventNameIsIgnored() {
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("claude-code"),
                LogRecord.newBuilder().setTimeUnixNano(1).setSeverityText("INFO").build()));
    assertEquals(1, batch.records());
    assertEquals(1, batch.ignored());
  }

  @Test
  void thePersonComesFromTheRecordElseTheResource() {
    String viaResource =
        only(mapper.map(
                logs(
                    resource(
                        kv("service.name", "claude-code"), kv("enduser.id", "Ann@Example.com")),
                    request)))
            .machineId();
    assertEquals("person:" + PSEUDONYMS.of("ann@example.com"), viaResource);
    assertEquals(Optional.of(PSEUDONYMS.of("ann@example.com")), OtlpIdentity.personOf(viaResource));

    LogRecord own = request.toBuilder().addAttributes(kv("user.email", "bob@example.com")).build();
    assertEquals(
        "person:" + PSEUDONYMS.of("bob@example.com"),
        only(mapper.map(
                logs(
                    resource(
                        kv("service.name", "claude-code"), kv("enduser.id", "ann@example.com")),
                    own)))
            .machineId());
  }

  @Test
  void withoutAPersonTheInstallationNamesTheMachine() {
    String installation =
        only(mapper.map(
                logs(
                    resource(kv("service.name", "claude-code"), kv("user.id", "abc123")), request)))
            .machineId();
    assertTrue(installation.matches("otlp:[0-9a-f]{16}"), installation);
    assertEquals(Optional.empty(), OtlpIdentity.personOf(installation));
    assertEquals(installation, OtlpIdentity.machineIdOf(PSEUDONYMS, null, "abc123"));
    assertNotEquals(installation, OtlpIdentity.machineIdOf(PSEUDONYMS, null, "abc124"));
    assertEquals(
        OtlpIdentity.UNKNOWN, only(mapper.map(logs(service("claude-code"), request))).machineId());
    assertEquals(OtlpIdentity.UNKNOWN, OtlpIdentity.machineIdOf(PSEUDONYMS, " ", null));
    assertEquals(Optional.empty(), OtlpIdentity.personOf(OtlpIdentity.UNKNOWN));
  }

  @Test
  void aRetriedRecordGetsTheSameKeyAndAnotherRecordAnother() throws OtlpFormatException {
    LogRecord anonymous = event("api_request", kv("session.id", "s-1"), kv("input_tokens", 10L));
    ExportLogsServiceRequest sent = logs(service("claude-code"), anonymous);
    ExportLogsServiceRequest retried =
        OtlpDecoder.decodeLogs(sent.toByteArray(), OtlpEncoding.PROTOBUF);
    String key = only(mapper.map(sent)).eventKey();

    assertEquals(key, only(mapper.map(retried)).eventKey());
    LogRecord later =
        anonymous.toBuilder().setTimeUnixNano(anonymous.getTimeUnixNano() + 1).build();
    assertNotEquals(key, only(mapper.map(logs(service("claude-code"), later))).eventKey());
    LogRecord more = event("api_request", kv("session.id", "s-1"), kv("input_tokens", 11L));
    assertNotEquals(key, only(mapper.map(logs(service("claude-code"), more))).eventKey());
  }

  @Test
  void aBadRecordIsSkippedWithWhereAndWhyAndTheRestIsKept() {
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("claude-code"),
                request,
                event("api_request", kv("session.id", "s-1"), kv("input_tokens", "lots")),
                event("api_request", kv("input_tokens", 5L)),
                event("api_request", kv("session.id", "s-1"), kv("output_tokens", -5L)),
                event("api_request", kv("session.id", "s-1"), kv("output_tokens", 5.5)),
                event("api_request", kv("session.id", "s-1"), kv("event.timestamp", "yesterday")),
                request.toBuilder().setTimeUnixNano(-1).build(),
                event("api_request", kv("session.id", "s-1"), kv("cost_usd", -1.0)),
                event(
                    "api_request", kv("session.id", "s-1"), kv("input_tokens", "1e99999999999"))));

    assertEquals(9, batch.records());
    assertEquals(1, batch.events().size());
    assertEquals(8, batch.skipped());
    assertEquals(
        new OtlpProblem(
            "resourceLogs[0].scopeLogs[0].logRecords[1]",
            "event 'api_request' skipped: attribute 'input_tokens' must be a number, found 'lots'"),
        batch.problems().get(0));
    assertEquals(
        "resourceLogs[0].scopeLogs[0].logRecords[2]: event 'api_request' skipped: it has no session"
            + " id ('session.id')",
        batch.problems().get(1).message());
    assertEquals(
        "event 'api_request' skipped: attribute 'output_tokens' must not be negative, found '-5'",
        batch.problems().get(2).reason());
    assertEquals(
        "event 'api_request' skipped: attribute 'output_tokens' must be a whole number, found '5.5'",
        batch.problems().get(3).reason());
    assertEquals(
        "event 'api_request' skipped: field 'event.timestamp' is not an ISO-8601 time: 'yesterday'",
        batch.problems().get(4).reason());
    assertEquals(
        "event 'api_request' skipped: 'timeUnixNano' is not a plausible time (1970 to 2100):"
            + " '18446744073709551615'",
        batch.problems().get(5).reason());
    assertEquals(
        "event 'api_request' skipped: attribute 'cost_usd' is not a plausible cost in dollars: '-1'",
        batch.problems().get(6).reason());
    assertEquals(
        "event 'api_request' skipped: attribute 'input_tokens' is implausibly large: '1e99999999999'",
        batch.problems().get(7).reason());
  }

  @Test
  void keepsTheFirstHundredProblemsAndCountsAll() {
    LogRecord bad = event("api_request", kv("input_tokens", 5L));
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("claude-code"),
                IntStream.range(0, 150).mapToObj(i -> bad).toArray(LogRecord[]::new)));
    assertEquals(150, batch.skipped());
    assertEquals(OtlpLogBatch.MAX_PROBLEMS, batch.problems().size());
  }

  @Test
  void anEmptyRequestIsAnEmptyBatch() {
    OtlpLogBatch batch = mapper.map(ExportLogsServiceRequest.getDefaultInstance());
    assertEquals(0, batch.records());
    assertTrue(batch.events().isEmpty() && batch.signals().isEmpty() && batch.problems().isEmpty());
  }

  private static UsageEvent only(OtlpLogBatch batch) {
    assertEquals(1, batch.events().size(), () -> batch.problems().toString());
    return batch.events().getFirst();
  }
}
