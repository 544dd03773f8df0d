package dev.goodhart.store;

import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorCursor;
import dev.goodhart.model.billing.VendorUsage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What vendors bill and report ({@link VendorUsage}), from their APIs or saved answers, and how far
 * imports from the APIs have read.
 *
 * <p>A row is stored once by its vendor, report, bucket start and line key: reading the same page
 * twice, or two saves that overlap, changes nothing. A bucket read under another grouping than the
 * one stored (the same day of a cost report, once by workspace and once by model) replaces the
 * bucket's stored rows instead of adding to them, so no day is counted twice however it was saved.
 */
public interface BillingStore {
  /**
   * Stores the rows and advances the cursors, in one transaction. Of the rows of one bucket in the
   * batch, those of its last grouping are kept.
   */
  void recordVendorUsage(List<VendorUsage> rows, List<VendorCursor> progress);

  /** The start of the last bucket an import from the vendor's API read; empty before the first. */
  Optional<Instant> vendorCursor(Vendor vendor, String report, String scope);

  /**
   * Stored rows summed per vendor, report, estimate or not, and the UTC days their buckets span;
   * only buckets starting within {@code [from, until]} (UTC days, both included; null for open).
   * Ordered by first day, vendor and report.
   */
  List<VendorDaily> vendorUsageByDay(@Nullable LocalDate from, @Nullable LocalDate until);

  /**
   * The pseudonyms of the people vendor rows name, of buckets starting in {@code [from, until)}.
   */
  Set<String> vendorPeople(@Nullable Instant from, @Nullable Instant until);
}
