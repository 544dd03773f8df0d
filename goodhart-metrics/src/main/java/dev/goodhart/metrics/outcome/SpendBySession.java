package dev.goodhart.metrics.outcome;

import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.telemetry.MetricSession;
import dev.goodhart.store.CountedEvent;
import dev.goodhart.store.Store;
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
    store.scanEvents(
        filter,
        event ->
            sessions
                .computeIfAbsent(
                    SessionSpend.key(event.source(), event.sessionId()), key -> new Sums(event))
                .add(event, pricer));
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

    Sums(CountedEvent first) {
      source = first.source();
      sessionId = first.sessionId();
      machineId = first.machineId();
      start = first.timestamp();
      end = first.timestamp();
    }

    void add(CountedEvent event, Pricer pricer) {
      BigDecimal reported = event.reportedCost();
      Pricer.Priced priced =
          pricer.price(
              event.model(),
              event.fast(),
              event.longContext(),
              reported != null,
              event.tokens(),
              reported == null ? BigDecimal.ZERO : reported);
      if (priced.priced()) {
        BigDecimal dollars = priced.cost();
        cost = cost.add(dollars);
        byDay.merge(
            event.timestamp().atZone(ZoneOffset.UTC).toLocalDate(), dollars, BigDecimal::add);
        costByModel.merge(event.model(), dollars, BigDecimal::add);
      } else {
        unpriced++;
      }
      start = event.timestamp().isBefore(start) ? event.timestamp() : start;
      end = event.timestamp().isAfter(end) ? event.timestamp() : end;
      tokens += event.tokens().total();
      context += event.tokens().prompt();
      output += event.tokens().output();
      calls++;
      tokensByModel.merge(event.model(), event.tokens().total(), Long::sum);
      costByModel.putIfAbsent(event.model(), BigDecimal.ZERO);
      cwd = event.cwd() != null ? event.cwd() : cwd;
      branch = event.gitBranch() != null ? event.gitBranch() : branch;
    }

    SessionSpend toSpend() {
      return new SessionSpend(
          source,
          sessionId,
          machineId,
          start,
          end,
          cost,
          byDay,
          tokens,
          context,
          output,
          calls,
          unpriced,
          costByModel,
          tokensByModel,
          cwd,
          branch,
          false);
    }
  }
}
