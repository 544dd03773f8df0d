package dev.goodhart.model.billing;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How far imports from a vendor's API have read one report: the start of the last bucket an import
 * read to the end. The next import asks again from that bucket on, since a vendor fills a bucket
 * while it lasts (and revises it for a while after).
 *
 * @param scope what else the report is of: a Copilot organisation or enterprise; empty when the key
 *     decides it
 */
public record VendorCursor(Vendor vendor, String report, String scope, Instant lastBucket) {
  public VendorCursor {
    requireNonNull(vendor, "vendor is null");
    requireNonNull(report, "report is null");
    requireNonNull(scope, "scope is null");
    requireNonNull(lastBucket, "lastBucket is null");
  }
}
