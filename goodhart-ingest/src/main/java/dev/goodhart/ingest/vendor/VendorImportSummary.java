package dev.goodhart.ingest.vendor;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.billing.Vendor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an import of vendors' reports read.
 *
 * @param reports what each report brought, by vendor and report
 * @param ignored values of a known kind that hold nothing to store (team membership rows)
 * @param badRecords rows, values and texts that could not be read, each reported
 * @param requests requests made to the API (0 for saved files)
 * @param cursorsAdvanced whether the API import read every report to its end, so that the next one
 *     starts from there
 */
public record VendorImportSummary(
    List<Report> reports,
    int values,
    int ignored,
    int badRecords,
    int requests,
    boolean cursorsAdvanced,
    Duration waited) {
  public VendorImportSummary {
    reports = List.copyOf(reports);
    requireNonNull(waited, "waited is null");
  }

  /** Rows read of all reports. */
  public long rows() {
    return reports.stream().mapToLong(Report::rows).sum();
  }

  /**
   * One report's rows.
   *
   * @param amountUsd the dollars of its rows; null when it carries none
   */
  public record Report(
      Vendor vendor,
      String report,
      String title,
      long rows,
      @Nullable LocalDate firstDay,
      @Nullable LocalDate lastDay,
      @Nullable BigDecimal amountUsd,
      long tokens) {}
}
