package dev.goodhart.metrics.usage;

import dev.goodhart.model.TokenCounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Sums priced usage into one report row, with its per-model breakdown. */
final class UsageAccumulator {
  private final ModelSums all = new ModelSums();
  private final Map<String, ModelSums> byModel = new TreeMap<>();
  private final TreeSet<String> sources = new TreeSet<>();
  private final TreeSet<String> machines = new TreeSet<>();
  private @Nullable Instant first;
  private @Nullable Instant last;

  void add(
      String source,
      String machine,
      String displayModel,
      TokenCounts tokens,
      long requests,
      Pricer.Priced priced,
      Instant from,
      Instant to) {
    all.add(tokens, requests, priced);
    byModel.computeIfAbsent(displayModel, model -> new ModelSums()).add(tokens, requests, priced);
    sources.add(source);
    machines.add(machine);
    first = first == null || from.isBefore(first) ? from : first;
    last = last == null || to.isAfter(last) ? to : last;
  }

  /** Adds a whole row, for totals. */
  void add(UsageRow row) {
    for (ModelUsage model : row.models()) {
      all.add(model);
      byModel.computeIfAbsent(model.model(), name -> new ModelSums()).add(model);
    }
    sources.addAll(row.sources());
    machines.addAll(row.machines());
    if (row.first() != null && (first == null || row.first().isBefore(first))) {
      first = row.first();
    }
    if (row.last() != null && (last == null || row.last().isAfter(last))) {
      last = row.last();
    }
  }

  @Nullable Instant last() {
    return last;
  }

  TokenCounts tokens() {
    return all.tokens;
  }

  BigDecimal cost() {
    return all.cost;
  }

  UsageRow toRow(String period, @Nullable SessionDetails session, @Nullable BlockDetails block) {
    List<ModelUsage> models = new ArrayList<>();
    byModel.forEach(
        (model, sums) ->
            models.add(
                new ModelUsage(
                    model,
                    sums.tokens,
                    sums.cost,
                    sums.requests,
                    sums.unpricedRequests,
                    sums.unpricedTokens)));
    // Most expensive first, as a reader scans for what costs; ties by name for stable output.
    models.sort(Comparator.comparing(ModelUsage::cost).reversed().thenComparing(ModelUsage::model));
    return new UsageRow(
        period,
        all.tokens,
        all.cost,
        all.requests,
        all.unpricedRequests,
        all.unpricedTokens,
        models,
        List.copyOf(sources),
        List.copyOf(machines),
        first,
        last,
        session,
        block);
  }

  private static final class ModelSums {
    TokenCounts tokens = TokenCounts.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    long requests;
    long unpricedRequests;
    long unpricedTokens;

    void add(TokenCounts more, long count, Pricer.Priced priced) {
      tokens = tokens.plus(more);
      requests += count;
      if (priced.cost() != null) {
        cost = cost.add(priced.cost());
      } else {
        unpricedRequests += count;
        unpricedTokens += more.total();
      }
    }

    void add(ModelUsage model) {
      tokens = tokens.plus(model.tokens());
      cost = cost.add(model.cost());
      requests += model.requests();
      unpricedRequests += model.unpricedRequests();
      unpricedTokens += model.unpricedTokens();
    }
  }
}
