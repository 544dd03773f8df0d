package dev.goodhart.ingest.openai;

import dev.goodhart.ingest.forge.ApiHeaders;
import dev.goodhart.ingest.vendor.ApiReport;
import dev.goodhart.ingest.vendor.Queries;
import dev.goodhart.ingest.vendor.RangeReport;
import dev.goodhart.ingest.vendor.VendorApi;
import dev.goodhart.ingest.vendor.VendorFormat;
import dev.goodhart.model.billing.Vendor;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI's organisation API with an Admin key ({@code sk-admin-...}, a bearer token): costs by line
 * item and project (180 daily buckets to a page), completions usage by model, project and API key
 * (31 to a page), from the first day's start in seconds since 1970.
 */
public final class OpenAiAdminApi implements VendorApi {
  @Override
  public Vendor vendor() {
    return Vendor.OPENAI;
  }

  @Override
  public String title() {
    return "OpenAI";
  }

  @Override
  public URI defaultApiUrl() {
    return URI.create("https://api.openai.com");
  }

  @Override
  public String tokenVariable() {
    return "OPENAI_ADMIN_KEY";
  }

  @Override
  public Map<String, String> headers(@Nullable String token) {
    return ApiHeaders.json().bearer(token);
  }

  @Override
  public String refusal() {
    return "the key may not be an Admin key (sk-admin-...) of the organisation";
  }

  @Override
  public String notFound() {
    return "the organisation API has no such report here: check --api-url";
  }

  @Override
  public List<ApiReport> reports(URI apiUrl, @Nullable String scope) {
    String base = Queries.base(apiUrl) + "/v1/organization/";
    return List.of(
        daily(
            new OpenAiCosts(), base + "costs", "&limit=180&group_by=line_item&group_by=project_id"),
        daily(
            new OpenAiCompletionsUsage(),
            base + "usage/completions",
            "&limit=31&group_by=model&group_by=project_id&group_by=api_key_id"));
  }

  /** Daily buckets from the first day's start (in seconds since 1970) on. */
  private static ApiReport daily(VendorFormat format, String url, String rest) {
    return RangeReport.from(
        format,
        from ->
            URI.create(url + "?start_time=" + from.getEpochSecond() + "&bucket_width=1d" + rest));
  }
}
