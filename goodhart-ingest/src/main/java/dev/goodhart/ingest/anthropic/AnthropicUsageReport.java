package dev.goodhart.ingest.anthropic;

import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.vendor.BucketPages;
import dev.goodhart.ingest.vendor.BucketReport;
import dev.goodhart.ingest.vendor.LineKey;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorUsage;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/organizations/usage_report/messages} (FORMATS.md §6.1): tokens per bucket (a
 * minute, an hour or a day), optionally grouped by account, API key, workspace, model, tier... It
 * carries no money. {@code uncached_input_tokens} excludes the cache, as goodhart's input does.
 * Account ids ({@code user_...}) are people: they are kept as pseudonyms.
 */
public final class AnthropicUsageReport extends BucketReport {
  public static final String REPORT = "usage_messages";
  private static final List<String> DIMENSIONS =
      List.of(
          "api_key_id",
          "workspace_id",
          "service_account_id",
          "model",
          "service_tier",
          "context_window",
          "inference_geo",
          "speed");

  public AnthropicUsageReport() {
    super(
        Vendor.ANTHROPIC,
        REPORT,
        "Anthropic messages usage report",
        BucketPages.Times.ANTHROPIC,
        result ->
            result.has("uncached_input_tokens")
                || result.has("cache_read_input_tokens")
                || result.has("output_tokens") && !result.has("amount"));
  }

  @Override
  protected BucketPages.Row row(JsonField result, Instant start, Instant end, VendorPage page) {
    JsonField cacheCreation = result.get("cache_creation").optionalObject();
    long cacheWrite =
        cacheCreation.get("ephemeral_5m_input_tokens").countLong()
            + cacheCreation.get("ephemeral_1h_input_tokens").countLong();
    String account = result.get("account_id").optionalText();
    String person = page.person("anthropic:", account);
    LineKey line = new LineKey().with("account_id", person);
    for (String dimension : DIMENSIONS) {
      line.with(dimension, result.get(dimension).optionalText());
    }
    VendorUsage.Builder usage =
        VendorUsage.builder(Vendor.ANTHROPIC, REPORT, start, end)
            .model(result.get("model").optionalText())
            .workspace(result.get("workspace_id").optionalText())
            .apiKey(result.get("api_key_id").optionalText())
            .person(person)
            .tokens(
                result.get("uncached_input_tokens").countLong(),
                result.get("output_tokens").countLong(),
                result.get("cache_read_input_tokens").countLong(),
                cacheWrite);
    return new BucketPages.Row(line, usage);
  }
}
