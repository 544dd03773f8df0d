package dev.goodhart.ingest.vendor;

import dev.goodhart.model.billing.VendorUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Counts what an import read of each report, for its summary: each row once, as the store keeps it,
 * however many of the import's pages held it.
 */
final class ReportTally {
  /** A row's identity in the store. */
  private record Key(Instant bucket, String line) {}

  private final Map<VendorFormat, Map<Key, VendorUsage>> reports = new LinkedHashMap<>();

  void add(VendorFormat format, List<VendorUsage> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Map<Key, VendorUsage> kept = reports.computeIfAbsent(format, f -> new LinkedHashMap<>());
    for (VendorUsage row : rows) {
      kept.put(new Key(row.bucketStart(), row.lineKey()), row);
    }
  }

  List<VendorImportSummary.Report> reports() {
    List<VendorImportSummary.Report> summaries = new ArrayList<>();
    reports.forEach(
        (format, rows) -> {
          LocalDate first = null;
          LocalDate last = null;
          BigDecimal amount = null;
          long tokens = 0;
          for (VendorUsage row : rows.values()) {
            LocalDate day = LocalDate.ofInstant(row.bucketStart(), ZoneOffset.UTC);
            first = first == null || day.isBefore(first) ? day : first;
            last = last == null || day.isAfter(last) ? day : last;
            amount = plus(amount, row.amountUsd());
            tokens += row.tokens();
          }
          summaries.add(
              new VendorImportSummary.Report(
                  format.vendor(),
                  format.report(),
                  format.title(),
                  rows.size(),
                  first,
                  last,
                  amount,
                  tokens));
        });
    return summaries;
  }

  private static @Nullable BigDecimal plus(@Nullable BigDecimal sum, @Nullable BigDecimal amount) {
    return amount == null ? sum : sum == null ? amount : sum.add(amount);
  }
}
