package dev.goodhart.ingest.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpenCodeSourceTest {
  final ParserHarness opencode = new ParserHarness(new OpenCodeSource(), "session-a/msg-1.json");

  @Test
  void readsAnAssistantMessage() throws BadRecordException {
    UsageEvent event =
        opencode.document(ParserHarness.sample("opencode_storage_message_fixture.json")).getFirst();

    assertEquals(TokenCounts.of(100, 50, 10, 20), event.tokens());
    assertEquals(new BigDecimal("0.02"), event.reportedCostUsd());
    assertEquals(Instant.parse("2026-01-02T00:00:00Z"), event.timestamp());
    assertEquals("session-a", event.sessionId());
    assertEquals("anthropic", event.provider());
    assertEquals("m:msg-1", event.eventKey());
  }

  @Test
  void reasoningIsBilledAsOutput() throws BadRecordException {
    String message =
        """
        {"id":"msg-2","sessionID":"s","role":"assistant","modelID":"gpt-5","providerID":"openai","time":{"created":1767312000000},"tokens":{"input":10,"output":5,"reasoning":7,"cache":{"read":0,"write":0}}}""";

    assertEquals(
        new TokenCounts(10, 12, 0, 0, 0, 7), opencode.document(message).getFirst().tokens());
  }

  @Test
  void aUserMessageCountsNothing() throws BadRecordException {
    assertTrue(
        opencode
            .document(
                "{\"id\":\"msg-3\",\"sessionID\":\"s\",\"role\":\"user\",\"time\":{\"created\":1767312000000}}")
            .isEmpty());
  }

  @Test
  void aFileThatStartsWithNulBytesIsABadRecordThatSaysSo() {
    // Found by ParserFuzzTest: Jackson read the NULs as UTF-32, and its complaint counted bytes
    // from the start of the buffer rather than of the record.
    BadRecordException e =
        assertThrows(BadRecordException.class, () -> opencode.document("\0\0\0{\"id\":\"msg-1\"}"));

    assertEquals(
        "not UTF-8 JSON: byte 1 of the record is NUL (zero-filled by a crash, or UTF-16)",
        e.getMessage());
  }

  @Test
  void aCostWithAnImpossibleExponentIsABadRecord() {
    String message =
        """
        {"id":"msg-5","sessionID":"s","time":{"created":1767312000000},"tokens":{"input":1,"output":1},"cost":1e-2147483648}""";

    // Found by ParserFuzzTest: a NumberFormatException escaped the parser.
    BadRecordException e = assertThrows(BadRecordException.class, () -> opencode.document(message));

    assertEquals("field 'cost' is not a plausible amount: '1e-2147483648'", e.getMessage());
  }
}
