package dev.goodhart.model.pricing;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Prices by model, found by exact key first and then by {@link ModelNames normalised} key. Entries
 * named without a provider route win over routed ones ({@code gpt-5.1} over {@code
 * azure/eu/gpt-5.1}) because routes add surcharges.
 */
public final class PriceTable {
  private final String description;
  private final Map<String, ModelPrice> entries;
  private @Nullable Map<String, ModelPrice> byNormalisedKey;
  private final Map<String, Optional<ModelPrice>> resolved = new ConcurrentHashMap<>();
  private final @Nullable PriceTable fallback;

  private PriceTable(
      String description, Map<String, ModelPrice> entries, @Nullable PriceTable fallback) {
    this.description = requireNonNull(description, "description is null");
    this.fallback = fallback;
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /**
   * The index by normalised name, built on the first lookup that misses an exact key: most logs
   * name models exactly as the tables do, and normalising every table key costs more than a short
   * run has to spend.
   */
  private synchronized Map<String, ModelPrice> byNormalisedKey() {
    if (byNormalisedKey != null) {
      return byNormalisedKey;
    }
    Map<String, ModelPrice> index = new HashMap<>();
    // Plain names first, so that a routed entry never shadows the provider's own price.
    for (boolean routed : new boolean[] {false, true}) {
      for (Map.Entry<String, ModelPrice> entry : entries.entrySet()) {
        ModelNames.Normalised normalised = ModelNames.normalise(entry.getKey());
        // "-fast" entries already include the multiplier; only an exact lookup may reach them.
        boolean isRouted = !normalised.key().equals(entry.getKey().toLowerCase(Locale.ROOT));
        if (normalised.fast() || isRouted != routed) {
          continue;
        }
        index.putIfAbsent(normalised.key(), entry.getValue());
      }
    }
    // Undated aliases last: "claude-opus-4-1" finds "claude-opus-4-1-20250805" only when no entry
    // has the short name.
    Map<String, ModelPrice> undated = new HashMap<>();
    index.forEach((key, price) -> undated.putIfAbsent(ModelNames.withoutDate(key), price));
    undated.forEach(index::putIfAbsent);
    byNormalisedKey = index;
    return index;
  }

  public static PriceTable of(String description, Map<String, ModelPrice> entries) {
    return new PriceTable(description, entries, null);
  }

  /**
   * A table that knows only how another one priced some model names (its {@link #find} answers,
   * kept): what a short-lived command that prices a few models again and again keeps between runs
   * instead of reading the whole tables each time. Any other name it cannot price.
   */
  public static PriceTable ofResolved(
      String description, Map<String, Optional<ModelPrice>> resolutions) {
    PriceTable table = new PriceTable(description, Map.of(), null);
    table.resolved.putAll(resolutions);
    return table;
  }

  /** Where the prices came from, for reports and {@code prices show}. */
  public String description() {
    return description;
  }

  /** How many models this table and its fallbacks price. */
  public int size() {
    return entries.size() + (fallback == null ? 0 : fallback.size());
  }

  /**
   * This table in front of {@code other}: a model this table prices (by any spelling) takes this
   * table's price, any other model the other's.
   */
  public PriceTable withFallback(PriceTable other) {
    return new PriceTable(
        description + ", then " + other.description,
        entries,
        fallback == null ? other : fallback.withFallback(other));
  }

  /** {@code newer} in front of this table: where both price a model, the newer price wins. */
  public PriceTable overriddenBy(PriceTable newer) {
    return newer.withFallback(this);
  }

  /** The price of a model as a log names it, or empty when this table cannot price it. */
  public Optional<ModelPrice> find(String model) {
    return resolved.computeIfAbsent(model, this::resolve);
  }

  /**
   * A name that says fast mode ({@code claude-opus-4-6-fast}) resolves to the base model's price:
   * the caller applies the fast multiplier, so it is never applied twice.
   */
  private Optional<ModelPrice> resolve(String model) {
    ModelPrice exact = entries.get(model);
    if (exact != null && !ModelNames.normalise(model).fast()) {
      return Optional.of(exact);
    }
    for (String key : ModelNames.lookupKeys(model)) {
      ModelPrice price = byNormalisedKey().get(key);
      if (price != null) {
        return Optional.of(price);
      }
    }
    return fallback == null ? Optional.empty() : fallback.find(model);
  }
}
