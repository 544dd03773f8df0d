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

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.SessionSignal.Kind;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Codex's events (FORMATS.md §2.2) into usage events, prompts and commits. */
class OtlpCodexTest {
  private static final String CONVERSATION = "0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee";

  final OtlpLogMapper mapper = new OtlpLogMapper(PSEUDONYMS);

  @Test
  void mapsACompletedResponseWithCountsSentAsStrings() throws OtlpFormatException {
    OtlpLogBatch batch =
        mapper.map(OtlpDecoder.decodeLogs(bytes(OtlpSamples.CODEX_LOGS), OtlpEncoding.JSON));

    assertEquals(4, batch.records());
    assertEquals(1, batch.ignored(), "the text delta carries no usage");
    assertEquals(0, batch.skipped(), () -> batch.problems().toString());
    UsageEvent event = batch.events().getFirst();
    assertEquals(1, batch.events().size());
    assertEquals("codex", event.source());
    assertEquals("openai", event.provider());
    assertEquals("gpt-5.3-codex", event.model());
    assertEquals(CONVERSATION, event.sessionId());
    assertEquals(Instant.parse("2026-08-25T09:41:40Z"), event.timestamp());
    assertEquals("person:" + PSEUDONYMS.of("dev@example.com"), event.machineId());
    // Input 1200 includes the 1000 cached; output 300 includes the 100 of reasoning.
    assertEquals(new TokenCounts(200, 300, 1000, 0, 0, 100), event.tokens());
    assertEquals(
        "otel:" + CONVERSATION + "@2026-08-25T09:41:40.000Z|1200,1000,300,100", event.eventKey());
    assertNull(event.reportedCostUsd());

    List<SessionSignal> signals = batch.signals();
    assertEquals(
        List.of(Kind.PROMPT, Kind.COMMIT), signals.stream().map(SessionSignal::kind).toList());
    SessionSignal prompt = signals.get(0);
    assertNull(prompt.textHash(), "[REDACTED] is no prompt text");
    assertEquals(27, prompt.textLength());
    assertEquals("otel:p:" + CONVERSATION + "@2026-08-25T09:41:30.000Z", prompt.signalKey());
    SessionSignal commit = signals.get(1);
    assertEquals("0123abcd", commit.commitRef());
    assertEquals("main", commit.commitBranch());
    assertEquals("otel:c:call_7:0123abcd", commit.signalKey());
    assertEquals(CONVERSATION, commit.sessionId());
    assertFalse(commit.toString().contains("flaky"), "tool output is never kept");
  }

  @Test
  void readsTheCommitFromOutputWrappedAsJson() {
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("codex_exec"),
                event(
                    "codex.tool_result",
                    kv("conversation.id", CONVERSATION),
                    kv("call_id", "call_9"),
                    kv(
                        "output",
                        "{\"output\":\"[detached HEAD 89abcdef0] revert\\n\",\"metadata\":{\"exit_code\":0}}"))));
    SessionSignal commit = batch.signals().getFirst();
    assertEquals("89abcdef0", commit.commitRef());
    assertNull(commit.commitBranch());
  }

  @Test
  void cachedTokensBeyondInputAreABadRecord() {
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("codex_tui"),
                event(
                    "codex.sse_event",
                    kv("event.kind", "response.completed"),
                    kv("conversation.id", CONVERSATION),
                    kv("input_token_count", "10"),
                    kv("cached_token_count", 20L))));
    assertEquals(1, batch.skipped());
    assertEquals(
        "event 'codex.sse_event' skipped: attribute 'cached_token_count' (20) exceeds"
            + " 'input_token_count' (10), which includes it",
        batch.problems().getFirst().reason());
  }

  @Test
  void aCompletedResponseWithoutCountsIsIgnored() {
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("Codex Desktop"),
                event(
                    "codex.sse_event",
                    kv("event.kind", "response.completed"),
                    kv("conversation.id", CONVERSATION)),
                event("codex.api_request", kv("conversation.id", CONVERSATION)),
                event("codex.tool_decision", kv("conversation.id", CONVERSATION))));
    assertEquals(3, batch.ignored());
  }
}
