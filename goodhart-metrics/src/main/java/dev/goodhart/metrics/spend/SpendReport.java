package dev.goodhart.metrics.spend;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.billing.Vendor;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Billed against observed spend, per UTC day, and its totals. Rules in {@link SpendLedger}.
 *
 * @param from the first day listed; null when there is none
 * @param to the last day listed
 * @param days every day from {@code from} to {@code to}, zeros included
 */
public record SpendReport(
    @Nullable LocalDate from,
    @Nullable LocalDate to,
    List<Day> days,
    Figures totals,
    Instant generatedAt) {
  public SpendReport {
    days = List.copyOf(days);
    requireNonNull(totals, "totals is null");
    requireNonNull(generatedAt, "generatedAt is null");
  }

  /** Whether any vendor's bill was imported for the report's days. */
  public boolean hasBills() {
    return totals.billedTotal() != null;
  }

  /** One UTC day. */
  public record Day(LocalDate date, Figures figures) {
    public Day {
      requireNonNull(date, "date is null");
      requireNonNull(figures, "figures is null");
    }
  }

  /**
   * Billed, observed and the gap, for a day or for all of them.
   *
   * @param billed each vendor's billed dollars; null for a vendor no bill was imported of for the
   *     report's days (0 on a day without rows of a vendor that has some)
   * @param billedTotal the known vendors' sum; null when no vendor's bill is known
   * @param observed the dollars of the requests the logs and telemetry recorded: {@code goodhart
   *     usage daily}'s cost of the same UTC days
   * @param gap billed less observed; null when nothing was billed
   * @param estimated the vendors whose figure holds an estimate rather than a bill
   */
  public record Figures(
      Map<Vendor, @Nullable BigDecimal> billed,
      @Nullable BigDecimal billedTotal,
      BigDecimal observed,
      @Nullable BigDecimal gap,
      List<Vendor> estimated) {
    public Figures {
      EnumMap<Vendor, @Nullable BigDecimal> copy = new EnumMap<>(Vendor.class);
      for (Vendor vendor : Vendor.values()) {
        copy.put(vendor, billed.get(vendor));
      }
      billed = Collections.unmodifiableMap(copy);
      requireNonNull(observed, "observed is null");
      estimated = List.copyOf(estimated);
    }
  }
}
