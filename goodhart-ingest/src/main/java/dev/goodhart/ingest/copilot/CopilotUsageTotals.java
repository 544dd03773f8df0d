package dev.goodhart.ingest.copilot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.ingest.vendor.VendorReport;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorUsage;
import org.jspecify.annotations.Nullable;

/**
 * A Copilot usage metrics report of an enterprise or organisation as a whole ({@code
 * enterprise-1-day}, {@code organization-28-day}...: one NDJSON row holding {@code day_totals}),
 * kept apart from the per-user rows so that reading both counts nothing twice.
 */
public final class CopilotUsageTotals extends VendorReport {
  public static final String REPORT = "usage_metrics_totals";

  public CopilotUsageTotals() {
    super(Vendor.COPILOT, REPORT, "Copilot usage metrics (totals)");
  }

  @Override
  public boolean recognises(JsonNode value) {
    return value.isObject() && value.path("day_totals").isArray();
  }

  @Override
  public void read(JsonNode value, VendorPage page) {
    JsonNode days = value.path("day_totals");
    for (int i = 0; i < days.size(); i++) {
      VendorUsage row = page.row(days.get(i), "day_totals[" + i + "]", f -> row(f.object(), page));
      if (row != null) {
        page.add(row);
      }
    }
  }

  private static @Nullable VendorUsage row(JsonField total, VendorPage page) {
    return CopilotMetricsDay.row(total, page, REPORT, null);
  }
}
