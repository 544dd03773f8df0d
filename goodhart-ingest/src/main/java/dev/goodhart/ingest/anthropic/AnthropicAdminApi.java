package dev.goodhart.ingest.anthropic;

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
 * Anthropic's Admin API with an Admin key ({@code sk-ant-admin01-...}, header {@code x-api-key}):
 * the cost report by workspace and description, the messages usage report by model, workspace and
 * API key, both in daily buckets from the first day on, 31 to a page; and Claude Code Analytics,
 * one day per request, 1,000 records to a page.
 */
public final class AnthropicAdminApi implements VendorApi {
  static final String VERSION = "2023-06-01";

  @Override
  public Vendor vendor() {
    return Vendor.ANTHROPIC;
  }

  @Override
  public String title() {
    return "Anthropic";
  }

  @Override
  public URI defaultApiUrl() {
    return URI.create("https://api.anthropic.com");
  }

  @Override
  public String tokenVariable() {
    return "ANTHROPIC_ADMIN_KEY";
  }

  @Override
  public Map<String, String> headers(@Nullable String token) {
    return ApiHeaders.first("anthropic-version", VERSION)
        .with("Accept", "application/json")
        .secret("x-api-key", token);
  }

  @Override
  public String refusal() {
    return "the key may not be an Admin API key (sk-ant-admin...) with access to usage and cost reports";
  }

  @Override
  public String notFound() {
    return "the Admin API has no such report here: check --api-url, and that the key is an organisation's Admin API key (individual accounts have none)";
  }

  @Override
  public List<ApiReport> reports(URI apiUrl, @Nullable String scope) {
    String base = Queries.base(apiUrl) + "/v1/organizations/";
    return List.of(
        daily(
            new AnthropicCostReport(),
            base + "cost_report",
            "&group_by%5B%5D=workspace_id&group_by%5B%5D=description"),
        daily(
            new AnthropicUsageReport(),
            base + "usage_report/messages",
            "&group_by%5B%5D=model&group_by%5B%5D=workspace_id&group_by%5B%5D=api_key_id"),
        RangeReport.daily(new ClaudeCodeAnalytics())
            .asking(
                day ->
                    URI.create(
                        base + "usage_report/claude_code?starting_at=" + day + "&limit=1000")));
  }

  /** Daily buckets from the first day's start on, 31 to a page. */
  private static ApiReport daily(VendorFormat format, String url, String grouping) {
    return RangeReport.from(
        format,
        from ->
            URI.create(
                url
                    + "?starting_at="
                    + Queries.encode(from.toString())
                    + "&bucket_width=1d&limit=31"
                    + grouping));
  }
}
