package dev.goodhart.ingest.copilot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.ingest.vendor.VendorReport;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorUsage;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One row of a Copilot usage metrics report per user and UTC day ({@code users-1-day}, NDJSON,
 * FORMATS.md §4.1): no money; the interactions a user started are its requests, and Copilot CLI's
 * token sums ({@code totals_by_cli.token_usage}) its tokens, the only tokens Copilot reports.
 * Logins are kept as the pseudonyms the forge import gives them ({@code github:<login>}).
 */
public final class CopilotUsageMetrics extends VendorReport {
  public static final String REPORT = "usage_metrics";
  static final String LOGIN = "github:";
  static final Set<String> ACTIVITY =
      Set.of(
          "user_initiated_interaction_count",
          "code_generation_activity_count",
          "code_acceptance_activity_count",
          "totals_by_ide",
          "totals_by_feature",
          "used_chat",
          "used_agent");

  public CopilotUsageMetrics() {
    super(Vendor.COPILOT, REPORT, "Copilot usage metrics (per user)");
  }

  @Override
  public boolean recognises(JsonNode value) {
    return value.isObject()
        && value.path("day").isTextual()
        && (value.has("user_login") || value.has("user_id"))
        && ACTIVITY.stream().anyMatch(value::has);
  }

  @Override
  public void read(JsonNode value, VendorPage page) {
    VendorUsage row = page.row(value, "", field -> row(field.object(), page));
    if (row != null) {
      page.add(row);
    }
  }

  private static @Nullable VendorUsage row(JsonField row, VendorPage page) {
    return CopilotMetricsDay.row(
        row,
        page,
        REPORT,
        user -> {
          String login = user.get("user_login").optionalText();
          String userId = user.get("user_id").optionalIdentifier();
          return login != null ? page.person(LOGIN, login) : page.person("github-id:", userId);
        });
  }
}
