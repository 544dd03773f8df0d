package dev.goodhart.ingest.copilot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.vendor.LineKey;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.ingest.vendor.VendorReport;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorUsage;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Premium request usage, {@code GET /organizations/{org}/settings/billing/premium_request/usage}
 * (FORMATS.md §4.3): for a day, or a month when the answer's {@code timePeriod} has no day, one
 * item per product, SKU and model, in <b>dollars</b>. The billed amount is {@code netAmount}, what
 * exceeds the plan's quota; {@code grossAmount}, the requests at list price, is kept beside it.
 * Quantities may be fractional (model multipliers). A month's answer is one bucket of the whole
 * month; the spend report counts it on its first day unless days of it were read one by one.
 */
public final class CopilotPremiumRequests extends VendorReport {
  public static final String REPORT = "premium_requests";

  public CopilotPremiumRequests() {
    super(Vendor.COPILOT, REPORT, "Copilot premium request usage");
  }

  @Override
  public boolean recognises(JsonNode value) {
    return value.isObject() && value.has("usageItems") && value.has("timePeriod");
  }

  @Override
  public void read(JsonNode value, VendorPage page) {
    Instant[] span = page.row(value, "", CopilotPremiumRequests::period);
    if (span == null) {
      return;
    }
    page.bucket(span[0]);
    String organisation = text(value, "organization");
    String enterprise = text(value, "enterprise");
    String person = page.person(CopilotUsageMetrics.LOGIN, text(value, "user"));
    String period = span[1].equals(span[0].plusSeconds(86_400)) ? "day" : "month";
    JsonNode items = value.path("usageItems");
    for (int i = 0; i < items.size(); i++) {
      VendorUsage row =
          page.row(
              items.get(i),
              "usageItems[" + i + "]",
              item -> item(item.object(), span, period, organisation, enterprise, person));
      if (row != null) {
        page.add(row);
      }
    }
  }

  private static @Nullable String text(JsonNode value, String field) {
    JsonNode node = value.path(field);
    return node.isTextual() && !node.textValue().isBlank() && node.textValue().length() <= 512
        ? node.textValue()
        : null;
  }

  /** The answer's day or month, as a bucket. */
  private static Instant @Nullable [] period(JsonField answer) {
    JsonField time = answer.object().get("timePeriod").object();
    Integer year = time.get("year").positiveInt();
    Integer month = time.get("month").positiveInt();
    JsonField dayField = time.get("day");
    Integer day = dayField.isAbsent() ? null : dayField.positiveInt();
    answer.get("usageItems").array(100_000);
    if (year == null || month == null || !dayField.isAbsent() && day == null) {
      return null;
    }
    try {
      LocalDate first = LocalDate.of(year, month, day == null ? 1 : day);
      if (first.getYear() < 1970 || first.getYear() > 2099) {
        time.get("year").problem("a year from 1970 to 2099");
        return null;
      }
      LocalDate next = day == null ? first.plusMonths(1) : first.plusDays(1);
      return new Instant[] {
        first.atStartOfDay(ZoneOffset.UTC).toInstant(),
        next.atStartOfDay(ZoneOffset.UTC).toInstant()
      };
    } catch (DateTimeException e) {
      time.problem("a real day: year, month (1 to 12) and day of the month");
      return null;
    }
  }

  private static VendorUsage item(
      JsonField item,
      Instant[] span,
      String period,
      @Nullable String organisation,
      @Nullable String enterprise,
      @Nullable String person) {
    String product = item.get("product").optionalText();
    String sku = item.get("sku").optionalText();
    String model = item.get("model").optionalText();
    String unit = item.get("unitType").optionalText();
    BigDecimal net = item.get("netAmount").decimal();
    BigDecimal gross = item.get("grossAmount").optionalDecimal();
    BigDecimal quantity = item.get("grossQuantity").optionalDecimal();
    LineKey line =
        new LineKey()
            .with("period", period)
            .with("organization", organisation)
            .with("enterprise", enterprise)
            .with("user", person)
            .with("product", product)
            .with("sku", sku)
            .with("model", model)
            .with("unitType", unit);
    return VendorUsage.builder(Vendor.COPILOT, REPORT, span[0], span[1])
        .lineKey(line.key())
        .model(model)
        .workspace(organisation != null ? organisation : enterprise)
        .lineItem(sku != null ? sku : product)
        .person(person)
        .amount(net)
        .listAmount(gross)
        .requests(quantity)
        .build();
  }
}
