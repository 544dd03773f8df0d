package dev.goodhart.report.spend;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.goodhart.metrics.spend.SpendReport;
import dev.goodhart.model.billing.Vendor;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * {@code goodhart spend --json}: {@code {"days": [{"date", "billed": {"anthropic", "openai",
 * "copilot", "cursor"}, "observed", "gap"}], "totals": {"billed": {...}, "observed", "gap"}}}
 * (docs/spend-json.md). Money is an exact decimal number of US dollars; a vendor no bill was
 * imported of, and the gap while nothing was billed, are {@code null}.
 */
public final class SpendJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private SpendJson() {}

  public static void write(SpendReport report, Writer out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
      json.writeStartObject();
      fields(json, report);
      json.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  /** {@code "days"} and {@code "totals"}, into an object being written (the report's section). */
  public static void fields(JsonGenerator json, SpendReport report) throws IOException {
    json.writeArrayFieldStart("days");
    for (SpendReport.Day day : report.days()) {
      json.writeStartObject();
      json.writeStringField("date", day.date().toString());
      figures(json, day.figures());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeObjectFieldStart("totals");
    figures(json, report.totals());
    json.writeEndObject();
  }

  private static void figures(JsonGenerator json, SpendReport.Figures figures) throws IOException {
    json.writeObjectFieldStart("billed");
    for (Vendor vendor : Vendor.values()) {
      money(json, vendor.wireName(), figures.billed().get(vendor));
    }
    json.writeEndObject();
    money(json, "observed", figures.observed());
    money(json, "gap", figures.gap());
  }

  private static void money(JsonGenerator json, String name, @Nullable BigDecimal dollars)
      throws IOException {
    if (dollars == null) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(
          name, dollars.signum() == 0 ? BigDecimal.ZERO : dollars.stripTrailingZeros());
    }
  }
}
