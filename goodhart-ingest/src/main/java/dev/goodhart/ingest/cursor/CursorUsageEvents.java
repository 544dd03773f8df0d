package dev.goodhart.ingest.cursor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.json.JsonField;
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
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /teams/filtered-usage-events} (FORMATS.md §5.1): one event per request. Money is in
 * <b>cents</b>: what was charged is {@code chargedCents} (which includes Cursor's token fee) where
 * the event has it; else an event the plan includes ({@code kind} "Included in ...", or {@code
 * isChargeable: false}) was charged nothing, and any other its {@code tokenUsage.totalCents}. The
 * token cost itself is kept as the list amount. Cursor's input excludes the cache, as goodhart's
 * does. Events carry no id: one is known by its time, user, model, kind and tokens, and sits in the
 * bucket of its UTC day.
 */
public final class CursorUsageEvents extends VendorReport {
  public static final String REPORT = "usage_events";

  public CursorUsageEvents() {
    super(Vendor.CURSOR, REPORT, "Cursor usage events");
  }

  @Override
  public boolean recognises(JsonNode value) {
    return value.isObject() && value.path("usageEvents").isArray();
  }

  @Override
  public void read(JsonNode value, VendorPage page) {
    JsonNode events = value.path("usageEvents");
    if (!events.isArray()) {
      page.problem("usageEvents is not a list of events");
      return;
    }
    for (int i = 0; i < events.size(); i++) {
      VendorUsage row =
          page.row(events.get(i), "usageEvents[" + i + "]", event -> event(event.object(), page));
      if (row != null) {
        page.add(row);
      }
    }
    JsonNode pagination = value.path("pagination");
    JsonNode current = pagination.path("currentPage");
    if (pagination.path("hasNextPage").asBoolean(false)
        && current.canConvertToInt()
        && current.asInt() >= 1
        && current.asInt() < 1_000_000) {
      page.next(Integer.toString(current.asInt() + 1));
    }
  }

  private static @Nullable VendorUsage event(JsonField event, VendorPage page) {
    Instant time = event.get("timestamp").epochMillis();
    String model = event.get("model").optionalText();
    String kind = event.get("kind").optionalText();
    String email = event.get("userEmail").optionalText();
    String person = email == null ? null : page.pseudonyms().of(email);
    boolean maxMode = event.get("maxMode").flag();
    JsonField chargeable = event.get("isChargeable");
    boolean included =
        kind != null && kind.toLowerCase(Locale.ROOT).contains("included")
            || !chargeable.isAbsent() && !chargeable.flag();
    JsonField tokens = event.get("tokenUsage").optionalObject();
    long input = tokens.get("inputTokens").countLong();
    long output = tokens.get("outputTokens").countLong();
    long cacheRead = tokens.get("cacheReadTokens").countLong();
    long cacheWrite = tokens.get("cacheWriteTokens").countLong();
    BigDecimal totalCents = tokens.get("totalCents").optionalDecimal();
    BigDecimal chargedCents = event.get("chargedCents").optionalDecimal();
    BigDecimal requests = event.get("requestsCosts").optionalDecimal();
    if (time == null) {
      return null;
    }
    BigDecimal charged =
        chargedCents != null
            ? chargedCents.movePointLeft(2)
            : included ? BigDecimal.ZERO : totalCents == null ? null : totalCents.movePointLeft(2);
    Instant start =
        LocalDate.ofInstant(time, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    page.bucket(start);
    LineKey line =
        new LineKey()
            .with("timestamp", Long.toString(time.toEpochMilli()))
            .with("user", person)
            .with("model", model)
            .with("kind", kind)
            .with("maxMode", Boolean.toString(maxMode))
            .with("tokens", input + "/" + output + "/" + cacheRead + "/" + cacheWrite)
            .with("requests", requests == null ? null : requests.toPlainString());
    return VendorUsage.builder(Vendor.CURSOR, REPORT, start, start.plus(Duration.ofDays(1)))
        .lineKey(line.key())
        .model(model)
        .lineItem(kind)
        .person(person)
        .amount(charged)
        .listAmount(totalCents == null ? null : totalCents.movePointLeft(2))
        .tokens(input, output, cacheRead, cacheWrite)
        .requests(requests)
        .build();
  }
}
