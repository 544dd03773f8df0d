package dev.goodhart.metrics.outcome;

import static java.util.Objects.requireNonNull;

import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.SharedStrings;
import dev.goodhart.model.telemetry.MetricSession;
import dev.goodhart.store.Store;
import dev.goodhart.store.UsageAggregate;
import dev.goodhart.store.UsageFilter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Prices every counted request once, with the same rules as the usage reports, and sums them per
 * session: so the outcome report's spend equals {@code goodhart usage}'s to the cent.
 */
final class SpendBySession {
  private SpendBySession() {}

  static List<SessionSpend> read(Store store, Pricer pricer, UsageFilter filter) {
    Map<String, Sums> sessions = new LinkedHashMap<>();
    SharedStrings shared = new SharedStrings();
    // In time order, so that a session's working directory and branch are the last it named; one
    // group at a time (a large store has millions of session days).
    store.usageBySessionDay(
        filter,
        group -> {
          String sessionId = requireNonNull(group.sessionId());
          sessions
              .computeIfAbsent(
                  SessionSpend.key(group.source(), sessionId), key -> new Sums(group, shared))
              .add(group, pricer, shared);
        });
    List<SessionSpend> spends = new ArrayList<>(sessions.size());
    sessions.values().forEach(sums -> spends.add(sums.toSpend()));
    for (MetricSession session : store.metricOnlySessions(filter)) {
      spends.add(estimated(session));
    }
    return spends;
  }

  /** A session known only from its metrics: its cost metric, marked as an estimate. */
  private static SessionSpend estimated(MetricSession session) {
    TreeMap<LocalDate, BigDecimal> byDay = new TreeMap<>();
    byDay.put(LocalDate.ofInstant(session.start(), ZoneOffset.UTC), session.costUsd());
    TreeMap<String, BigDecimal> costByModel = new TreeMap<>();
    TreeMap<String, Long> tokensByModel = new TreeMap<>();
    if (session.model() != null) {
      costByModel.put(session.model(), session.costUsd());
      tokensByModel.put(session.model(), session.tokens());
    }
    return new SessionSpend(
        session.source(),
        session.sessionId(),
        session.personId() != null ? PERSON + session.personId() : UNKNOWN_MACHINE,
        session.start(),
        session.end(),
        session.costUsd(),
        byDay,
        session.tokens(),
        0,
        0,
        0,
        session.costUsd().signum() == 0 ? 1 : 0,
        costByModel,
        tokensByModel,
        null,
        null,
        true);
  }

  /** How telemetry names a person's or an unknown sender's facts (see {@code OtlpIdentity}). */
  private static final String PERSON = "person:";

  private static final String UNKNOWN_MACHINE = "otlp:unknown";

  private static final class Sums {
    final String source;
    final String sessionId;
    final String machineId;
    Instant start;
    Instant end;
    BigDecimal cost = BigDecimal.ZERO;
    final TreeMap<LocalDate, BigDecimal> byDay = new TreeMap<>();
    long tokens;
    long context;
    long output;
    long calls;
    long unpriced;
    final TreeMap<String, BigDecimal> costByModel = new TreeMap<>();
    final TreeMap<String, Long> tokensByModel = new TreeMap<>();
    @Nullable String cwd;
    @Nullable String branch;

    Sums(UsageAggregate first, SharedStrings shared) {
      source = shared.of(first.source());
      sessionId = requireNonNull(first.sessionId());
      machineId = shared.of(first.machineId());
      start = first.first();
      end = first.last();
    }

    /**
     * One group of requests priced together: its tokens are priced as the sum of its requests'
     * (prices are per token, and the group shares model, mode and long-context class).
     */
    void add(UsageAggregate group, Pricer pricer, SharedStrings shared) {
      String model = shared.of(group.model());
      Pricer.Priced priced =
          pricer.price(
              group.model(),
              group.fast(),
              group.longContext(),
              group.costReported(),
              group.tokens(),
              group.reportedCost());
      if (priced.priced()) {
        BigDecimal dollars = priced.cost();
        cost = cost.add(dollars);
        byDay.merge(
            requireNonNull(group.slot()).atZone(ZoneOffset.UTC).toLocalDate(),
            dollars,
            BigDecimal::add);
        costByModel.merge(model, dollars, BigDecimal::add);
      } else {
        unpriced += group.requests();
      }
      start = group.first().isBefore(start) ? group.first() : start;
      end = group.last().isAfter(end) ? group.last() : end;
      tokens += group.tokens().total();
      context += group.tokens().prompt();
      output += group.tokens().output();
      calls += group.requests();
      tokensByModel.merge(model, group.tokens().total(), Long::sum);
      costByModel.putIfAbsent(model, BigDecimal.ZERO);
      cwd = group.cwd() != null ? shared.of(group.cwd()) : cwd;
      branch = group.gitBranch() != null ? shared.of(group.gitBranch()) : branch;
    }

    SessionSpend toSpend() {
      return new SessionSpend(
          source,
          sessionId,
          machineId,
          start,
          end,
          cost,
          SessionSpend.compact(byDay, cost),
          tokens,
          context,
          output,
          calls,
          unpriced,
          SessionSpend.compact(costByModel, cost),
          SessionSpend.compact(tokensByModel, tokens),
          cwd,
          branch,
          false);
    }
  }
}
