package dev.goodhart.ingest.otlp;

import static dev.goodhart.ingest.otlp.Otlp.PSEUDONYMS;
import static dev.goodhart.ingest.otlp.Otlp.bytes;
import static dev.goodhart.ingest.otlp.Otlp.event;
import static dev.goodhart.ingest.otlp.Otlp.kv;
import static dev.goodhart.ingest.otlp.Otlp.kvList;
import static dev.goodhart.ingest.otlp.Otlp.logs;
import static dev.goodhart.ingest.otlp.Otlp.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.SessionSignal.Kind;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Gemini CLI's events (FORMATS.md §3.2) and the GenAI conventions' inference event (§7) into usage
 * events and signals.
 */
class OtlpGeminiTest {
  final OtlpLogMapper mapper = new OtlpLogMapper(PSEUDONYMS);

  @Test
  void countsAResponseOnceThoughGeminiLogsItTwice() throws OtlpFormatException {
    OtlpLogBatch batch =
        mapper.map(OtlpDecoder.decodeLogs(bytes(OtlpSamples.GEMINI_LOGS), OtlpEncoding.JSON));

    assertEquals(3, batch.records());
    assertEquals(1, batch.ignored(), "the GenAI copy of the response");
    assertEquals(1, batch.events().size());
    UsageEvent event = batch.events().getFirst();
    assertEquals("gemini", event.source());
    assertEquals("google", event.provider());
    assertEquals("gemini-3-pro", event.model());
    assertEquals("5f1c9a0e", event.sessionId());
    assertEquals(Instant.parse("2026-08-25T09:41:00.120Z"), event.timestamp());
    assertEquals("person:" + PSEUDONYMS.of("dev@example.com"), event.machineId());
    // Input 48213 includes 40960 cached: 7253 uncached, plus 0 tool tokens. Output 911 plus 350
    // thinking tokens, which are kept as reasoning too.
    assertEquals(new TokenCounts(7253, 1261, 40960, 0, 0, 350), event.tokens());
    assertEquals(49474, event.tokens().total(), "Gemini's own total_token_count");
    assertEquals("otel:5f1c9a0e|5f1c9a0e########3@2026-08-25T09:41:00.120Z", event.eventKey());

    SessionSignal edit = batch.signals().getFirst();
    assertEquals(Kind.EDIT, edit.kind());
    assertEquals(12, edit.lines());
    assertEquals(
        "otel:e:5f1c9a0e|5f1c9a0e########3|replace@2026-08-25T09:41:10.000Z", edit.signalKey());
    assertFalse(edit.toString().contains("secret code"), "function arguments are never kept");
  }

  @Test
  void readsAddedLinesFlattenedOrAsJsonAndIgnoresCallsThatAddNone() {
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("gemini-cli"),
                event(
                    "gemini_cli.tool_call",
                    kv("session.id", "s"),
                    kv("metadata.model_added_lines", 4L)),
                event(
                    "gemini_cli.tool_call",
                    kv("session.id", "s"),
                    kv("metadata", "{\"model_added_lines\":\"5\"}")),
                event("gemini_cli.tool_call", kv("session.id", "s"), kv("model_added_lines", 6.0)),
                event(
                    "gemini_cli.tool_call",
                    kv("session.id", "s"),
                    kvList("metadata", kv("model_added_lines", 0L))),
                event("gemini_cli.tool_call", kv("session.id", "s"))));
    assertEquals(
        java.util.List.of(4L, 5L, 6L), batch.signals().stream().map(SessionSignal::lines).toList());
    assertEquals(2, batch.ignored());
  }

  @Test
  void aPromptIsKeyedByItsPromptId() {
    String text = "add a retry to the upload";
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("gemini-cli"),
                event(
                    "gemini_cli.user_prompt",
                    kv("session.id", "s"),
                    kv("prompt_id", "s########1"),
                    kv("prompt_length", (long) text.length()),
                    kv("prompt", text))));
    SessionSignal prompt = batch.signals().getFirst();
    assertEquals("otel:p:s########1", prompt.signalKey());
    assertEquals(SessionSignal.promptHash(text), prompt.textHash());
    assertEquals(25, prompt.textLength());
  }

  @Test
  void readsTheGenAiInferenceEventOfOtherServicesWithTheOldNames() {
    OtlpLogBatch batch =
        mapper.map(
            logs(
                service("my-agent"),
                event(
                    "gen_ai.client.inference.operation.details",
                    kv("gen_ai.system", "anthropic"),
                    kv("gen_ai.request.model", "claude-sonnet-5"),
                    kv("gen_ai.response.model", "claude-sonnet-5-20260701"),
                    kv("gen_ai.response.id", "msg_01"),
                    kv("gen_ai.conversation.id", "conv-1"),
                    kv("gen_ai.usage.prompt_tokens", 55082L),
                    kv("gen_ai.usage.completion_tokens", 412L),
                    kv("gen_ai.usage.cache_read.input_tokens", 51200L),
                    kv("gen_ai.usage.cache_creation.input_tokens", 2048L))));
    UsageEvent event = batch.events().getFirst();
    assertEquals("my-agent", event.source());
    assertEquals("anthropic", event.provider());
    assertEquals("claude-sonnet-5-20260701", event.model());
    assertEquals("conv-1", event.sessionId());
    assertEquals("otel:msg_01", event.eventKey());
    // The conventions' input includes cache reads and writes: 55082 - 51200 - 2048 = 1834.
    assertEquals(new TokenCounts(1834, 412, 51200, 2048, 0, 0), event.tokens());
  }

  @Test
  void readsTheCurrentNamesAndIgnoresTheEventFromTheAgentsThemselves() {
    var inference =
        event(
            "gen_ai.client.inference.operation.details",
            kv("gen_ai.provider.name", "openai"),
            kv("gen_ai.request.model", "gpt-5"),
            kv("session.id", "s"),
            kv("gen_ai.usage.input_tokens", 100L),
            kv("gen_ai.usage.output_tokens", 50L),
            kv("gen_ai.usage.reasoning.output_tokens", 20L));
    UsageEvent event = mapper.map(logs(service("other"), inference)).events().getFirst();
    assertEquals(new TokenCounts(100, 50, 0, 0, 0, 20), event.tokens());
    assertEquals("openai", event.provider());
    assertEquals("gpt-5", event.model());
    for (String agent : new String[] {"claude-code", "codex_cli_rs", "gemini-cli"}) {
      assertEquals(1, mapper.map(logs(service(agent), inference)).ignored(), agent);
    }
  }
}
