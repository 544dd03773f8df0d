package dev.goodhart.ingest.copilot;

import dev.goodhart.ingest.github.GitHubRest;
import dev.goodhart.ingest.vendor.ApiReport;
import dev.goodhart.ingest.vendor.ApiRequest;
import dev.goodhart.ingest.vendor.Queries;
import dev.goodhart.ingest.vendor.RangeReport;
import dev.goodhart.ingest.vendor.VendorApi;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.model.billing.Vendor;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * GitHub's REST API for an organisation's or an enterprise's Copilot ({@code org:NAME}, {@code
 * enterprise:NAME}): premium request usage a day at a time, and the per-user usage metrics report a
 * day at a time, whose answer links to NDJSON files that are then downloaded without the token.
 */
public final class CopilotApi implements VendorApi {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

  @Override
  public Vendor vendor() {
    return Vendor.COPILOT;
  }

  @Override
  public String title() {
    return GitHubRest.TITLE;
  }

  @Override
  public URI defaultApiUrl() {
    return GitHubRest.DEFAULT_URL;
  }

  @Override
  public String tokenVariable() {
    return GitHubRest.TOKEN_VARIABLE;
  }

  @Override
  public String credential() {
    return "token";
  }

  @Override
  public Map<String, String> headers(@Nullable String token) {
    return GitHubRest.headers(token);
  }

  @Override
  public String refusal() {
    return "the token may lack the scopes for Copilot metrics and billing (manage_billing:copilot, read:org or read:enterprise), or the Copilot usage metrics policy is off";
  }

  @Override
  public String notFound() {
    return "no such organisation or enterprise, no enhanced billing, or no Copilot metrics for that day (data starts 2025-10-10): check --org / --enterprise and --since";
  }

  @Override
  public @Nullable String checkScope(@Nullable String scope) {
    if (scope == null) {
      return "Copilot's reports are an organisation's or an enterprise's: name it with --org NAME or --enterprise NAME";
    }
    String name = scope.substring(scope.indexOf(':') + 1);
    if (!NAME.matcher(name).matches()) {
      return "'%s' is not an organisation or enterprise name (letters, digits, '-', '_', '.')"
          .formatted(name);
    }
    return null;
  }

  @Override
  public List<ApiReport> reports(URI apiUrl, @Nullable String scope) {
    if (scope == null || checkScope(scope) != null) {
      throw new IllegalArgumentException("a checked scope, not " + scope);
    }
    boolean enterprise = scope.startsWith("enterprise:");
    String name = scope.substring(scope.indexOf(':') + 1);
    String base = Queries.base(apiUrl);
    String billing =
        base
            + (enterprise ? "/enterprises/" : "/organizations/")
            + name
            + "/settings/billing/premium_request/usage";
    String metrics =
        base + (enterprise ? "/enterprises/" : "/orgs/") + name + "/copilot/metrics/reports/";
    ApiReport premium =
        RangeReport.daily(new CopilotPremiumRequests())
            .scope(scope)
            .asking(
                day ->
                    URI.create(
                        billing
                            + "?year="
                            + day.getYear()
                            + "&month="
                            + day.getMonthValue()
                            + "&day="
                            + day.getDayOfMonth()));
    ApiReport links =
        RangeReport.daily(new CopilotReportLinks())
            .scope(scope)
            .asking(day -> URI.create(metrics + "users-1-day?day=" + day));
    return List.of(premium, new Downloaded(links));
  }

  /** The usage metrics report: a day's answer links to the files that hold its rows. */
  private record Downloaded(ApiReport links) implements ApiReport {
    @Override
    public String report() {
      return CopilotUsageMetrics.REPORT;
    }

    @Override
    public String scope() {
      return links.scope();
    }

    @Override
    public List<ApiRequest> start(Instant from, Instant now) {
      return links.start(from, now);
    }

    @Override
    public List<ApiRequest> follow(ApiRequest sent, VendorPage page) {
      return page.downloads().stream().map(uri -> ApiRequest.download(uri, null)).toList();
    }
  }

  /** {@code org:NAME} or {@code enterprise:NAME}, as the command line's options give them. */
  public static String scope(@Nullable String organisation, @Nullable String enterprise) {
    return organisation != null ? "org:" + organisation : "enterprise:" + enterprise;
  }
}
