package dev.goodhart.metrics.usage;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.pricing.ModelNames;
import dev.goodhart.model.pricing.ModelPrice;
import dev.goodhart.model.pricing.PriceTable;
import java.math.BigDecimal;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns requests into dollars under a cost mode. Pricing is linear and exact, so pricing a sum of
 * requests that share model, speed and long-context class gives the same dollars as pricing each
 * and adding: that is what lets every report agree on totals.
 */
public final class Pricer {
  private final PriceTable table;
  private final CostMode mode;

  public Pricer(PriceTable table, CostMode mode) {
    this.table = requireNonNull(table, "table is null");
    this.mode = requireNonNull(mode, "mode is null");
  }

  /** Dollars for some requests, or none when neither the log nor the table prices them. */
  public record Priced(@Nullable BigDecimal cost) {
    public boolean priced() {
      return cost != null;
    }
  }

  public Priced price(
      String model,
      boolean fast,
      boolean longContext,
      boolean costReported,
      TokenCounts tokens,
      BigDecimal reportedCost) {
    if (costReported && mode != CostMode.CALCULATE) {
      return new Priced(reportedCost);
    }
    if (mode == CostMode.DISPLAY) {
      return new Priced(null);
    }
    Optional<ModelPrice> price = table.find(model);
    return new Priced(
        price.map(p -> p.cost(tokens, longContext, isFast(model, fast))).orElse(null));
  }

  public PriceTable table() {
    return table;
  }

  public CostMode mode() {
    return mode;
  }

  /** The model as reports show it: fast-mode requests get ccusage's {@code -fast} suffix. */
  public static String displayName(String model, boolean fast) {
    return fast && !model.endsWith("-fast") ? model + "-fast" : model;
  }

  private static boolean isFast(String model, boolean fast) {
    return fast || ModelNames.normalise(model).fast();
  }
}
