package dev.goodhart.metrics.usage;

import static java.util.Objects.requireNonNull;

import dev.goodhart.store.Store;
import dev.goodhart.store.UsageAggregate;
import dev.goodhart.store.UsageFilter;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds the usage reports from the store. Calendar reports sum 15-minute UTC slots into the days
 * of the report's time zone (every zone in use today is offset from UTC by a multiple of 15
 * minutes; for an offset that is not, such as a historical one, slots shrink to a length that
 * divides it), so the store never needs to know about time zones.
 */
public final class UsageLedger {
  private static final Duration SLOT = Duration.ofMinutes(15);

  private final Store store;
  private final Pricer pricer;
  private final Clock clock;

  public UsageLedger(Store store, Pricer pricer, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.pricer = requireNonNull(pricer, "pricer is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public UsageReport report(UsageQuery query) {
    UsageFilter filter = filter(query);
    Map<String, String> machines = store.machines();
    List<UsageRow> rows =
        switch (query.kind()) {
          case DAILY, WEEKLY, MONTHLY -> calendarRows(query, filter, machines);
          case SESSION -> sessionRows(query, filter, machines);
          case BLOCKS -> blockRows(query, filter, machines);
        };
    if (query.descending()) {
      rows = rows.reversed();
    }
    UsageAccumulator totals = new UsageAccumulator();
    rows.forEach(totals::add);
    return new UsageReport(
        query.kind(),
        query.zone(),
        pricer.mode(),
        pricer.table().description(),
        rows,
        totals.toRow("total", null, null),
        unpriced(rows),
        clock.instant());
  }

  private UsageFilter filter(UsageQuery query) {
    LocalDate since = query.since();
    if (query.last() != null
        && query.kind() != UsageReportKind.SESSION
        && query.kind() != UsageReportKind.BLOCKS) {
      LocalDate first =
          firstDayOfLastPeriods(
              query.kind(), LocalDate.now(clock.withZone(query.zone())), query.last());
      since = since == null || first.isAfter(since) ? first : since;
    }
    Instant from = since == null ? null : since.atStartOfDay(query.zone()).toInstant();
    Instant until =
        query.until() == null
            ? null
            : query.until().plusDays(1).atStartOfDay(query.zone()).toInstant();
    return new UsageFilter(from, until, query.sources(), query.project());
  }

  static LocalDate firstDayOfLastPeriods(UsageReportKind kind, LocalDate today, int count) {
    return switch (kind) {
      case WEEKLY ->
          today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(count - 1L);
      case MONTHLY -> today.withDayOfMonth(1).minusMonths(count - 1L);
      default -> today.minusDays(count - 1L);
    };
  }

  private List<UsageRow> calendarRows(
      UsageQuery query, UsageFilter filter, Map<String, String> machines) {
    ZoneId zone = query.zone();
    if (isUtc(zone)) {
      // A UTC day is a slot of its own: read whole days (the store keeps their sums).
      return calendarRows(
          query.kind(), zone, store.usageBySlot(filter, Duration.ofDays(1)), machines);
    }
    List<UsageAggregate> aggregates = store.usageBySlot(filter, SLOT);
    // A slot must not straddle a local midnight: its length must divide every UTC offset in use.
    long slotSeconds = SLOT.toSeconds();
    for (UsageAggregate aggregate : aggregates) {
      int offset = zone.getRules().getOffset(requireNonNull(aggregate.slot())).getTotalSeconds();
      slotSeconds = gcd(slotSeconds, Math.abs(offset));
    }
    if (slotSeconds != SLOT.toSeconds()) {
      aggregates = store.usageBySlot(filter, Duration.ofSeconds(slotSeconds));
    }
    return calendarRows(query.kind(), zone, aggregates, machines);
  }

  /** Slots summed into the calendar periods of the zone. */
  private List<UsageRow> calendarRows(
      UsageReportKind kind,
      ZoneId zone,
      List<UsageAggregate> aggregates,
      Map<String, String> machines) {
    Map<String, UsageAccumulator> periods = new TreeMap<>();
    for (UsageAggregate aggregate : aggregates) {
      LocalDate day = requireNonNull(aggregate.slot()).atZone(zone).toLocalDate();
      add(
          periods.computeIfAbsent(period(kind, day), key -> new UsageAccumulator()),
          aggregate,
          machines);
    }
    List<UsageRow> rows = new ArrayList<>();
    periods.forEach((period, sums) -> rows.add(sums.toRow(period, null, null)));
    return rows;
  }

  /** Whether the zone is UTC all year: its days are UTC days. */
  private static boolean isUtc(ZoneId zone) {
    return zone.getRules().isFixedOffset()
        && zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() == 0;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  static String period(UsageReportKind kind, LocalDate day) {
    return switch (kind) {
      case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
      case MONTHLY -> YearMonth.from(day).toString();
      default -> day.toString();
    };
  }

  private List<UsageRow> sessionRows(
      UsageQuery query, UsageFilter filter, Map<String, String> machines) {
    Map<String, UsageAccumulator> sessions = new LinkedHashMap<>();
    Map<String, SessionDetails> details = new LinkedHashMap<>();
    Map<String, Instant> latest = new LinkedHashMap<>();
    for (UsageAggregate aggregate : store.usageBySession(filter)) {
      String sessionId = requireNonNull(aggregate.sessionId());
      String key = aggregate.source() + '\u0000' + sessionId;
      add(sessions.computeIfAbsent(key, k -> new UsageAccumulator()), aggregate, machines);
      // The session's place is taken from its latest requests.
      Instant seen = latest.get(key);
      if (seen == null || aggregate.last().isAfter(seen)) {
        latest.put(key, aggregate.last());
        details.put(
            key,
            new SessionDetails(
                sessionId,
                aggregate.source(),
                aggregate.project(),
                aggregate.cwd(),
                aggregate.gitBranch()));
      }
    }
    List<UsageRow> rows = new ArrayList<>();
    sessions.forEach(
        (key, sums) -> rows.add(sums.toRow(details.get(key).sessionId(), details.get(key), null)));
    rows.sort(
        Comparator.comparing((UsageRow row) -> requireNonNull(row.last()))
            .thenComparing(UsageRow::period));
    return mostRecent(rows, query.last());
  }

  private List<UsageRow> blockRows(
      UsageQuery query, UsageFilter filter, Map<String, String> machines) {
    BillingBlocks blocks = new BillingBlocks(pricer, clock.instant(), machines);
    List<UsageAggregate> minutes =
        new ArrayList<>(store.usageBySlot(filter, Duration.ofMinutes(1)));
    minutes.sort(
        Comparator.comparing(UsageAggregate::source)
            .thenComparing(UsageAggregate::first)
            .thenComparing(UsageAggregate::last));
    minutes.forEach(blocks::accept);
    List<UsageRow> rows = new ArrayList<>(blocks.finish());
    rows.sort(
        Comparator.comparing((UsageRow row) -> requireNonNull(row.block()).start())
            .thenComparing(row -> requireNonNull(row.block()).source()));
    return mostRecent(rows, query.last());
  }

  private static List<UsageRow> mostRecent(List<UsageRow> rows, @Nullable Integer last) {
    return last == null || rows.size() <= last
        ? rows
        : List.copyOf(rows.subList(rows.size() - last, rows.size()));
  }

  private void add(UsageAccumulator sums, UsageAggregate aggregate, Map<String, String> machines) {
    Pricer.Priced priced =
        pricer.price(
            aggregate.model(),
            aggregate.fast(),
            aggregate.longContext(),
            aggregate.costReported(),
            aggregate.tokens(),
            aggregate.reportedCost());
    sums.add(
        aggregate.source(),
        machines.getOrDefault(aggregate.machineId(), aggregate.machineId()),
        Pricer.displayName(aggregate.model(), aggregate.fast()),
        aggregate.tokens(),
        aggregate.requests(),
        priced,
        aggregate.first(),
        aggregate.last());
  }

  private static List<UsageReport.UnpricedModel> unpriced(List<UsageRow> rows) {
    Map<String, long[]> byModel = new TreeMap<>();
    for (UsageRow row : rows) {
      for (ModelUsage model : row.models()) {
        if (model.unpricedRequests() > 0) {
          long[] sums = byModel.computeIfAbsent(model.model(), m -> new long[2]);
          sums[0] += model.unpricedRequests();
          sums[1] += model.unpricedTokens();
        }
      }
    }
    List<UsageReport.UnpricedModel> unpriced = new ArrayList<>();
    byModel.forEach(
        (model, sums) -> unpriced.add(new UsageReport.UnpricedModel(model, sums[0], sums[1])));
    return unpriced;
  }
}
