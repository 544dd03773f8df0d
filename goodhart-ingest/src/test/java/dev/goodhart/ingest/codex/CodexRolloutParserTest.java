package dev.goodhart.ingest.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodexRolloutParserTest {
  final ParserHarness codex =
      new ParserHarness(
          new CodexSource(),
          "2026/03/05/rollout-2026-03-05T10-00-00-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl");

  @Test
  void countsLastUsageSkipsRepeatsAndTakesTheGrowthOfTotals() throws BadRecordException {
    List<UsageEvent> events = codex.lines(ParserHarness.sample("codex_rollout_synthetic.jsonl"));

    assertEquals(3, events.size());
    assertEquals(new TokenCounts(8_000, 500, 2_000, 0, 0, 200), events.get(0).tokens());
    assertEquals(new TokenCounts(5_000, 800, 10_000, 0, 0, 400), events.get(1).tokens());
    assertEquals(new TokenCounts(7_000, 500, 8_000, 0, 0, 100), events.get(2).tokens());
    assertEquals(
        List.of("gpt-5-codex", "gpt-5-codex", "gpt-5.1-codex-mini"),
        events.stream().map(UsageEvent::model).toList());
    assertEquals("0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee", events.get(0).sessionId());
    assertEquals("/home/dev/work/alpha", events.get(0).cwd());
    assertEquals("main", events.get(0).gitBranch());
  }

  @Test
  void takesTheModelFromTheTokenCountWhenItNamesOne() throws BadRecordException {
    List<UsageEvent> events =
        codex.lines(ParserHarness.sample("codex_fixture_session-alpha.jsonl"));

    assertEquals(
        List.of("gpt-5.2-codex", "gpt-5.3-codex"), events.stream().map(UsageEvent::model).toList());
    assertEquals(new TokenCounts(2_000, 300, 500, 0, 0, 200), events.get(1).tokens());
  }

  @Test
  void resumingFromTheSavedStateGivesTheSameEvents() throws BadRecordException {
    codex.assertResumesAfterEveryLine(ParserHarness.sample("codex_rollout_synthetic.jsonl"));
  }

  @Test
  void theSameEventInAnArchivedCopyHasTheSameKey() throws BadRecordException {
    String rollout = ParserHarness.sample("codex_rollout_synthetic.jsonl");
    ParserHarness archived =
        new ParserHarness(
            new CodexSource(),
            "rollout-2026-03-05T10-00-00-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl");

    assertEquals(
        codex.lines(rollout).stream().map(UsageEvent::eventKey).toList(),
        archived.lines(rollout).stream().map(UsageEvent::eventKey).toList());
  }

  @Test
  void aRateLimitOnlyUpdateCountsNothing() throws BadRecordException {
    String line =
        """
        {"timestamp":"2026-03-05T10:00:05.000Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":3.0}}}}""";

    assertTrue(codex.lines(line).isEmpty());
  }

  @Test
  void aRunningTotalThatWouldOverflowIsABadRecord() {
    String line =
        """
        {"timestamp":"2026-03-05T10:00:05.000Z","type":"event_msg","payload":{"type":"token_count","info":{"last_token_usage":{"input_tokens":1000000000000000,"output_tokens":1000000000000000}}}}
        """;

    // Each call's quadrillion tokens is plausible; 9,224 of them overflow a long, and the
    // overflowed total made the next growth of the total an impossible count.
    BadRecordException e =
        assertThrows(BadRecordException.class, () -> codex.lines(line.repeat(9_224)));

    assertTrue(
        e.getMessage().startsWith("the session's running token total overflows"), e.getMessage());
  }

  @Test
  void aNegativeTotalInTheSavedStateStartsANewBaseline() throws BadRecordException {
    String damaged =
        "{\"session\":\"s\",\"total\":\"-9000000000000000000,0,0,-9000000000000000000,0\"}";
    String line =
        """
        {"timestamp":"2026-03-05T10:00:05.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":1000,"output_tokens":100}}}}""";

    List<UsageEvent> events = codex.lines(line, damaged);

    // Growth from the damaged total would be nine quintillion tokens.
    assertEquals(new TokenCounts(1_000, 100, 0, 0, 0, 0), events.getFirst().tokens());
  }
}
