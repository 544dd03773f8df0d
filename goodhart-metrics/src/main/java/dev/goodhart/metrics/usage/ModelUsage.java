package dev.goodhart.metrics.usage;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.TokenCounts;
import java.math.BigDecimal;

/**
 * One model's part of a report row.
 *
 * @param cost the dollars of the priced requests only
 * @param unpricedRequests requests no price covered (their tokens are in {@code tokens} and in
 *     {@code unpricedTokens})
 */
public record ModelUsage(
    String model,
    TokenCounts tokens,
    BigDecimal cost,
    long requests,
    long unpricedRequests,
    long unpricedTokens) {
  public ModelUsage {
    requireNonNull(model, "model is null");
    requireNonNull(tokens, "tokens is null");
    requireNonNull(cost, "cost is null");
  }
}
