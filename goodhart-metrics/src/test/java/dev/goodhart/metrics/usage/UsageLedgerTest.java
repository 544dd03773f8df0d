package dev.goodhart.metrics.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageLedgerTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

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

  /** Random requests over a year; the oracle buckets each by its own local date with java.time. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "UTC",
        "Pacific/Chatham",
        "Asia/Kathmandu",
        "America/St_Johns",
        "Europe/Berlin",
        "+00:07:30"
      })
  void daysWeeksAndMonthsFollowTheZoneExactly(String zoneName) {
    ZoneId zone = ZoneId.of(zoneName);
    Random random = new Random(42);
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 3_000; i++) {
      Instant at = start.plusSeconds(random.nextLong(365L * 86_400));
      fixture.add(
          "claude",
          at,
          "s" + (i % 40),
          "claude-sonnet-4-5",
          TokenCounts.of(1 + random.nextInt(1000), 1, 0, 0));
    }
    fixture.commit();

    for (UsageReportKind kind :
        List.of(UsageReportKind.DAILY, UsageReportKind.WEEKLY, UsageReportKind.MONTHLY)) {
      Map<String, Long> expected = new TreeMap<>();
      for (UsageEvent event : fixture.events) {
        LocalDate day = event.timestamp().atZone(zone).toLocalDate();
        expected.merge(UsageLedger.period(kind, day), event.tokens().input(), Long::sum);
      }
      Map<String, Long> actual = new TreeMap<>();
      for (UsageRow row : fixture.report(UsageQuery.of(kind, zone), CLOCK).rows()) {
        actual.put(row.period(), row.tokens().input());
      }
      assertEquals(expected, actual, kind + " in " + zone);
    }
  }

  @Test
  void sinceAndUntilAreWholeDaysOfTheZone() {
    ZoneId zone = ZoneId.of("Pacific/Chatham"); // +13:45 in March
    fixture.add(
        "claude",
        Instant.parse("2026-03-01T10:14:00Z"),
        "s",
        "claude-sonnet-4-5",
        TokenCounts.of(1, 0, 0, 0));
    fixture.add(
        "claude",
        Instant.parse("2026-03-01T10:15:00Z"),
        "s",
        "claude-sonnet-4-5",
        TokenCounts.of(2, 0, 0, 0));
    fixture.commit();

    UsageQuery query =
        new UsageQuery(
            UsageReportKind.DAILY,
            zone,
            LocalDate.parse("2026-03-02"),
            LocalDate.parse("2026-03-02"),
            null,
            List.of(),
            null,
            false,
            CostMode.AUTO);

    UsageReport report = fixture.report(query, CLOCK);
    assertEquals(1, report.rows().size());
    assertEquals("2026-03-02", report.rows().getFirst().period());
    assertEquals(
        2,
        report.totals().tokens().input(),
        "10:15Z is 00:00 on the 2nd in Chatham; 10:14Z is the 1st");
  }

  @Test
  void lastCountsPeriodsBackFromToday() {
    fixture.add(
        "claude",
        Instant.parse("2026-11-22T01:00:00Z"),
        "s",
        "claude-sonnet-4-5",
        TokenCounts.of(1, 0, 0, 0));
    fixture.add(
        "claude",
        Instant.parse("2026-11-20T01:00:00Z"),
        "s",
        "claude-sonnet-4-5",
        TokenCounts.of(2, 0, 0, 0));
    fixture.add(
        "claude",
        Instant.parse("2026-10-20T01:00:00Z"),
        "s",
        "claude-sonnet-4-5",
        TokenCounts.of(4, 0, 0, 0));
    fixture.commit();

    assertEquals(1, input(UsageReportKind.DAILY, 1));
    assertEquals(3, input(UsageReportKind.DAILY, 3));
    assertEquals(3, input(UsageReportKind.MONTHLY, 1));
    assertEquals(7, input(UsageReportKind.MONTHLY, 2));
    assertEquals(3, input(UsageReportKind.WEEKLY, 1), "Monday 2026-11-16 starts this week");
  }

  private long input(UsageReportKind kind, int last) {
    UsageQuery query =
        new UsageQuery(
            kind, ZoneOffset.UTC, null, null, last, List.of(), null, false, CostMode.AUTO);
    return fixture.report(query, CLOCK).totals().tokens().input();
  }

  @Test
  void everyReportPricesTheSameRequestsToTheSameDollars() {
    Random random = new Random(7);
    Instant start = Instant.parse("2026-02-01T00:00:00Z");
    for (int i = 0; i < 500; i++) {
      Instant at = start.plusSeconds(random.nextLong(40L * 86_400));
      boolean large = random.nextInt(10) == 0;
      fixture.add(
          i % 3 == 0 ? "codex" : "claude",
          at,
          "s" + (i % 17),
          i % 3 == 0 ? "gpt-5-codex" : i % 11 == 0 ? "mystery-model" : "claude-sonnet-4-5",
          new TokenCounts(
              large ? 150_000 : 1_000 + random.nextInt(5_000),
              random.nextInt(2_000),
              large ? 80_000 : random.nextInt(20_000),
              random.nextInt(3_000),
              random.nextInt(500),
              0));
    }
    fixture.commit();
    ZoneId zone = ZoneId.of("America/St_Johns");

    UsageReport daily = fixture.report(UsageQuery.of(UsageReportKind.DAILY, zone), CLOCK);
    for (UsageReportKind kind : UsageReportKind.values()) {
      UsageReport report = fixture.report(UsageQuery.of(kind, zone), CLOCK);
      assertEquals(daily.totals().tokens(), report.totals().tokens(), kind.name());
      assertEquals(0, daily.totals().cost().compareTo(report.totals().cost()), kind.name());
      assertEquals(daily.totals().unpricedTokens(), report.totals().unpricedTokens(), kind.name());
      assertEquals(daily.totals().requests(), report.totals().requests(), kind.name());
    }
    assertTrue(daily.totals().unpricedRequests() > 0);
    assertEquals("mystery-model", daily.unpriced().getFirst().model());

    BigDecimal oracle = BigDecimal.ZERO;
    for (UsageEvent event : fixture.events) {
      var price = LedgerFixture.PRICES.find(event.model());
      if (price.isPresent()) {
        oracle =
            oracle.add(
                price.get().cost(event.tokens(), price.get().isLongContext(event.tokens()), false));
      }
    }
    assertEquals(
        0, oracle.compareTo(daily.totals().cost()), "request by request pricing " + oracle);
  }
}
