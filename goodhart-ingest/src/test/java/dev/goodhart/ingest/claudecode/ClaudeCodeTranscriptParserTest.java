package dev.goodhart.ingest.claudecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaudeCodeTranscriptParserTest {
  final ParserHarness claude =
      new ParserHarness(new ClaudeCodeSource(), "-home-dev-work-alpha/s.jsonl");

  @Test
  void readsEveryContentBlockLineOfARequestUnderOneKey() throws BadRecordException {
    List<UsageEvent> events =
        claude.lines(ParserHarness.sample("claude_synthetic_realistic_session.jsonl"));

    assertEquals(
        3, events.size(), "the importer merges the three copies; the parser reports each line");
    UsageEvent first = events.getFirst();
    assertEquals("m:msg_A1|r:req_A1", first.eventKey());
    assertEquals("msg_A1", first.dedupGroup());
    assertEquals(events.get(1).eventKey(), events.get(2).eventKey());
    assertEquals(new TokenCounts(10, 420, 12_000, 8_000, 0, 0), first.tokens());
    assertEquals(Instant.parse("2026-03-01T09:00:02Z"), first.timestamp());
    assertEquals("11111111-aaaa-4aaa-8aaa-000000000001", first.sessionId());
    assertEquals("/home/dev/work/alpha", first.cwd());
    assertEquals("main", first.gitBranch());
    assertEquals("-home-dev-work-alpha", first.project());
    assertEquals("claude-sonnet-4-5-20250929", first.model());
    assertFalse(first.sidechain());
    assertNull(first.reportedCostUsd());
  }

  @Test
  void marksSidechainCopies() throws BadRecordException {
    List<UsageEvent> events =
        claude.lines(ParserHarness.sample("claude_synthetic_subagent_with_sidechain_replay.jsonl"));

    assertEquals(2, events.size());
    assertTrue(events.stream().allMatch(UsageEvent::sidechain));
    assertEquals("m:msg_B1|r:req_B1_replay", events.get(1).eventKey());
    assertEquals("msg_B1", events.get(1).dedupGroup());
  }

  @Test
  void readsTheCostTheLogCarriesExactlyAndFastMode() throws BadRecordException {
    List<UsageEvent> events =
        claude.lines(ParserHarness.sample("claude_fixture_project-alpha_session-alpha_chat.jsonl"));

    assertEquals(3, events.size());
    assertEquals(new BigDecimal("0.12"), events.get(0).reportedCostUsd());
    assertFalse(events.get(0).fast());
    assertTrue(events.get(1).fast());
    assertEquals("session-alpha", events.get(1).sessionId());
  }

  @Test
  void splitsCacheWritesIntoFiveMinuteAndOneHour() throws BadRecordException {
    String line =
        """
        {"timestamp":"2026-03-01T09:00:00Z","message":{"id":"m","model":"claude-opus-4-6","usage":{"input_tokens":1,"output_tokens":2,"cache_creation_input_tokens":1000,"cache_read_input_tokens":3,"cache_creation":{"ephemeral_5m_input_tokens":400,"ephemeral_1h_input_tokens":600}}},"requestId":"r"}""";

    TokenCounts tokens = claude.lines(line).getFirst().tokens();

    assertEquals(new TokenCounts(1, 2, 3, 400, 600, 0), tokens);
    assertEquals(1000, tokens.cacheWrite());
  }

  @Test
  void onlyAssistantEntriesCountAndEscapedKeysAreTheSameKeys() throws BadRecordException {
    String assistant =
        """
        {"type":"assistant","timestamp":"2026-03-01T09:00:00Z","requestId":"r","message":{"id":"m","model":"claude-opus-4-6","\\u0075sage":{"input_tokens":7,"output_tokens":2}}}""";
    String user =
        """
        {"type":"user","timestamp":"2026-03-01T09:00:00Z","message":{"id":"m2","usage":{"input_tokens":9}},"toolUseResult":{"usage":{"input_tokens":5}}}""";

    List<UsageEvent> events = claude.lines(assistant + "\n" + user);

    assertEquals(1, events.size(), "a user entry carries no API usage, whatever it quotes");
    assertEquals(7, events.getFirst().tokens().input());
  }

  @Test
  void aLineWithoutAMessageIdKeysOnItsPlace() throws BadRecordException {
    String line =
        """
        {"timestamp":"2026-03-01T09:00:00Z","requestId":"r4","message":{"model":"m","usage":{"input_tokens":1,"output_tokens":0}}}""";

    List<UsageEvent> events = claude.lines(line + "\n" + line);

    assertEquals("l:-home-dev-work-alpha/s.jsonl:1", events.get(0).eventKey());
    assertEquals("l:-home-dev-work-alpha/s.jsonl:2", events.get(1).eventKey());
    assertNull(events.get(0).dedupGroup());
  }

  @Test
  void ignoresWhatIsNotAnApiResponse() throws BadRecordException {
    String lines =
        """
        {"type":"summary","summary":"Refactor","leafUuid":"x"}
        {"type":"user","message":{"role":"user","content":"what is the usage of this flag?"},"timestamp":"2026-03-01T09:00:00Z"}
        {"type":"assistant","timestamp":"2026-03-01T09:00:00Z","message":{"id":"e","model":"<synthetic>","usage":{"input_tokens":0,"output_tokens":0}},"isApiErrorMessage":true}
        """;

    assertTrue(claude.lines(lines).isEmpty());
  }

  @Test
  void aResponseWithoutATimeIsABadRecord() {
    String line = "{\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":1}}}";

    BadRecordException e = assertThrows(BadRecordException.class, () -> claude.lines(line));
    assertEquals("a line with 'message.usage' has no 'timestamp'", e.getMessage());
  }

  @Test
  void wrongTypesNameTheFieldAndTheValue() {
    String line =
        "{\"timestamp\":\"2026-03-01T09:00:00Z\",\"message\":{\"id\":\"m\",\"usage\":{\"output_tokens\":-5}}}";

    BadRecordException e = assertThrows(BadRecordException.class, () -> claude.lines(line));
    assertEquals(
        "field 'message.usage.output_tokens' must not be negative, found '-5'", e.getMessage());
  }

  @Test
  void aTimeOutsideTheYears1970To2100IsABadRecord() throws BadRecordException {
    String line =
        "{\"timestamp\":\"%s\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":1}}}";

    // Found by ParserFuzzTest: the year 300,000 overflowed the store's microsecond timestamps.
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () -> claude.lines(line.formatted("+300000-01-01T00:00:00Z")));
    assertEquals(
        "field 'timestamp' is not a plausible time (1970 to 2100): '+300000-01-01T00:00:00Z'",
        e.getMessage());
    assertThrows(
        BadRecordException.class, () -> claude.lines(line.formatted("1969-12-31T23:59:59Z")));
    assertEquals(1, claude.lines(line.formatted("2100-01-01T00:00:00Z")).size());
  }

  @Test
  void aCostNoAmountCanBeIsABadRecord() {
    String line =
        "{\"timestamp\":\"2026-03-01T09:00:00Z\",\"costUSD\":%s,\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":1}}}";

    // Found by ParserFuzzTest: BigDecimal cannot hold this exponent, and Jackson's
    // NumberFormatException escaped the parser.
    BadRecordException e =
        assertThrows(
            BadRecordException.class, () -> claude.lines(line.formatted("1e999999999999")));
    assertEquals("field 'costUSD' is not a plausible amount: '1e999999999999'", e.getMessage());
    // Neither fits the store's DECIMAL(38, 18) column once rounded to 18 decimals.
    assertThrows(BadRecordException.class, () -> claude.lines(line.formatted("1e400")));
    assertThrows(BadRecordException.class, () -> claude.lines(line.formatted("1e-2147483647")));
  }
}
