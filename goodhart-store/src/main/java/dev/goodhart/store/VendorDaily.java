package dev.goodhart.store;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.billing.Vendor;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Vendor rows summed over the buckets that span the same UTC days: one day for daily, hourly and
 * per-event reports; a month for a monthly answer.
 *
 * @param firstDay the UTC day the buckets start on
 * @param lastDay the last UTC day they cover (equal to {@code firstDay} for a day or less)
 * @param amountUsd the billed dollars; null when no row of the group carries money
 * @param listAmountUsd the cost before inclusions and discounts, where the vendor says; else null
 * @param rows how many stored rows were summed
 */
public record VendorDaily(
    Vendor vendor,
    String report,
    LocalDate firstDay,
    LocalDate lastDay,
    boolean estimated,
    @Nullable BigDecimal amountUsd,
    @Nullable BigDecimal listAmountUsd,
    long tokens,
    @Nullable BigDecimal requests,
    long rows) {
  public VendorDaily {
    requireNonNull(vendor, "vendor is null");
    requireNonNull(report, "report is null");
    requireNonNull(firstDay, "firstDay is null");
    requireNonNull(lastDay, "lastDay is null");
    if (lastDay.isBefore(firstDay)) {
      throw new IllegalArgumentException("lastDay " + lastDay + " is before " + firstDay);
    }
  }

  /** Whether the buckets cover more than one day. */
  public boolean spansDays() {
    return lastDay.isAfter(firstDay);
  }
}
