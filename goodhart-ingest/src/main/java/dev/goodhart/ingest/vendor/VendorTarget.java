package dev.goodhart.ingest.vendor;

import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorCursor;
import dev.goodhart.model.billing.VendorUsage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where an import of vendors' reports keeps what it read: the store, for the command line. */
public interface VendorTarget {
  /** The start of the last bucket an earlier API import read of the report. */
  Optional<Instant> cursor(Vendor vendor, String report, String scope);

  /** Stores the rows and the cursors' advance together, or neither. */
  void record(List<VendorUsage> rows, List<VendorCursor> progress);
}
