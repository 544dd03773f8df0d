package dev.goodhart.ingest.vendor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.model.billing.Vendor;
import java.time.Instant;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A report of time buckets whose results are rows ({@link BucketPages}): Anthropic's and OpenAI's
 * cost and usage reports. A format says its names, how its buckets write their times, how one of
 * its results looks, and how it reads one into a row.
 */
public abstract class BucketReport extends VendorReport {
  private final BucketPages.Times times;
  private final Predicate<JsonNode> isResult;

  /**
   * @param isResult whether a bucket's result is of this report (cheap: a look at its fields)
   */
  protected BucketReport(
      Vendor vendor,
      String report,
      String title,
      BucketPages.Times times,
      Predicate<JsonNode> isResult) {
    super(vendor, report, title);
    this.times = requireNonNull(times, "times is null");
    this.isResult = requireNonNull(isResult, "isResult is null");
  }

  @Override
  public final boolean recognises(JsonNode value) {
    return BucketPages.recognises(value, times, isResult);
  }

  @Override
  public final void read(JsonNode value, VendorPage page) {
    BucketPages.read(value, page, times, (result, start, end) -> row(result, start, end, page));
  }

  /** One result of a bucket as a row; null when it is none (a problem was reported on it). */
  protected abstract BucketPages.@Nullable Row row(
      JsonField result, Instant start, Instant end, VendorPage page);
}
