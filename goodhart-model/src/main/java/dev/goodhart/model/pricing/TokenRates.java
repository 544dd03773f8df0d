package dev.goodhart.model.pricing;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.TokenCounts;
import java.math.BigDecimal;

/**
 * US dollars per token for each token bucket of one request, after every rule that picks a rate has
 * been applied.
 */
public record TokenRates(
    BigDecimal input,
    BigDecimal output,
    BigDecimal cacheRead,
    BigDecimal cacheWrite5m,
    BigDecimal cacheWrite1h) {

  public TokenRates {
    requireNonNull(input, "input is null");
    requireNonNull(output, "output is null");
    requireNonNull(cacheRead, "cacheRead is null");
    requireNonNull(cacheWrite5m, "cacheWrite5m is null");
    requireNonNull(cacheWrite1h, "cacheWrite1h is null");
  }

  /**
   * The exact cost of these tokens at these rates. Reasoning tokens are inside output and are not
   * added again.
   */
  public BigDecimal cost(TokenCounts tokens) {
    return input
        .multiply(BigDecimal.valueOf(tokens.input()))
        .add(output.multiply(BigDecimal.valueOf(tokens.output())))
        .add(cacheRead.multiply(BigDecimal.valueOf(tokens.cacheRead())))
        .add(cacheWrite5m.multiply(BigDecimal.valueOf(tokens.cacheWrite5m())))
        .add(cacheWrite1h.multiply(BigDecimal.valueOf(tokens.cacheWrite1h())));
  }

  public TokenRates times(BigDecimal factor) {
    return new TokenRates(
        input.multiply(factor),
        output.multiply(factor),
        cacheRead.multiply(factor),
        cacheWrite5m.multiply(factor),
        cacheWrite1h.multiply(factor));
  }
}
