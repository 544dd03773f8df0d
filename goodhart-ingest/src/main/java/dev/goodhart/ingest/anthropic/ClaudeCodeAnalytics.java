package dev.goodhart.ingest.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.vendor.BucketPages;
import dev.goodhart.ingest.vendor.LineKey;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.ingest.vendor.VendorReport;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Claude Code Analytics, {@code GET /v1/organizations/usage_report/claude_code} (FORMATS.md §6.3):
 * one record per actor, UTC day, terminal and place, with tokens and an {@code estimated_cost} per
 * model, its {@code amount} in <b>cents</b> (186 is $1.86). A row per record and model, marked as
 * an estimate. Actors are people (an e-mail address, kept as its pseudonym) or API keys (a name,
 * kept as a pseudonym too: key names tend to name their owners). Pages split a day's records, so
 * rows are keyed by their actor and place rather than grouped.
 */
public final class ClaudeCodeAnalytics extends VendorReport {
  public static final String REPORT = "claude_code";

  public ClaudeCodeAnalytics() {
    super(Vendor.ANTHROPIC, REPORT, "Claude Code Analytics");
  }

  @Override
  public boolean recognises(JsonNode value) {
    JsonNode data = value.path("data");
    if (!value.isObject() || !data.isArray() || data.isEmpty()) {
      return false;
    }
    JsonNode first = data.get(0);
    return first.isObject()
        && first.has("actor")
        && (first.has("model_breakdown") || first.has("core_metrics"));
  }

  @Override
  public void read(JsonNode value, VendorPage page) {
    JsonNode data = value.path("data");
    if (!data.isArray()) {
      page.problem("data is not a list of records; expected {\"data\": [...], \"has_more\": ...}");
      return;
    }
    for (int i = 0; i < data.size(); i++) {
      List<VendorUsage> rows = page.row(data.get(i), "data[" + i + "]", r -> record(r, page));
      if (rows != null) {
        rows.forEach(page::add);
      }
    }
    BucketPages.nextPage(value, page);
  }

  private static List<VendorUsage> record(JsonField record, VendorPage page) {
    JsonField object = record.object();
    Instant time = object.get("date").time();
    JsonField actor = object.get("actor").object();
    String type = actor.get("type").oneOf(List.of("user_actor", "api_actor"));
    String person = null;
    String key = null;
    if ("user_actor".equals(type)) {
      person = page.pseudonyms().of(requireText(actor.get("email_address")));
    } else if ("api_actor".equals(type)) {
      key = page.person("anthropic-api-key:", actor.get("api_key_name").text());
    }
    String organisation = object.get("organization_id").optionalText();
    String terminal = object.get("terminal_type").optionalText();
    boolean remote = object.get("is_remote").flag();
    String customer = object.get("customer_type").optionalText();
    List<JsonField> models = object.get("model_breakdown").optionalArray(10_000);
    if (time == null) {
      return List.of();
    }
    Instant start =
        LocalDate.ofInstant(time, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = start.plus(Duration.ofDays(1));
    page.bucket(start);
    List<VendorUsage> rows = new ArrayList<>();
    for (JsonField model : models) {
      JsonField breakdown = model.object();
      String name = breakdown.get("model").text();
      JsonField tokens = breakdown.get("tokens").optionalObject();
      JsonField cost = breakdown.get("estimated_cost").optionalObject();
      BigDecimal cents = cost.get("amount").optionalDecimal();
      String currency = cost.get("currency").optionalText();
      if (currency != null && !currency.equals("USD")) {
        cost.get("currency").problem("USD: goodhart reads bills in US dollars");
      }
      LineKey line =
          new LineKey()
              .with("organization_id", organisation)
              .with("person", person)
              .with("api_key", key)
              .with("terminal_type", terminal)
              .with("is_remote", Boolean.toString(remote))
              .with("customer_type", customer)
              .with("model", name);
      rows.add(
          VendorUsage.builder(Vendor.ANTHROPIC, REPORT, start, end)
              .lineKey(line.key())
              .model(name)
              .apiKey(key)
              .person(person)
              .lineItem(terminal)
              .amount(cents == null ? null : cents.movePointLeft(2))
              .estimated(true)
              .tokens(
                  tokens.get("input").countLong(),
                  tokens.get("output").countLong(),
                  tokens.get("cache_read").countLong(),
                  tokens.get("cache_creation").countLong())
              .build());
    }
    return rows;
  }

  /** An e-mail address: whatever the text, it is hashed, never kept. */
  private static String requireText(JsonField field) {
    String text = field.text();
    return text == null ? "" : text;
  }
}
