package dev.goodhart.ingest.copilot;

import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.vendor.LineKey;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A UTC day of a Copilot usage metrics report, a user's ({@link CopilotUsageMetrics}) or a whole
 * enterprise's or organisation's ({@link CopilotUsageTotals}): both write the day, the enterprise
 * and organisation, the interactions started and Copilot CLI's requests and token sums in the same
 * fields, so both are read here; only the per-user rows name a user.
 */
final class CopilotMetricsDay {
  private CopilotMetricsDay() {}

  /**
   * The day's row of the report, or null when it has no day. {@code user} reads the row's user (a
   * pseudonym) right after the day; null for totals, whose rows have no user dimension.
   */
  static @Nullable VendorUsage row(
      JsonField row,
      VendorPage page,
      String report,
      @Nullable Function<JsonField, @Nullable String> user) {
    LocalDate day = row.get("day").day();
    String person = user == null ? null : user.apply(row);
    String enterprise = row.get("enterprise_id").optionalIdentifier();
    String organisation = row.get("organization_id").optionalIdentifier();
    long interactions = row.get("user_initiated_interaction_count").countLong();
    JsonField cli = row.get("totals_by_cli").optionalObject();
    JsonField tokens = cli.get("token_usage").optionalObject();
    long cliRequests = cli.get("request_count").countLong();
    if (day == null) {
      return null;
    }
    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    page.bucket(start);
    LineKey line =
        new LineKey().with("enterprise_id", enterprise).with("organization_id", organisation);
    if (user != null) {
      line.with("user", person);
    }
    return VendorUsage.builder(Vendor.COPILOT, report, start, start.plus(Duration.ofDays(1)))
        .lineKey(line.key())
        .workspace(organisation != null ? organisation : enterprise)
        .person(person)
        .tokens(
            tokens.get("prompt_tokens_sum").countLong(),
            tokens.get("output_tokens_sum").countLong(),
            0,
            0)
        .requests(BigDecimal.valueOf(interactions + cliRequests))
        .build();
  }
}
