package dev.goodhart.ingest.openai;

import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.vendor.BucketPages;
import dev.goodhart.ingest.vendor.BucketReport;
import dev.goodhart.ingest.vendor.LineKey;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code GET /v1/organization/costs} (FORMATS.md §6.6): daily buckets ({@code start_time} in
 * seconds since 1970), each result an {@code amount.value} in <b>dollars</b> (a JSON number, read
 * exactly as written) with its {@code line_item}, project and API key when grouped by them.
 */
public final class OpenAiCosts extends BucketReport {
  public static final String REPORT = "costs";
  static final String RESULT = "organization.costs.result";

  public OpenAiCosts() {
    super(
        Vendor.OPENAI,
        REPORT,
        "OpenAI costs",
        BucketPages.Times.OPENAI,
        result ->
            RESULT.equals(result.path("object").asText(""))
                || !result.has("object") && result.path("amount").isObject());
  }

  @Override
  protected BucketPages.Row row(JsonField result, Instant start, Instant end, VendorPage page) {
    JsonField amount = result.get("amount").object();
    BigDecimal dollars = amount.get("value").decimal();
    String currency = amount.get("currency").optionalText();
    if (currency != null && !currency.toLowerCase(Locale.ROOT).equals("usd")) {
      amount.get("currency").problem("usd: goodhart reads bills in US dollars");
    }
    String lineItem = result.get("line_item").optionalText();
    String project = result.get("project_id").optionalText();
    String apiKey = result.get("api_key_id").optionalText();
    LineKey line =
        new LineKey()
            .with("project_id", project)
            .with("line_item", lineItem)
            .with("api_key_id", apiKey)
            .with("organization_id", result.get("organization_id").optionalText());
    VendorUsage.Builder usage =
        VendorUsage.builder(Vendor.OPENAI, REPORT, start, end)
            .workspace(project)
            .apiKey(apiKey)
            .lineItem(lineItem)
            .amount(dollars);
    return new BucketPages.Row(line, usage);
  }
}
