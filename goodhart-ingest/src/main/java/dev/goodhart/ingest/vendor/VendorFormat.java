package dev.goodhart.ingest.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.model.billing.Vendor;

/**
 * One of a vendor's report formats: tells its answers apart from every other format by their shape,
 * and reads them into rows. Implementations live in their vendor's package and register with a
 * {@code META-INF/services/dev.goodhart.ingest.vendor.VendorFormat} line.
 */
public interface VendorFormat {
  Vendor vendor();

  /** The report's name, as rows and cursors keep it: {@code cost_report}. */
  String report();

  /** The report's name in messages: {@code Anthropic cost report}. */
  String title();

  /**
   * Whether a JSON value (a saved answer, or one row of an NDJSON report) is of this format, from a
   * look at its fields: cheap, and true for at most one format.
   */
  boolean recognises(JsonNode value);

  /**
   * Reads the value's rows, its next page and the buckets it covers into {@code page}. A row that
   * cannot be read is reported to the page and skipped; the others are read.
   */
  void read(JsonNode value, VendorPage page);
}
