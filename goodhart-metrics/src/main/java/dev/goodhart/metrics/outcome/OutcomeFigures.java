package dev.goodhart.metrics.outcome;

import static dev.goodhart.metrics.outcome.SessionFigures.divide;

import dev.goodhart.metrics.outcome.OutcomeReport.EfficiencyBucket;
import dev.goodhart.metrics.outcome.OutcomeReport.GroupOutcome;
import dev.goodhart.metrics.outcome.OutcomeReport.PeriodOutcome;
import dev.goodhart.metrics.outcome.OutcomeReport.SessionOutcome;
import dev.goodhart.metrics.outcome.OutcomeReport.Totals;
import dev.goodhart.metrics.outcome.OutcomeReport.WasteTotal;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.store.LinkedResults;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The report's figures over the query's linked sessions: totals, days and weeks, models and
 * sources, spend deciles, waste. Every figure comes from the same sessions and links, so they add
 * up to the totals.
 */
final class OutcomeFigures {
  private OutcomeFigures() {}

  static Totals totals(List<LinkedSession> sessions) {
    return totals(sums(sessions));
  }

  /** The sums a report's totals are made of, over the given sessions. */
  static LinkedResults.Sums sums(List<LinkedSession> sessions) {
    SessionTally t = new SessionTally();
    sessions.forEach(t::add);
    // The lines of the distinct shipped commits whose 21 days are over, and those reworked in them.
    Map<String, CommitFact> shipped = new LinkedHashMap<>();
    sessions.forEach(
        s ->
            s.links.stream()
                .filter(CommitLink::shipped)
                .forEach(l -> shipped.put(l.sha(), l.commit())));
    long reworkShipped = 0;
    long reworked = 0;
    for (CommitFact commit : shipped.values()) {
      Long lines = commit.fate().reworked21d();
      if (lines != null) {
        reworkShipped += commit.fate().shipped();
        reworked += lines;
      }
    }
    BigDecimal estimated =
        sessions.stream()
            .filter(s -> s.spend.estimated())
            .map(s -> s.spend.cost())
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    int people =
        (int)
            sessions.stream()
                .map(s -> s.subject.person())
                .filter(Objects::nonNull)
                .distinct()
                .count();
    return new LinkedResults.Sums(
        sessions.size(),
        t.cost,
        t.shippedCost,
        t.unshippedCost,
        estimated,
        t.tokens,
        t.written,
        t.shippedLines,
        t.alive,
        t.written30,
        t.alive30,
        t.commits.size(),
        t.shippedCommits.size(),
        reworkShipped,
        reworked,
        people);
  }

  /**
   * A report's totals from its sums, whether they were added up here or by the store over a kept
   * linking ({@link OutcomeLedger#keptSummary}).
   */
  static Totals totals(LinkedResults.Sums t) {
    return new Totals(
        t.cost(),
        t.tokens(),
        t.sessions(),
        t.commits(),
        t.shippedCommits(),
        t.written(),
        t.shippedLines(),
        t.aliveAtHead(),
        t.written30() == 0 ? null : t.alive30(),
        t.written30() == 0 ? null : (double) t.alive30() / t.written30(),
        t.shippedCommits() == 0 ? null : divide(t.shippedCost(), t.shippedCommits()),
        t.aliveAtHead() == 0
            ? null
            : t.cost()
                .multiply(BigDecimal.valueOf(1000))
                .divide(BigDecimal.valueOf(t.aliveAtHead()), 6, RoundingMode.HALF_EVEN),
        t.unshippedCost(),
        t.cost().signum() == 0 ? null : t.unshippedCost().doubleValue() / t.cost().doubleValue(),
        t.reworkShipped() == 0 ? null : (double) t.reworked() / t.reworkShipped(),
        t.estimatedCost());
  }

  /**
   * Every period from the first day with spend to the last, empty ones included, so a chart's time
   * axis has no holes. A session counts in the period it started in; its cost in the periods its
   * requests fell on.
   */
  static List<PeriodOutcome> periods(
      List<LinkedSession> sessions,
      @Nullable LocalDate from,
      @Nullable LocalDate to,
      Function<LocalDate, String> periodOf) {
    if (from == null || to == null) {
      return List.of();
    }
    // A day's label is asked for every session on every day it spent: made once a day (a week's
    // label is formatted text, and formatting it per session-day was a tenth of a large report).
    Map<LocalDate, String> labels = new HashMap<>();
    Function<LocalDate, String> label = day -> labels.computeIfAbsent(day, periodOf);
    Map<String, PeriodSums> periods = new LinkedHashMap<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      periods.computeIfAbsent(label.apply(day), k -> new PeriodSums());
    }
    for (LinkedSession s : sessions) {
      SessionOutcome o = s.outcome();
      boolean unshipped = o.shippedCommits() == 0;
      s.spend
          .costByDay()
          .forEach(
              (day, dollars) -> {
                PeriodSums sums = periods.get(label.apply(day));
                if (sums != null) {
                  sums.cost = sums.cost.add(dollars);
                  if (unshipped) {
                    sums.unshipped = sums.unshipped.add(dollars);
                  }
                }
              });
      PeriodSums started = periods.get(label.apply(day(o.start())));
      if (started != null) {
        started.sessions++;
        started.written += o.aiLinesWritten();
        started.alive += o.aiLinesAliveAtHead();
      }
      for (CommitLink link : s.links) {
        CommitFact commit = link.commit();
        Instant at = commit != null ? commit.committedAt() : o.end();
        PeriodSums sums = periods.get(label.apply(day(at)));
        if (sums != null && sums.commits.add(link.sha()) && link.shipped()) {
          sums.shipped++;
        }
      }
    }
    List<PeriodOutcome> result = new ArrayList<>();
    periods.forEach(
        (period, sums) ->
            result.add(
                new PeriodOutcome(
                    period,
                    sums.cost,
                    sums.sessions,
                    sums.commits.size(),
                    sums.shipped,
                    sums.written,
                    sums.alive,
                    sums.unshipped)));
    return result;
  }

  private static final class PeriodSums {
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal unshipped = BigDecimal.ZERO;
    int sessions;
    final Set<String> commits = new HashSet<>();
    int shipped;
    long written;
    long alive;
  }

  /** Sessions by model (a session in each model it used, its cost split by model) or by source. */
  static List<GroupOutcome> groups(
      List<LinkedSession> sessions, boolean personal, int floor, boolean byModel) {
    Map<String, GroupSums> groups = new TreeMap<>();
    for (LinkedSession s : sessions) {
      if (byModel) {
        s.spend
            .tokensByModel()
            .forEach(
                (model, tokens) ->
                    groups
                        .computeIfAbsent(model, k -> new GroupSums())
                        .add(
                            s, s.spend.costByModel().getOrDefault(model, BigDecimal.ZERO), tokens));
      } else {
        groups
            .computeIfAbsent(s.spend.source(), k -> new GroupSums())
            .add(s, s.spend.cost(), s.spend.tokens());
      }
    }
    List<GroupOutcome> result = new ArrayList<>();
    groups.forEach(
        (key, sums) ->
            result.add(
                new GroupOutcome(
                    key,
                    !personal && sums.owners.size() < floor,
                    sums.cost,
                    sums.tokens,
                    sums.sessions,
                    sums.shipped.size())));
    return result;
  }

  private static final class GroupSums {
    BigDecimal cost = BigDecimal.ZERO;
    long tokens;
    int sessions;
    final Set<String> owners = new HashSet<>();
    final Set<String> shipped = new HashSet<>();

    void add(LinkedSession s, BigDecimal dollars, long groupTokens) {
      cost = cost.add(dollars);
      tokens += groupTokens;
      sessions++;
      owners.add(s.owner);
      s.links.stream().filter(CommitLink::shipped).forEach(l -> shipped.add(l.sha()));
    }
  }

  /**
   * Sessions ordered by cost and cut into ten groups of (nearly) equal size: what the cheapest
   * tenth shipped against the dearest. Fewer than ten sessions give one group per session.
   */
  static List<EfficiencyBucket> efficiency(List<LinkedSession> sessions) {
    List<LinkedSession> byCost =
        sessions.stream()
            .sorted(Comparator.comparing((LinkedSession s) -> s.spend.cost()))
            .toList();
    int buckets = Math.min(10, byCost.size());
    List<EfficiencyBucket> result = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      List<LinkedSession> part =
          byCost.subList(b * byCost.size() / buckets, (b + 1) * byCost.size() / buckets);
      BigDecimal cost = BigDecimal.ZERO;
      BigDecimal shippedCost = BigDecimal.ZERO;
      Set<String> shipped = new HashSet<>();
      long alive = 0;
      for (LinkedSession s : part) {
        cost = cost.add(s.spend.cost());
        alive += s.outcome().aiLinesAliveAtHead();
        if (s.shipped() > 0) {
          shippedCost = shippedCost.add(s.spend.cost());
        }
        s.links.stream().filter(CommitLink::shipped).forEach(l -> shipped.add(l.sha()));
      }
      result.add(
          new EfficiencyBucket(
              b + 1,
              part.size(),
              part.getFirst().spend.cost(),
              part.getLast().spend.cost(),
              cost,
              shipped.size(),
              alive,
              shipped.isEmpty() ? null : divide(shippedCost, shipped.size())));
    }
    return result;
  }

  static List<WasteTotal> wasteTotals(List<LinkedSession> sessions) {
    List<WasteTotal> result = new ArrayList<>();
    for (WasteSignal.Kind kind : WasteSignal.Kind.values()) {
      int count = 0;
      BigDecimal cost = BigDecimal.ZERO;
      for (LinkedSession s : sessions) {
        if (s.outcome().waste().stream().anyMatch(w -> w.kind() == kind)) {
          count++;
          cost = cost.add(s.spend.cost());
        }
      }
      result.add(new WasteTotal(kind, count, cost));
    }
    return result;
  }

  static LocalDate day(Instant instant) {
    return instant.atZone(ZoneOffset.UTC).toLocalDate();
  }
}
