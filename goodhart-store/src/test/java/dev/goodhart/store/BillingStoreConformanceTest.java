package dev.goodhart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorCursor;
import dev.goodhart.model.billing.VendorUsage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link BillingStore} must do with vendors' reports: a row read twice is one row,
 * overlapping saves add up to the bill once, a bucket read under another grouping replaces the
 * stored one, money stays exact, and an API import's cursor only moves forward.
 */
public abstract class BillingStoreConformanceTest {
  protected static final Instant DAY1 = Instant.parse("2026-08-01T00:00:00Z");
  protected static final Instant DAY2 = Instant.parse("2026-08-02T00:00:00Z");
  protected static final Instant DAY3 = Instant.parse("2026-08-03T00:00:00Z");

  @TempDir protected Path folder;
  protected BillingStore store;

  protected abstract BillingStore open(Path folder);

  protected abstract void close(BillingStore store);

  @BeforeEach
  void openStore() {
    store = open(folder);
  }

  @AfterEach
  void closeStore() {
    close(store);
  }

  private void reopen() {
    close(store);
    store = open(folder);
  }

  private static VendorUsage cost(Instant day, String key, String grouping, String dollars) {
    return VendorUsage.builder(Vendor.ANTHROPIC, "cost_report", day, day.plus(Duration.ofDays(1)))
        .lineKey(key)
        .grouping(grouping)
        .amount(new BigDecimal(dollars))
        .build();
  }

  private @Nullable BigDecimal billed(Vendor vendor, String report, LocalDate day) {
    return store.vendorUsageByDay(day, day).stream()
        .filter(d -> d.vendor() == vendor && d.report().equals(report))
        .map(VendorDaily::amountUsd)
        .reduce(null, (a, b) -> a == null ? b : b == null ? a : a.add(b));
  }

  private static LocalDate day(Instant start) {
    return LocalDate.ofInstant(start, java.time.ZoneOffset.UTC);
  }

  @Test
  void aPageReadTwiceIsStoredOnce() {
    List<VendorUsage> page =
        List.of(
            cost(DAY1, "workspace=a|description=input", "workspace_id,description", "1.2345"),
            cost(DAY1, "workspace=b|description=input", "workspace_id,description", "0.0001"));

    store.recordVendorUsage(page, List.of());
    store.recordVendorUsage(page, List.of());
    reopen();

    assertEquals(
        new BigDecimal("1.2346"),
        billed(Vendor.ANTHROPIC, "cost_report", day(DAY1)).stripTrailingZeros());
    assertEquals(2, store.vendorUsageByDay(null, null).getFirst().rows());
  }

  @Test
  void overlappingPagesAddUpToTheBillOnce() {
    String g = "workspace_id";
    store.recordVendorUsage(
        List.of(cost(DAY1, "workspace=a", g, "10"), cost(DAY2, "workspace=a", g, "20")), List.of());
    store.recordVendorUsage(
        List.of(cost(DAY2, "workspace=a", g, "20"), cost(DAY3, "workspace=a", g, "30")), List.of());

    assertEquals(
        0, new BigDecimal("10").compareTo(billed(Vendor.ANTHROPIC, "cost_report", day(DAY1))));
    assertEquals(
        0, new BigDecimal("20").compareTo(billed(Vendor.ANTHROPIC, "cost_report", day(DAY2))));
    assertEquals(
        0, new BigDecimal("30").compareTo(billed(Vendor.ANTHROPIC, "cost_report", day(DAY3))));
  }

  @Test
  void aLaterReadingOfARowReplacesItsFigures() {
    store.recordVendorUsage(List.of(cost(DAY1, "workspace=a", "workspace_id", "1.00")), List.of());
    store.recordVendorUsage(List.of(cost(DAY1, "workspace=a", "workspace_id", "1.50")), List.of());

    assertEquals(
        0, new BigDecimal("1.5").compareTo(billed(Vendor.ANTHROPIC, "cost_report", day(DAY1))));
  }

  @Test
  void aBucketReadUnderAnotherGroupingReplacesTheStoredRows() {
    store.recordVendorUsage(
        List.of(
            cost(DAY1, "workspace=a", "workspace_id", "3"),
            cost(DAY1, "workspace=b", "workspace_id", "4"),
            cost(DAY2, "workspace=a", "workspace_id", "5")),
        List.of());

    // The same first day, saved again without grouping: one row of the day's whole amount.
    store.recordVendorUsage(List.of(cost(DAY1, "", "", "7")), List.of());

    assertEquals(
        0, new BigDecimal("7").compareTo(billed(Vendor.ANTHROPIC, "cost_report", day(DAY1))));
    assertEquals(
        0,
        new BigDecimal("5").compareTo(billed(Vendor.ANTHROPIC, "cost_report", day(DAY2))),
        "other days stay");
  }

  @Test
  void ofOneBucketsGroupingsInABatchTheLastIsKept() {
    store.recordVendorUsage(
        List.of(
            cost(DAY1, "workspace=a", "workspace_id", "3"),
            cost(DAY1, "workspace=b", "workspace_id", "4"),
            cost(DAY1, "model=x", "model", "6"),
            cost(DAY1, "model=y", "model", "1")),
        List.of());

    assertEquals(
        0, new BigDecimal("7").compareTo(billed(Vendor.ANTHROPIC, "cost_report", day(DAY1))));
  }

  @Test
  void moneyStaysExact() {
    for (int i = 0; i < 10; i++) {
      store.recordVendorUsage(List.of(cost(DAY1, "line=" + i, "line", "0.1")), List.of());
    }
    store.recordVendorUsage(
        List.of(cost(DAY2, "line=a", "line", "0.000000000000000001")), List.of());

    assertEquals(0, BigDecimal.ONE.compareTo(billed(Vendor.ANTHROPIC, "cost_report", day(DAY1))));
    assertEquals(
        0,
        new BigDecimal("0.000000000000000001")
            .compareTo(billed(Vendor.ANTHROPIC, "cost_report", day(DAY2))));
  }

  @Test
  void daysAreUtcDaysAndAMonthLongBucketSpansItsDays() {
    Instant hour = Instant.parse("2026-08-01T23:00:00Z");
    VendorUsage lateHour =
        VendorUsage.builder(Vendor.ANTHROPIC, "usage_messages", hour, hour.plusSeconds(3600))
            .lineKey("model=m")
            .tokens(100, 20, 3, 4)
            .build();
    Instant earlyHour = Instant.parse("2026-08-02T00:00:00Z");
    VendorUsage nextHour =
        VendorUsage.builder(
                Vendor.ANTHROPIC, "usage_messages", earlyHour, earlyHour.plusSeconds(3600))
            .lineKey("model=m")
            .tokens(1, 0, 0, 0)
            .build();
    VendorUsage month =
        VendorUsage.builder(
                Vendor.COPILOT,
                "premium_requests",
                Instant.parse("2026-08-01T00:00:00Z"),
                Instant.parse("2026-09-01T00:00:00Z"))
            .lineKey("model=Claude Sonnet 4.6")
            .amount(new BigDecimal("5.52"))
            .listAmount(new BigDecimal("11.04"))
            .requests(new BigDecimal("276.5"))
            .build();
    store.recordVendorUsage(List.of(lateHour, nextHour, month), List.of());

    List<VendorDaily> days = store.vendorUsageByDay(null, null);

    assertEquals(3, days.size(), days::toString);
    VendorDaily usage =
        days.stream().filter(d -> d.report().equals("usage_messages")).findFirst().orElseThrow();
    assertEquals(LocalDate.parse("2026-08-01"), usage.firstDay());
    assertEquals(usage.firstDay(), usage.lastDay());
    assertEquals(127, usage.tokens());
    assertNull(usage.amountUsd(), "usage reports carry no money");
    VendorDaily copilot =
        days.stream().filter(d -> d.vendor() == Vendor.COPILOT).findFirst().orElseThrow();
    assertEquals(LocalDate.parse("2026-08-31"), copilot.lastDay());
    assertEquals(0, new BigDecimal("276.5").compareTo(copilot.requests()));
    assertEquals(0, new BigDecimal("11.04").compareTo(copilot.listAmountUsd()));
    assertEquals(
        List.of("usage_messages"),
        store
            .vendorUsageByDay(LocalDate.parse("2026-08-02"), LocalDate.parse("2026-08-02"))
            .stream()
            .map(VendorDaily::report)
            .toList(),
        "a day's query holds the buckets starting that day");
  }

  @Test
  void theCursorStartsEmptyOnlyMovesForwardAndIsKept() {
    assertEquals(Optional.empty(), store.vendorCursor(Vendor.OPENAI, "costs", ""));

    store.recordVendorUsage(List.of(), List.of(new VendorCursor(Vendor.OPENAI, "costs", "", DAY2)));
    store.recordVendorUsage(List.of(), List.of(new VendorCursor(Vendor.OPENAI, "costs", "", DAY1)));
    store.recordVendorUsage(
        List.of(), List.of(new VendorCursor(Vendor.COPILOT, "premium_requests", "acme", DAY3)));
    reopen();

    assertEquals(Optional.of(DAY2), store.vendorCursor(Vendor.OPENAI, "costs", ""));
    assertEquals(Optional.of(DAY3), store.vendorCursor(Vendor.COPILOT, "premium_requests", "acme"));
    assertEquals(Optional.empty(), store.vendorCursor(Vendor.COPILOT, "premium_requests", "other"));
  }

  @Test
  void thePeopleOfVendorRowsAreTheirPseudonyms() {
    store.recordVendorUsage(
        List.of(
            VendorUsage.builder(Vendor.CURSOR, "usage_events", DAY1, DAY2)
                .lineKey("1")
                .person("p_0000000000000001")
                .build(),
            VendorUsage.builder(Vendor.CURSOR, "usage_events", DAY2, DAY3)
                .lineKey("2")
                .person("p_0000000000000002")
                .build()),
        List.of());

    assertEquals(
        Set.of("p_0000000000000001", "p_0000000000000002"), store.vendorPeople(null, null));
    assertEquals(Set.of("p_0000000000000002"), store.vendorPeople(DAY2, null));
  }
}
