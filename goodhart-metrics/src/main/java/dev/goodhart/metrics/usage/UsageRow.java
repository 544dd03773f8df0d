package dev.goodhart.metrics.usage;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.TokenCounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row of a usage report (a day, a week, a month, a session or a billing block) or its totals.
 *
 * @param period the row's key as ccusage spells it: {@code 2026-03-01}, the Monday of a week,
 *     {@code 2026-03}, a session id, a block's start time
 * @param cost dollars of the priced requests; unpriced requests add tokens but no dollars, and are
 *     counted apart
 * @param sources the agents whose requests the row holds
 * @param machines the machines whose logs held them
 * @param first the first request's time; null for an empty row (a gap)
 */
public record UsageRow(
    String period,
    TokenCounts tokens,
    BigDecimal cost,
    long requests,
    long unpricedRequests,
    long unpricedTokens,
    List<ModelUsage> models,
    List<String> sources,
    List<String> machines,
    @Nullable Instant first,
    @Nullable Instant last,
    @Nullable SessionDetails session,
    @Nullable BlockDetails block) {

  public UsageRow {
    requireNonNull(period, "period is null");
    requireNonNull(tokens, "tokens is null");
    requireNonNull(cost, "cost is null");
    models = List.copyOf(models);
    sources = List.copyOf(sources);
    machines = List.copyOf(machines);
  }

  public List<String> modelNames() {
    return models.stream().map(ModelUsage::model).toList();
  }
}
