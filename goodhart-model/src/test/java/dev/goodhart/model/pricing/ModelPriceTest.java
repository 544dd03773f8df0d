package dev.goodhart.model.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.TokenCounts;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The pricing rules, with Claude Sonnet 4.5's published rates: $3/$15 per million, $6/$22.50 above
 * 200k.
 */
class ModelPriceTest {
  static final ModelPrice SONNET =
      new ModelPrice(
          "claude-sonnet-4-5",
          new ModelPrice.PublishedRates(
              d("0.000003"), d("0.000015"), d("0.0000003"), d("0.00000375")),
          new ModelPrice.PublishedRates(
              d("0.000006"), d("0.0000225"), d("0.0000006"), d("0.0000075")),
          null);
  static final ModelPrice OPUS_46 =
      new ModelPrice(
          "claude-opus-4-6",
          new ModelPrice.PublishedRates(
              d("0.000005"), d("0.000025"), d("0.0000005"), d("0.00000625")),
          null,
          d("6"));

  @Test
  void pricesEachBucketAtItsRate() {
    TokenCounts tokens = new TokenCounts(1_000, 500, 10_000, 2_000, 1_000, 0);

    // 1000*3e-6 + 500*15e-6 + 10000*0.3e-6 + 2000*3.75e-6 + 1000*(2*3e-6)
    assertEquals(d("0.027"), SONNET.cost(tokens, false, false).stripTrailingZeros());
  }

  @Test
  void aRequestOverTwoHundredThousandPromptTokensIsPricedWholeAtTheLongContextRate() {
    TokenCounts tokens = new TokenCounts(150_000, 1_000, 60_000, 0, 0, 0);
    assertTrue(SONNET.isLongContext(tokens));

    // every token at the higher rate, not only those above 200k: 150000*6e-6 + 60000*0.6e-6 +
    // 1000*22.5e-6
    assertEquals(d("0.9585"), SONNET.cost(tokens, true, false).stripTrailingZeros());
  }

  @Test
  void exactlyTwoHundredThousandIsStillTheStandardRate() {
    assertFalse(SONNET.isLongContext(new TokenCounts(200_000, 1, 0, 0, 0, 0)));
    assertTrue(SONNET.isLongContext(new TokenCounts(199_999, 1, 0, 1, 1, 0)));
  }

  @Test
  void aModelWithoutALongContextTierKeepsItsRate() {
    TokenCounts tokens = new TokenCounts(300_000, 0, 0, 0, 0, 0);

    assertFalse(OPUS_46.isLongContext(tokens));
    assertEquals(d("1.5"), OPUS_46.cost(tokens, true, false).stripTrailingZeros());
  }

  @Test
  void oneHourCacheWritesCostTwiceTheInputRateAndFiveMinuteOnesTheTablesRate() {
    TokenRates rates = SONNET.rates(false, false);

    assertEquals(d("0.000006"), rates.cacheWrite1h().stripTrailingZeros());
    assertEquals(d("0.00000375"), rates.cacheWrite5m().stripTrailingZeros());
  }

  @Test
  void fastModeMultipliesEveryRate() {
    TokenCounts tokens = TokenCounts.of(1_000, 1_000, 0, 0);

    assertEquals(
        d("0.18"), OPUS_46.cost(tokens, false, true).stripTrailingZeros()); // (5e-3 + 25e-3) * 6
    assertEquals(
        d("0.018"), SONNET.cost(tokens, false, true).stripTrailingZeros()); // no multiplier known
  }

  @Test
  void missingCacheRatesFollowAnthropicsMultipliersForClaude() {
    ModelPrice bare =
        new ModelPrice(
            "claude-x",
            new ModelPrice.PublishedRates(d("0.00001"), d("0.00005"), null, null),
            null,
            null);
    TokenRates rates = bare.rates(false, false);

    assertEquals(d("0.000001"), rates.cacheRead().stripTrailingZeros());
    assertEquals(d("0.0000125"), rates.cacheWrite5m().stripTrailingZeros());
  }

  @Test
  void costsAreExactDecimalsSoSumsDoNotDrift() {
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < 1_000; i++) {
      sum = sum.add(SONNET.cost(TokenCounts.of(1, 0, 0, 0), false, false));
    }
    assertEquals(d("0.003"), sum.stripTrailingZeros());
  }

  static BigDecimal d(String value) {
    return new BigDecimal(value);
  }
}
