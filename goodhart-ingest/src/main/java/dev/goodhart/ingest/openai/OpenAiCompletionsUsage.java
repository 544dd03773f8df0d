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

/**
 * {@code GET /v1/organization/usage/completions} (FORMATS.md §6.5): tokens and requests per bucket,
 * no money. OpenAI's {@code input_tokens} <b>includes</b> cached and cache-write tokens; goodhart's
 * input excludes them, so the uncached part is {@code input_uncached_tokens} where the answer has
 * it, else what is left of the input after the cache. User ids are people: kept as pseudonyms.
 */
public final class OpenAiCompletionsUsage extends BucketReport {
  public static final String REPORT = "usage_completions";
  static final String RESULT = "organization.usage.completions.result";

  public OpenAiCompletionsUsage() {
    super(
        Vendor.OPENAI,
        REPORT,
        "OpenAI completions usage",
        BucketPages.Times.OPENAI,
        result ->
            RESULT.equals(result.path("object").asText(""))
                || !result.has("object") && result.has("num_model_requests"));
  }

  @Override
  protected BucketPages.Row row(JsonField result, Instant start, Instant end, VendorPage page) {
    long input = result.get("input_tokens").countLong();
    long cached = result.get("input_cached_tokens").countLong();
    long cacheWrite = result.get("input_cache_write_tokens").countLong();
    JsonField uncachedField = result.get("input_uncached_tokens");
    long uncached =
        uncachedField.isAbsent()
            ? Math.max(0, input - cached - cacheWrite)
            : uncachedField.countLong();
    String person = page.person("openai:", result.get("user_id").optionalText());
    String project = result.get("project_id").optionalText();
    String apiKey = result.get("api_key_id").optionalText();
    String model = result.get("model").optionalText();
    JsonField batch = result.get("batch");
    LineKey line =
        new LineKey()
            .with("project_id", project)
            .with("user_id", person)
            .with("api_key_id", apiKey)
            .with("model", model)
            .with("batch", batch.isAbsent() ? null : Boolean.toString(batch.flag()))
            .with("service_tier", result.get("service_tier").optionalText());
    VendorUsage.Builder usage =
        VendorUsage.builder(Vendor.OPENAI, REPORT, start, end)
            .model(model)
            .workspace(project)
            .apiKey(apiKey)
            .person(person)
            .tokens(uncached, result.get("output_tokens").countLong(), cached, cacheWrite)
            .requests(BigDecimal.valueOf(result.get("num_model_requests").countLong()));
    return new BucketPages.Row(line, usage);
  }
}
