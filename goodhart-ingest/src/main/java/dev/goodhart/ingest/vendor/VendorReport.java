package dev.goodhart.ingest.vendor;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.billing.Vendor;

/** A vendor's report format with its names: what every format says the same way. */
public abstract class VendorReport implements VendorFormat {
  private final Vendor vendor;
  private final String report;
  private final String title;

  /**
   * @param report the report's name as rows and cursors keep it
   * @param title its name in messages
   */
  protected VendorReport(Vendor vendor, String report, String title) {
    this.vendor = requireNonNull(vendor, "vendor is null");
    this.report = requireNonNull(report, "report is null");
    this.title = requireNonNull(title, "title is null");
  }

  @Override
  public final Vendor vendor() {
    return vendor;
  }

  @Override
  public final String report() {
    return report;
  }

  @Override
  public final String title() {
    return title;
  }
}
