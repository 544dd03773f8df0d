package dev.goodhart.metrics.spend;

import static java.util.Objects.requireNonNull;

import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.metrics.usage.UsageLedger;
import dev.goodhart.metrics.usage.UsageQuery;
import dev.goodhart.metrics.usage.UsageReportKind;
import dev.goodhart.metrics.usage.UsageRow;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.store.BillingStore;
import dev.goodhart.store.Store;
import dev.goodhart.store.VendorDaily;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Billed against observed spend, per UTC day. Billed: the money of the vendors' imported reports
 * (usage reports carry none). Two rules keep a dollar from counting twice:
 *
 * <ul>
 *   <li>A vendor's bill for a day replaces its estimates for that day: Anthropic's cost report,
 *       where imported, stands for the day instead of Claude Code Analytics' estimated costs, which
 *       it includes.
 *   <li>A row that covers several days (Copilot's premium requests asked for a month) counts on its
 *       first day, unless rows of the same report cover single days within it.
 * </ul>
 *
 * Observed: the cost {@code goodhart usage daily} gives the same UTC days, priced the same way. The
 * gap is billed less observed: above zero, spend no log or telemetry goodhart read accounts for
 * (other machines, programs calling the API, vendors goodhart reads no logs of); below zero,
 * observed spend no imported bill covers.
 */
public final class SpendLedger {
  private final BillingStore billing;
  private final Store usage;
  private final Pricer pricer;
  private final Clock clock;

  /**
   * @param pricer the prices observed usage is costed with: those of {@code goodhart usage daily}
   */
  public SpendLedger(BillingStore billing, Store usage, Pricer pricer, Clock clock) {
    this.billing = requireNonNull(billing, "billing is null");
    this.usage = requireNonNull(usage, "usage is null");
    this.pricer = requireNonNull(pricer, "pricer is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public SpendReport report(SpendQuery query) {
    Map<LocalDate, Map<Vendor, BigDecimal>> billed = new TreeMap<>();
    Map<LocalDate, Set<Vendor>> estimated = new HashMap<>();
    bills(billing.vendorUsageByDay(query.since(), query.until()), billed, estimated);
    Map<LocalDate, BigDecimal> observed = observed(query);

    TreeSet<LocalDate> known = new TreeSet<>(billed.keySet());
    known.addAll(observed.keySet());
    LocalDate from = query.since() != null ? query.since() : known.isEmpty() ? null : known.first();
    LocalDate to = query.until() != null ? query.until() : known.isEmpty() ? null : known.last();
    Set<Vendor> vendors = EnumSet.noneOf(Vendor.class);
    billed.values().forEach(day -> vendors.addAll(day.keySet()));

    List<SpendReport.Day> days = new ArrayList<>();
    Map<Vendor, BigDecimal> vendorTotals = new EnumMap<>(Vendor.class);
    BigDecimal observedTotal = BigDecimal.ZERO;
    Set<Vendor> estimatedEver = EnumSet.noneOf(Vendor.class);
    if (from != null && to != null && !from.isAfter(to)) {
      for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
        Map<Vendor, BigDecimal> bills = billed.getOrDefault(day, Map.of());
        BigDecimal seen = observed.getOrDefault(day, BigDecimal.ZERO);
        Set<Vendor> guesses = estimated.getOrDefault(day, Set.of());
        days.add(new SpendReport.Day(day, figures(vendors, bills, seen, guesses)));
        bills.forEach((vendor, amount) -> vendorTotals.merge(vendor, amount, BigDecimal::add));
        observedTotal = observedTotal.add(seen);
        estimatedEver.addAll(guesses);
      }
    }
    return new SpendReport(
        days.isEmpty() ? null : from,
        days.isEmpty() ? null : to,
        days,
        figures(vendors, vendorTotals, observedTotal, estimatedEver),
        clock.instant());
  }

  private static SpendReport.Figures figures(
      Set<Vendor> vendors,
      Map<Vendor, BigDecimal> bills,
      BigDecimal observed,
      Set<Vendor> guesses) {
    Map<Vendor, @Nullable BigDecimal> billed = new EnumMap<>(Vendor.class);
    BigDecimal total = null;
    for (Vendor vendor : Vendor.values()) {
      if (!vendors.contains(vendor)) {
        billed.put(vendor, null);
        continue;
      }
      BigDecimal amount = bills.getOrDefault(vendor, BigDecimal.ZERO);
      billed.put(vendor, amount);
      total = total == null ? amount : total.add(amount);
    }
    return new SpendReport.Figures(
        billed,
        total,
        observed,
        total == null ? null : total.subtract(observed),
        List.copyOf(new TreeSet<>(guesses)));
  }

  /** Each day's money per vendor, by the two rules of the class comment. */
  private static void bills(
      List<VendorDaily> rows,
      Map<LocalDate, Map<Vendor, BigDecimal>> billed,
      Map<LocalDate, Set<Vendor>> estimated) {
    // Days that reports cover one at a time: a longer row of the same report defers to them.
    Map<String, Set<LocalDate>> singleDays = new HashMap<>();
    // Vendors with a bill (not an estimate) on a day: their estimates that day are left out.
    Set<String> billedDays = new HashSet<>();
    for (VendorDaily row : rows) {
      if (row.amountUsd() == null) {
        continue;
      }
      if (!row.spansDays()) {
        singleDays.computeIfAbsent(key(row), k -> new HashSet<>()).add(row.firstDay());
      }
      if (!row.estimated()) {
        billedDays.add(row.vendor() + "@" + row.firstDay());
      }
    }
    for (VendorDaily row : rows) {
      BigDecimal amount = row.amountUsd();
      if (amount == null) {
        continue;
      }
      if (row.spansDays() && coversAny(row, singleDays.getOrDefault(key(row), Set.of()))) {
        continue;
      }
      if (row.estimated() && billedDays.contains(row.vendor() + "@" + row.firstDay())) {
        continue;
      }
      billed
          .computeIfAbsent(row.firstDay(), d -> new EnumMap<>(Vendor.class))
          .merge(row.vendor(), amount, BigDecimal::add);
      if (row.estimated()) {
        estimated
            .computeIfAbsent(row.firstDay(), d -> EnumSet.noneOf(Vendor.class))
            .add(row.vendor());
      }
    }
  }

  private static String key(VendorDaily row) {
    return row.vendor() + "/" + row.report();
  }

  private static boolean coversAny(VendorDaily row, Set<LocalDate> days) {
    for (LocalDate day : days) {
      if (!day.isBefore(row.firstDay()) && !day.isAfter(row.lastDay())) {
        return true;
      }
    }
    return false;
  }

  /** {@code goodhart usage daily}'s cost per UTC day. */
  private Map<LocalDate, BigDecimal> observed(SpendQuery query) {
    UsageQuery daily =
        new UsageQuery(
            UsageReportKind.DAILY,
            ZoneOffset.UTC,
            query.since(),
            query.until(),
            null,
            List.of(),
            null,
            false,
            pricer.mode());
    Map<LocalDate, BigDecimal> days = new TreeMap<>();
    for (UsageRow row : new UsageLedger(usage, pricer, clock).report(daily).rows()) {
      days.put(LocalDate.parse(row.period()), row.cost());
    }
    return days;
  }
}
