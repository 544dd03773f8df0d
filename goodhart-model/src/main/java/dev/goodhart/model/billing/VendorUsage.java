package dev.goodhart.model.billing;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of a vendor's cost or usage report: what one line of the bill (a workspace's model, a
 * line item, a user's request) cost or consumed in one time bucket. Money is exact US dollars,
 * whatever unit the vendor wrote it in (Anthropic's and Cursor's cents are divided by 100 on the
 * way in). People are pseudonyms.
 *
 * <p>A row is known by its vendor, report, bucket start and {@code lineKey}: a row read again (a
 * page saved twice, overlapping saves, a later import of the same days) replaces the one stored.
 *
 * @param report which of the vendor's reports it comes from: {@code cost_report}, {@code
 *     usage_messages}, {@code claude_code}, {@code costs}, {@code usage_completions}, {@code
 *     premium_requests}, {@code usage_metrics}, {@code usage_events}
 * @param bucketStart the start of the time bucket the vendor reported it in (a UTC day, hour,
 *     minute or month)
 * @param bucketEnd the end of the bucket, exclusive
 * @param lineKey what tells this row apart from the bucket's others: every dimension the vendor
 *     gave it (workspace, API key, model, line item, person...)
 * @param grouping the dimensions the answer was grouped by, as far as its rows show: a bucket read
 *     again under another grouping replaces the bucket's rows rather than adding to them
 * @param amountUsd what the vendor bills for the row; null for reports that carry no money
 * @param listAmountUsd the row's cost before what the plan includes or discounts, when the vendor
 *     says (Copilot's gross amount, Cursor's token cost); else null
 * @param estimated whether the vendor calls the amount an estimate (Claude Code Analytics)
 * @param inputTokens input not read from or written to a cache, in Anthropic's convention
 * @param requests requests, or request units (Copilot's premium requests may be fractional)
 */
public record VendorUsage(
    Vendor vendor,
    String report,
    Instant bucketStart,
    Instant bucketEnd,
    String lineKey,
    String grouping,
    @Nullable String model,
    @Nullable String workspace,
    @Nullable String apiKey,
    @Nullable String lineItem,
    @Nullable String personId,
    @Nullable BigDecimal amountUsd,
    @Nullable BigDecimal listAmountUsd,
    boolean estimated,
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWriteTokens,
    @Nullable BigDecimal requests) {

  public VendorUsage {
    requireNonNull(vendor, "vendor is null");
    requireNonNull(report, "report is null");
    requireNonNull(bucketStart, "bucketStart is null");
    requireNonNull(bucketEnd, "bucketEnd is null");
    requireNonNull(lineKey, "lineKey is null");
    requireNonNull(grouping, "grouping is null");
    if (report.isBlank()) {
      throw new IllegalArgumentException("report is blank");
    }
    if (!bucketEnd.isAfter(bucketStart)) {
      throw new IllegalArgumentException(
          "a bucket ends after it starts: %s to %s".formatted(bucketStart, bucketEnd));
    }
    if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  /** Every token the row counts. */
  public long tokens() {
    return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
  }

  /** Builds a row field by field: readers know a few of the many dimensions each. */
  public static Builder builder(Vendor vendor, String report, Instant start, Instant end) {
    return new Builder(vendor, report, start, end);
  }

  /** A row under construction; {@link #lineKey} and {@link #grouping} default to empty. */
  public static final class Builder {
    private final Vendor vendor;
    private final String report;
    private final Instant start;
    private final Instant end;
    private String lineKey = "";
    private String grouping = "";
    private @Nullable String model;
    private @Nullable String workspace;
    private @Nullable String apiKey;
    private @Nullable String lineItem;
    private @Nullable String personId;
    private @Nullable BigDecimal amount;
    private @Nullable BigDecimal listAmount;
    private boolean estimated;
    private long input;
    private long output;
    private long cacheRead;
    private long cacheWrite;
    private @Nullable BigDecimal requests;

    private Builder(Vendor vendor, String report, Instant start, Instant end) {
      this.vendor = vendor;
      this.report = report;
      this.start = start;
      this.end = end;
    }

    public Builder lineKey(String lineKey) {
      this.lineKey = lineKey;
      return this;
    }

    public Builder grouping(String grouping) {
      this.grouping = grouping;
      return this;
    }

    public Builder model(@Nullable String model) {
      this.model = model;
      return this;
    }

    public Builder workspace(@Nullable String workspace) {
      this.workspace = workspace;
      return this;
    }

    public Builder apiKey(@Nullable String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder lineItem(@Nullable String lineItem) {
      this.lineItem = lineItem;
      return this;
    }

    public Builder person(@Nullable String personId) {
      this.personId = personId;
      return this;
    }

    public Builder amount(@Nullable BigDecimal amount) {
      this.amount = amount;
      return this;
    }

    public Builder listAmount(@Nullable BigDecimal listAmount) {
      this.listAmount = listAmount;
      return this;
    }

    public Builder estimated(boolean estimated) {
      this.estimated = estimated;
      return this;
    }

    public Builder tokens(long input, long output, long cacheRead, long cacheWrite) {
      this.input = input;
      this.output = output;
      this.cacheRead = cacheRead;
      this.cacheWrite = cacheWrite;
      return this;
    }

    public Builder requests(@Nullable BigDecimal requests) {
      this.requests = requests;
      return this;
    }

    public VendorUsage build() {
      return new VendorUsage(
          vendor,
          report,
          start,
          end,
          lineKey,
          grouping,
          model,
          workspace,
          apiKey,
          lineItem,
          personId,
          amount,
          listAmount,
          estimated,
          input,
          output,
          cacheRead,
          cacheWrite,
          requests);
    }
  }
}
