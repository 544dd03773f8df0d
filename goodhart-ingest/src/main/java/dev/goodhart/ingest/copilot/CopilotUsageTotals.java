package dev.goodhart.ingest.copilot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.vendor.LineKey;
import dev.goodhart.ingest.vendor.VendorFormat;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * A Copilot usage metrics report of an enterprise or organisation as a whole ({@code
 * enterprise-1-day}, {@code organization-28-day}...: one NDJSON row holding {@code day_totals}),
 * kept apart from the per-user rows so that reading both counts nothing twice.
 */
public final class CopilotUsageTotals implements VendorFormat {
  public static final String REPORT = "usage_metrics_totals";

  @Override
  public Vendor vendor() {
    return Vendor.COPILOT;
  }

  @Override
  public String report() {
    return REPORT;
  }

  @Override
  public String title() {
    return "Copilot usage metrics (totals)";
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
    LocalDate day = total.get("day").day();
    String enterprise = total.get("enterprise_id").optionalIdentifier();
    String organisation = total.get("organization_id").optionalIdentifier();
    long interactions = total.get("user_initiated_interaction_count").countLong();
    JsonField cli = total.get("totals_by_cli").optionalObject();
    JsonField tokens = cli.get("token_usage").optionalObject();
    long cliRequests = cli.get("request_count").countLong();
    if (day == null) {
      return null;
    }
    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    page.bucket(start);
    return VendorUsage.builder(Vendor.COPILOT, REPORT, start, start.plus(Duration.ofDays(1)))
        .lineKey(
            new LineKey()
                .with("enterprise_id", enterprise)
                .with("organization_id", organisation)
                .key())
        .workspace(organisation != null ? organisation : enterprise)
        .tokens(
            tokens.get("prompt_tokens_sum").countLong(),
            tokens.get("output_tokens_sum").countLong(),
            0,
            0)
        .requests(BigDecimal.valueOf(interactions + cliRequests))
        .build();
  }
}
