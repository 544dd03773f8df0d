package dev.goodhart.ingest.otlp;

import static dev.goodhart.ingest.otlp.Otlp.PSEUDONYMS;
import static dev.goodhart.ingest.otlp.Otlp.bytes;
import static dev.goodhart.ingest.otlp.Otlp.event;
import static dev.goodhart.ingest.otlp.Otlp.kv;
import static dev.goodhart.ingest.otlp.Otlp.logs;
import static dev.goodhart.ingest.otlp.Otlp.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.SessionSignal.Kind;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Claude Code's events (FORMATS.md §1.4) into usage events, prompts and commits. */
class OtlpClaudeCodeTest {
  private static final String SESSION = "6b0f3c2e-9d1a-4f5e-8c77-2a1d4e9b0c11";

  final OtlpLogMapper mapper = new OtlpLogMapper(PSEUDONYMS);

  @Test
  void mapsTheExampleOfFormatsMd() throws OtlpFormatException {
    OtlpLogBatch batch =
        mapper.map(OtlpDecoder.decodeLogs(bytes(OtlpSamples.CLAUDE_LOGS), OtlpEncoding.JSON));

    assertEquals(2, batch.records());
    assertEquals(0, batch.ignored());
    assertEquals(0, batch.skipped());
    assertEquals(2, batch.mapped());
    UsageEvent event = batch.events().getFirst();
    assertEquals(1, batch.events().size());
    assertEquals("claude", event.source());
    assertEquals("otel:req_011CXyZ…", event.eventKey());
    assertNull(event.dedupGroup());
    assertFalse(event.sidechain());
    assertEquals(Instant.parse("2026-08-25T09:40:12.345Z"), event.timestamp());
    assertEquals(SESSION, event.sessionId());
    assertEquals("person:" + PSEUDONYMS.of("dev@example.com"), event.machineId());
    assertEquals("anthropic", event.provider());
    assertEquals("claude-sonnet-5", event.model());
    assertFalse(event.fast());
    // Anthropic's input already excludes the cache: nothing is subtracted.
    assertEquals(new TokenCounts(1834, 412, 51200, 2048, 0, 0), event.tokens());
    // 41200 micro-dollars, the exact figure, over the float cost_usd.
    assertEquals(0, new BigDecimal("0.0412").compareTo(event.reportedCostUsd()));

    SessionSignal commit = batch.signals().getFirst();
    assertEquals(1, batch.signals().size());
    assertEquals(Kind.COMMIT, commit.kind());
    assertEquals("9f2c1e7b4a5d6c8e0f1a2b3c4d5e6f708192a3b4", commit.commitRef());
    assertNull(commit.commitBranch());
    assertEquals("otel:c:toolu_01AbC…", commit.signalKey());
    assertEquals(SESSION, commit.sessionId());
    // The tool result names no person; the example leaves user.email off it.
    assertEquals(OtlpIdentity.UNKNOWN, commit.machineId());
    // No event.timestamp on it: the record's time.
    assertEquals(Instant.ofEpochSecond(1_787_650_019L), commit.timestamp());
    assertFalse(commit.toString().contains("fix: retry"), "the command line is never kept");
  }

  @Test
  void readsTheFloatCostWithoutMicrosAndFastMode() {
    UsageEvent event =
        only(
            event(
                "api_request",
                kv("session.id", SESSION),
                kv("request_id", "req_1"),
                kv("cost_usd", 0.0412),
                kv("speed", "fast")));
    assertEquals(0, new BigDecimal("0.0412").compareTo(event.reportedCostUsd()));
    assertTrue(event.fast());
    assertEquals("unknown", event.model(), "no model attribute");
    assertEquals(TokenCounts.ZERO, event.tokens());
  }

  @Test
  void readsNumbersSentAsStringsOrDoubles() {
    // Claude Code before v2.1.122 sent numeric attributes as strings.
    UsageEvent event =
        only(
            event(
                "api_request",
                kv("session.id", SESSION),
                kv("input_tokens", "1834"),
                kv("output_tokens", 412.0),
                kv("cache_read_tokens", " 51200 "),
                kv("cache_creation_tokens", 2048L),
                kv("cost_usd", "0.5")));
    assertEquals(new TokenCounts(1834, 412, 51200, 2048, 0, 0), event.tokens());
    assertEquals(0, new BigDecimal("0.5").compareTo(event.reportedCostUsd()));
  }

  @Test
  void keysTheEventByItsIdsInOrder() {
    assertEquals(
        "otel:client-1",
        only(event("api_request", kv("session.id", SESSION), kv("client_request_id", "client-1")))
            .eventKey());
    assertEquals(
        "otel:" + SESSION + "#42",
        only(event("api_request", kv("session.id", SESSION), kv("event.sequence", 42L)))
            .eventKey());
    assertTrue(
        only(event("api_request", kv("session.id", SESSION)))
            .eventKey()
            .matches("otel:h:[0-9a-f]{32}"));
  }

  @Test
  void timeComesFromTheEventThenTheRecordThenTheObservation() {
    var withTimestamp =
        event(
            "api_request",
            kv("session.id", SESSION),
            kv("event.timestamp", "2026-08-25T09:40:12.345Z"));
    assertEquals(Instant.parse("2026-08-25T09:40:12.345Z"), only(withTimestamp).timestamp());
    var withTime = event("api_request", kv("session.id", SESSION));
    assertEquals(Instant.ofEpochSecond(1_787_650_012L, 345_000_000L), only(withTime).timestamp());
    var observed =
        withTime.toBuilder().setTimeUnixNano(0).setObservedTimeUnixNano(1_000_000_000_123L).build();
    assertEquals(Instant.ofEpochSecond(1_000, 123), only(observed).timestamp());
  }

  @Test
  void aRedactedPromptIsALengthOnly() {
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("claude-code"),
                event(
                    "user_prompt",
                    kv("session.id", SESSION),
                    kv("prompt.id", "0c6d0a4e"),
                    kv("prompt_length", 27L),
                    kv("prompt", "<REDACTED>"))));
    SessionSignal prompt = batch.signals().getFirst();
    assertEquals(Kind.PROMPT, prompt.kind());
    assertEquals("otel:p:0c6d0a4e", prompt.signalKey());
    assertNull(prompt.textHash());
    assertEquals(27, prompt.textLength());
  }

  @Test
  void aPromptsTextIsKeptAsAHashOnly() {
    String text = "Please fix the login bug";
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("claude-code"),
                event(
                    "user_prompt",
                    kv("session.id", SESSION),
                    kv("message.uuid", "m-1"),
                    kv("prompt", text))));
    SessionSignal prompt = batch.signals().getFirst();
    assertEquals("otel:p:m-1", prompt.signalKey());
    assertEquals(SessionSignal.promptHash(text), prompt.textHash());
    assertEquals(text.length(), prompt.textLength());
    assertFalse(prompt.toString().contains("login"));
  }

  @Test
  void aToolResultWithoutACommitIsIgnored() {
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("claude-code"),
                event(
                    "tool_result",
                    kv("session.id", SESSION),
                    kv("tool_use_id", "t1"),
                    kv("tool_parameters", "{\"bash_command\":\"ls\"}")),
                event("tool_result", kv("session.id", SESSION), kv("tool_use_id", "t2")),
                event("tool_decision", kv("session.id", SESSION)),
                event("api_error", kv("session.id", SESSION), kv("status_code", 529L))));
    assertEquals(4, batch.records());
    assertEquals(4, batch.ignored());
    assertTrue(batch.signals().isEmpty());
  }

  @Test
  void findsTheCommitInParametersCutOffAfterIt() {
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("claude-code"),
                event(
                    "tool_result",
                    kv("session.id", SESSION),
                    kv("tool_use_id", "t1"),
                    kv(
                        "tool_parameters",
                        "{\"git_commit_id\":\"ABCDEF1234567\",\"full_command\":\"git commit -m \\\"a very lo"))));
    assertEquals("abcdef1234567", batch.signals().getFirst().commitRef());
  }

  @Test
  void aCommitIdThatIsNoShaIsABadRecord() {
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("claude-code"),
                event(
                    "tool_result",
                    kv("session.id", SESSION),
                    kv("tool_parameters", "{\"git_commit_id\":\"HEAD~1\"}"))));
    assertEquals(1, batch.skipped());
    assertEquals(
        "event 'tool_result' skipped: the 'git_commit_id' of attribute 'tool_parameters' is no commit"
            + " sha: 'HEAD~1'",
        batch.problems().getFirst().reason());
  }

  private UsageEvent only(io.opentelemetry.proto.logs.v1.LogRecord record) {
    OtlpLogBatch batch = mapper.map(logs(service("claude-code"), record));
    assertEquals(1, batch.events().size(), () -> batch.problems().toString());
    return batch.events().getFirst();
  }
}
