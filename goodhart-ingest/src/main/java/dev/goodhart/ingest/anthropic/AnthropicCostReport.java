package dev.goodhart.ingest.anthropic;

import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.vendor.BucketPages;
import dev.goodhart.ingest.vendor.BucketReport;
import dev.goodhart.ingest.vendor.LineKey;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/organizations/cost_report} (FORMATS.md §6.2): daily buckets of costs, each result
 * an {@code amount} in <b>cents, written as a decimal string</b> ({@code "123.78912"} is
 * $1.2378912), optionally grouped by workspace and description (then with model, cost and token
 * type). Only US dollars are read.
 */
public final class AnthropicCostReport extends BucketReport {
  public static final String REPORT = "cost_report";
  private static final List<String> DIMENSIONS =
      List.of(
          "workspace_id",
          "description",
          "cost_type",
          "model",
          "token_type",
          "service_tier",
          "context_window",
          "inference_geo",
          "speed");

  public AnthropicCostReport() {
    super(
        Vendor.ANTHROPIC,
        REPORT,
        "Anthropic cost report",
        BucketPages.Times.ANTHROPIC,
        result -> result.has("amount"));
  }

  @Override
  protected BucketPages.Row row(JsonField result, Instant start, Instant end, VendorPage page) {
    BigDecimal cents = result.get("amount").decimalText();
    String currency = result.get("currency").optionalText();
    if (currency != null && !currency.equals("USD")) {
      result.get("currency").problem("USD: goodhart reads bills in US dollars");
    }
    LineKey line = new LineKey();
    for (String dimension : DIMENSIONS) {
      line.with(dimension, result.get(dimension).optionalText());
    }
    String description = result.get("description").optionalText();
    String costType = result.get("cost_type").optionalText();
    VendorUsage.Builder usage =
        VendorUsage.builder(Vendor.ANTHROPIC, REPORT, start, end)
            .model(result.get("model").optionalText())
            .workspace(result.get("workspace_id").optionalText())
            .lineItem(description != null ? description : costType)
            .amount(cents == null ? null : cents.movePointLeft(2));
    return new BucketPages.Row(line, usage);
  }
}
