package dev.goodhart.ingest.vendor;

import dev.goodhart.model.billing.VendorUsage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Counts what an import read of each report, for its summary. */
final class ReportTally {
  private static final class Sums {
    final VendorFormat format;
    long rows;
    @Nullable LocalDate first;
    @Nullable LocalDate last;
    @Nullable BigDecimal amount;
    long tokens;

    Sums(VendorFormat format) {
      this.format = format;
    }
  }

  private final Map<VendorFormat, Sums> sums = new LinkedHashMap<>();

  void add(VendorFormat format, List<VendorUsage> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Sums s = sums.computeIfAbsent(format, Sums::new);
    for (VendorUsage row : rows) {
      s.rows++;
      LocalDate day = LocalDate.ofInstant(row.bucketStart(), ZoneOffset.UTC);
      s.first = s.first == null || day.isBefore(s.first) ? day : s.first;
      s.last = s.last == null || day.isAfter(s.last) ? day : s.last;
      if (row.amountUsd() != null) {
        s.amount = s.amount == null ? row.amountUsd() : s.amount.add(row.amountUsd());
      }
      s.tokens += row.tokens();
    }
  }

  List<VendorImportSummary.Report> reports() {
    List<VendorImportSummary.Report> reports = new ArrayList<>();
    sums.values()
        .forEach(
            s ->
                reports.add(
                    new VendorImportSummary.Report(
                        s.format.vendor(),
                        s.format.report(),
                        s.format.title(),
                        s.rows,
                        s.first,
                        s.last,
                        s.amount,
                        s.tokens)));
    return reports;
  }
}
