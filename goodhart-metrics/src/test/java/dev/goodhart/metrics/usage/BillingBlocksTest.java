package dev.goodhart.metrics.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.TokenCounts;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BillingBlocksTest {
  @TempDir Path folder;
  LedgerFixture fixture;

  @BeforeEach
  void open() {
    fixture = new LedgerFixture(folder);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  void request(String source, String time, long input) {
    fixture.add(
        source, Instant.parse(time), "s", "claude-sonnet-4-5", TokenCounts.of(input, 0, 0, 0));
  }

  List<UsageRow> blocks(String now) {
    fixture.commit();
    Clock clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
    return fixture.report(UsageQuery.of(UsageReportKind.BLOCKS, ZoneOffset.UTC), clock).rows();
  }

  @Test
  void aBlockStartsAtTheHourOfItsFirstRequestAndLastsFiveHours() {
    request("claude", "2026-03-01T09:40:00Z", 1);
    request("claude", "2026-03-01T13:59:59Z", 2); // before 14:00, the block's end
    request("claude", "2026-03-01T14:00:00Z", 4); // at the end: a new block from 14:00

    List<UsageRow> rows = blocks("2026-03-02T00:00:00Z");

    assertEquals(2, rows.size());
    assertEquals("2026-03-01T09:00:00.000Z", rows.get(0).period());
    assertEquals(Instant.parse("2026-03-01T14:00:00Z"), rows.get(0).block().end());
    assertEquals(3, rows.get(0).tokens().input());
    assertEquals(Instant.parse("2026-03-01T13:59:59Z"), rows.get(0).block().actualEnd());
    assertEquals("2026-03-01T14:00:00.000Z", rows.get(1).period());
  }

  @Test
  void moreThanFiveHoursWithoutRequestsIsAGap() {
    request("claude", "2026-03-01T09:00:00Z", 1);
    request("claude", "2026-03-01T14:30:01Z", 2);

    List<UsageRow> rows = blocks("2026-03-02T00:00:00Z");

    assertEquals(3, rows.size());
    UsageRow gap = rows.get(1);
    assertTrue(gap.block().gap());
    assertEquals("gap-2026-03-01T14:00:00.000Z", gap.period());
    assertEquals(Instant.parse("2026-03-01T14:30:01Z"), gap.block().end());
    assertEquals(0, gap.tokens().total());
  }

  @Test
  void eachAgentHasItsOwnBlocks() {
    request("claude", "2026-03-01T09:10:00Z", 1);
    request("codex", "2026-03-01T09:20:00Z", 2);
    request("claude", "2026-03-01T10:00:00Z", 4);

    List<UsageRow> rows = blocks("2026-03-02T00:00:00Z");

    assertEquals(2, rows.size());
    assertEquals(List.of("claude", "codex"), rows.stream().map(r -> r.block().source()).toList());
    assertEquals(5, rows.get(0).tokens().input());
  }

  @Test
  void theActiveBlockHasABurnRateAndAProjection() {
    request("claude", "2026-03-01T09:00:00Z", 1_000);
    request("claude", "2026-03-01T09:10:00Z", 1_000);

    UsageRow active = blocks("2026-03-01T09:30:00Z").getFirst();

    assertTrue(active.block().active());
    BlockDetails.BurnRate rate = active.block().burnRate();
    assertNotNull(rate);
    assertEquals(
        0, new BigDecimal("200").compareTo(rate.tokensPerMinute()), "2,000 tokens in 10 minutes");
    BlockDetails.Projection projection = active.block().projection();
    assertEquals(270, projection.remainingMinutes(), "09:30 to 14:00");
    assertEquals(2_000 + 200 * 270, projection.totalTokens());
  }

  @Test
  void aFinishedBlockIsNotActive() {
    request("claude", "2026-03-01T09:00:00Z", 1);

    UsageRow block = blocks("2026-03-01T15:00:00Z").getFirst();

    assertFalse(block.block().active());
    assertNull(block.block().burnRate());
  }
}
