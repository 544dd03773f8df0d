package dev.goodhart.ingest.vendor;

import java.time.Instant;
import java.util.List;

/** One report of a vendor's API, as an import asks for it. */
public interface ApiReport {
  /** The report's name, as its rows and cursor keep it. */
  String report();

  /** The scope its cursor is kept under: the Copilot organisation, else empty. */
  String scope();

  /**
   * The first requests that cover {@code from} (the start of a UTC day) up to {@code now}: one for
   * an API that pages through a range, one per day for an API that answers a day at a time.
   */
  List<ApiRequest> start(Instant from, Instant now);

  /** What to ask after an answer: its next page, the files it links to; nothing at the end. */
  List<ApiRequest> follow(ApiRequest sent, VendorPage page);
}
