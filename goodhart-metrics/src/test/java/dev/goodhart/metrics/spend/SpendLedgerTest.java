package dev.goodhart.metrics.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.goodhart.metrics.usage.CostMode;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.metrics.usage.UsageLedger;
import dev.goodhart.metrics.usage.UsageQuery;
import dev.goodhart.metrics.usage.UsageReport;
import dev.goodhart.metrics.usage.UsageReportKind;
import dev.goodhart.model.ImportBatch;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorUsage;
import dev.goodhart.model.pricing.ModelPrice;
import dev.goodhart.model.pricing.PriceTable;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Billed beside observed, per UTC day, on a real store: one test per rule of {@link SpendLedger}.
 */
class SpendLedgerTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-08-10T12:00:00Z"), ZoneOffset.UTC);
  static final PriceTable PRICES =
      PriceTable.of(
          "test prices",
          java.util.Map.of(
              "claude-sonnet-4-5",
              new ModelPrice(
                  "claude-sonnet-4-5",
                  new ModelPrice.PublishedRates(
                      new BigDecimal("0.000003"), new BigDecimal("0.000015"), null, null),
                  null,
                  null)));
  static final Pricer PRICER = new Pricer(PRICES, CostMode.AUTO);

  @TempDir Path folder;
  DuckDbStore store;
  final List<UsageEvent> events = new ArrayList<>();

  @BeforeEach
  void open() {
    store = DuckDbStore.open(folder, new DuckDbStore.Settings("128MB", 2));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** A request of 1,000,000 input tokens: $3 at the test's price. */
  void request(String at) {
    events.add(
        new UsageEvent(
            "claude",
            "k" + events.size(),
            null,
            false,
            Instant.parse(at),
            "s1",
            "p",
            "/w",
            "main",
            "m1",
            null,
            "claude-sonnet-4-5",
            false,
            TokenCounts.of(1_000_000, 0, 0, 0),
            null));
  }

  void bill(Vendor vendor, String report, String day, String dollars, boolean estimated) {
    Instant start = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    store.recordVendorUsage(
        List.of(
            VendorUsage.builder(vendor, report, start, start.plus(Duration.ofDays(1)))
                .lineKey("line=" + dollars)
                .amount(new BigDecimal(dollars))
                .estimated(estimated)
                .build()),
        List.of());
  }

  SpendReport report(SpendQuery query) {
    store.commit(new ImportBatch(events, List.of()));
    return new SpendLedger(store, store, PRICER, CLOCK).report(query);
  }

  static void assertMoney(String expected, BigDecimal actual) {
    assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> expected + " != " + actual);
  }

  @Test
  void eachDayListsTheBillsObservedSpendAndTheGap() {
    bill(Vendor.ANTHROPIC, "cost_report", "2026-08-01", "10.5", false);
    bill(Vendor.OPENAI, "costs", "2026-08-03", "0.25", false);
    request("2026-08-01T09:00:00Z");
    request("2026-08-02T23:59:59Z");

    SpendReport report = report(SpendQuery.ALL);

    assertEquals(LocalDate.parse("2026-08-01"), report.from());
    assertEquals(3, report.days().size(), "every day from the first to the last, zeros included");
    SpendReport.Figures first = report.days().getFirst().figures();
    assertMoney("10.5", first.billed().get(Vendor.ANTHROPIC));
    assertMoney("0", first.billed().get(Vendor.OPENAI));
    assertNull(first.billed().get(Vendor.COPILOT), "no Copilot bill was imported");
    assertMoney("10.5", first.billedTotal());
    assertMoney("3", first.observed());
    assertMoney("7.5", first.gap());
    SpendReport.Figures second = report.days().get(1).figures();
    assertMoney("-3", second.gap()); // observed spend no bill covers
    assertMoney("10.75", report.totals().billedTotal());
    assertMoney("6", report.totals().observed());
    assertMoney("4.75", report.totals().gap());
  }

  @Test
  void observedIsWhatUsageDailyGivesForTheSameUtcDays() {
    request("2026-08-01T00:00:00Z");
    request("2026-08-01T23:30:00Z");
    request("2026-08-02T00:30:00Z");

    SpendReport report = report(SpendQuery.ALL);

    UsageReport daily =
        new UsageLedger(store, PRICER, CLOCK)
            .report(UsageQuery.of(UsageReportKind.DAILY, ZoneOffset.UTC));
    for (int i = 0; i < daily.rows().size(); i++) {
      assertEquals(daily.rows().get(i).period(), report.days().get(i).date().toString());
      assertMoney(
          daily.rows().get(i).cost().toPlainString(), report.days().get(i).figures().observed());
    }
    assertNull(report.totals().gap(), "nothing billed, no gap");
    assertFalse(report.hasBills());
  }

  @Test
  void aVendorsBillForADayReplacesItsEstimates() {
    bill(Vendor.ANTHROPIC, "cost_report", "2026-08-01", "20", false);
    bill(Vendor.ANTHROPIC, "claude_code", "2026-08-01", "18.5", true);
    bill(Vendor.ANTHROPIC, "claude_code", "2026-08-02", "4", true);

    SpendReport report = report(SpendQuery.ALL);

    assertMoney("20", report.days().get(0).figures().billed().get(Vendor.ANTHROPIC));
    assertEquals(List.of(), report.days().get(0).figures().estimated());
    assertMoney("4", report.days().get(1).figures().billed().get(Vendor.ANTHROPIC));
    assertEquals(List.of(Vendor.ANTHROPIC), report.days().get(1).figures().estimated());
  }

  @Test
  void aMonthsRowCountsOnItsFirstDayUnlessItsDaysWereReadOneByOne() {
    Instant july = Instant.parse("2026-07-01T00:00:00Z");
    Instant august = Instant.parse("2026-08-01T00:00:00Z");
    store.recordVendorUsage(
        List.of(
            VendorUsage.builder(Vendor.COPILOT, "premium_requests", july, august)
                .lineKey("period=month")
                .amount(new BigDecimal("48.01"))
                .build(),
            VendorUsage.builder(
                    Vendor.COPILOT,
                    "premium_requests",
                    august,
                    Instant.parse("2026-09-01T00:00:00Z"))
                .lineKey("period=month")
                .amount(new BigDecimal("60"))
                .build()),
        List.of());
    bill(Vendor.COPILOT, "premium_requests", "2026-08-02", "1.52", false);

    SpendReport report = report(SpendQuery.ALL);

    assertEquals(LocalDate.parse("2026-07-01"), report.from());
    assertMoney("48.01", report.days().getFirst().figures().billed().get(Vendor.COPILOT));
    assertMoney("1.52", report.totals().billedTotal().subtract(new BigDecimal("48.01")));
  }

  @Test
  void sinceAndUntilBoundTheDaysListed() {
    bill(Vendor.CURSOR, "usage_events", "2026-08-01", "1", false);
    bill(Vendor.CURSOR, "usage_events", "2026-08-05", "2", false);
    request("2026-08-03T12:00:00Z");

    SpendReport report =
        report(new SpendQuery(LocalDate.parse("2026-08-02"), LocalDate.parse("2026-08-04")));

    assertEquals(3, report.days().size());
    assertNull(report.totals().billed().get(Vendor.CURSOR), "no bill of these days was imported");
    assertMoney("3", report.totals().observed());
    assertNull(report.totals().gap());
  }
}
