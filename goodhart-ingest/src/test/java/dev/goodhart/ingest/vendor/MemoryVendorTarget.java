package dev.goodhart.ingest.vendor;

import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorCursor;
import dev.goodhart.model.billing.VendorUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A target that keeps rows by their key in memory, as the store does, and counts the commits. */
public final class MemoryVendorTarget implements VendorTarget {
  public final Map<String, VendorUsage> rows = new LinkedHashMap<>();
  public final Map<String, Instant> cursors = new LinkedHashMap<>();
  public final List<Integer> batches = new ArrayList<>();

  private static String key(VendorUsage row) {
    return row.vendor() + "|" + row.report() + "|" + row.bucketStart() + "|" + row.lineKey();
  }

  private static String cursorKey(Vendor vendor, String report, String scope) {
    return vendor.wireName() + "/" + report + "/" + scope;
  }

  @Override
  public Optional<Instant> cursor(Vendor vendor, String report, String scope) {
    return Optional.ofNullable(cursors.get(cursorKey(vendor, report, scope)));
  }

  @Override
  public void record(List<VendorUsage> batch, List<VendorCursor> progress) {
    batches.add(batch.size());
    for (VendorUsage row : batch) {
      rows.values()
          .removeIf(
              stored ->
                  stored.vendor() == row.vendor()
                      && stored.report().equals(row.report())
                      && stored.bucketStart().equals(row.bucketStart())
                      && !stored.grouping().equals(row.grouping()));
      rows.put(key(row), row);
    }
    for (VendorCursor cursor : progress) {
      cursors.merge(
          cursorKey(cursor.vendor(), cursor.report(), cursor.scope()),
          cursor.lastBucket(),
          (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  /** The billed dollars of a report on a UTC day. */
  public BigDecimal billed(Vendor vendor, String report, String day) {
    LocalDate wanted = LocalDate.parse(day);
    return rows.values().stream()
        .filter(r -> r.vendor() == vendor && r.report().equals(report))
        .filter(r -> LocalDate.ofInstant(r.bucketStart(), ZoneOffset.UTC).equals(wanted))
        .map(VendorUsage::amountUsd)
        .filter(java.util.Objects::nonNull)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public List<VendorUsage> of(Vendor vendor, String report) {
    return rows.values().stream()
        .filter(r -> r.vendor() == vendor && r.report().equals(report))
        .toList();
  }
}
