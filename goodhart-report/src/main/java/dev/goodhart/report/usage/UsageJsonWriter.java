package dev.goodhart.report.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.goodhart.metrics.usage.BlockDetails;
import dev.goodhart.metrics.usage.Instants;
import dev.goodhart.metrics.usage.ModelUsage;
import dev.goodhart.metrics.usage.SessionDetails;
import dev.goodhart.metrics.usage.UsageReport;
import dev.goodhart.metrics.usage.UsageReportKind;
import dev.goodhart.metrics.usage.UsageRow;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.report.JsonFields;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Writes a usage report as one JSON object; money as exact decimal numbers in US dollars. */
public final class UsageJsonWriter {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private UsageJsonWriter() {}

  public static void write(UsageReport report, Writer out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setPrettyPrinter(
          new DefaultPrettyPrinter(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));
      json.writeStartObject();
      json.writeArrayFieldStart(report.kind().jsonName());
      for (UsageRow row : report.rows()) {
        json.writeStartObject();
        writeRow(json, report.kind(), row);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeObjectFieldStart("totals");
      writeSums(json, report.totals());
      json.writeEndObject();
      json.writeArrayFieldStart("unpriced");
      for (UsageReport.UnpricedModel model : report.unpriced()) {
        json.writeStartObject();
        json.writeStringField("model", model.model());
        json.writeNumberField("requests", model.requests());
        json.writeNumberField("tokens", model.tokens());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField("costMode", report.mode().name().toLowerCase(Locale.ROOT));
      json.writeStringField("prices", report.prices());
      json.writeStringField("timezone", report.zone().getId());
      json.writeStringField("generatedAt", Instants.format(report.generatedAt()));
      json.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void writeRow(JsonGenerator json, UsageReportKind kind, UsageRow row)
      throws IOException {
    json.writeStringField("period", row.period());
    switch (kind) {
      case DAILY -> json.writeStringField("date", row.period());
      case WEEKLY -> json.writeStringField("week", row.period());
      case MONTHLY -> json.writeStringField("month", row.period());
      default -> {}
    }
    writeSums(json, row);
    json.writeArrayFieldStart("modelsUsed");
    for (String model : row.modelNames()) {
      json.writeString(model);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("modelBreakdowns");
    for (ModelUsage model : row.models()) {
      json.writeStartObject();
      json.writeStringField("modelName", model.model());
      writeTokens(json, model.tokens());
      json.writeFieldName("cost");
      json.writeNumber(money(model.cost()));
      json.writeNumberField("requests", model.requests());
      json.writeNumberField("unpricedRequests", model.unpricedRequests());
      json.writeEndObject();
    }
    json.writeEndArray();
    writeStrings(json, "sources", row.sources());
    writeStrings(json, "machines", row.machines());
    writeTime(json, "firstActivity", row.first());
    writeTime(json, "lastActivity", row.last());
    if (row.session() != null) {
      writeSession(json, row.session());
    }
    if (row.block() != null) {
      writeBlock(json, row, row.block());
    }
  }

  private static void writeSums(JsonGenerator json, UsageRow row) throws IOException {
    writeTokens(json, row.tokens());
    json.writeFieldName("totalCost");
    json.writeNumber(money(row.cost()));
    json.writeNumberField("requests", row.requests());
    json.writeNumberField("reasoningTokens", row.tokens().reasoning());
    json.writeNumberField("cacheCreation1hTokens", row.tokens().cacheWrite1h());
    json.writeNumberField("unpricedTokens", row.unpricedTokens());
    json.writeNumberField("unpricedRequests", row.unpricedRequests());
  }

  private static void writeTokens(JsonGenerator json, TokenCounts tokens) throws IOException {
    json.writeNumberField("inputTokens", tokens.input());
    json.writeNumberField("outputTokens", tokens.output());
    json.writeNumberField("cacheCreationTokens", tokens.cacheWrite());
    json.writeNumberField("cacheReadTokens", tokens.cacheRead());
    json.writeNumberField("totalTokens", tokens.total());
  }

  private static void writeSession(JsonGenerator json, SessionDetails session) throws IOException {
    json.writeStringField("sessionId", session.sessionId());
    json.writeStringField("source", session.source());
    JsonFields.text(json, "project", session.project());
    JsonFields.text(json, "cwd", session.cwd());
    JsonFields.text(json, "gitBranch", session.gitBranch());
  }

  /** ccusage's block fields, so that scripts reading {@code ccusage blocks --json} keep working. */
  private static void writeBlock(JsonGenerator json, UsageRow row, BlockDetails block)
      throws IOException {
    json.writeStringField("source", block.source());
    json.writeStringField("id", row.period());
    json.writeStringField("startTime", Instants.format(block.start()));
    json.writeStringField("endTime", Instants.format(block.end()));
    writeTime(json, "actualEndTime", block.actualEnd());
    json.writeBooleanField("isActive", block.active());
    json.writeBooleanField("isGap", block.gap());
    json.writeNumberField("entries", row.requests());
    json.writeObjectFieldStart("tokenCounts");
    json.writeNumberField("inputTokens", row.tokens().input());
    json.writeNumberField("outputTokens", row.tokens().output());
    json.writeNumberField("cacheCreationInputTokens", row.tokens().cacheWrite());
    json.writeNumberField("cacheReadInputTokens", row.tokens().cacheRead());
    json.writeEndObject();
    json.writeFieldName("costUSD");
    json.writeNumber(money(row.cost()));
    writeStrings(json, "models", row.modelNames());
    if (block.burnRate() == null) {
      json.writeNullField("burnRate");
    } else {
      json.writeObjectFieldStart("burnRate");
      json.writeFieldName("tokensPerMinute");
      json.writeNumber(money(block.burnRate().tokensPerMinute()));
      json.writeFieldName("costPerHour");
      json.writeNumber(money(block.burnRate().costPerHour()));
      json.writeEndObject();
    }
    if (block.projection() == null) {
      json.writeNullField("projection");
    } else {
      json.writeObjectFieldStart("projection");
      json.writeNumberField("totalTokens", block.projection().totalTokens());
      json.writeFieldName("totalCost");
      json.writeNumber(money(block.projection().totalCost()));
      json.writeNumberField("remainingMinutes", block.projection().remainingMinutes());
      json.writeEndObject();
    }
  }

  private static void writeStrings(JsonGenerator json, String field, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  private static void writeTime(JsonGenerator json, String field, @Nullable Instant time)
      throws IOException {
    if (time == null) {
      json.writeNullField(field);
    } else {
      json.writeStringField(field, Instants.format(time));
    }
  }

  /** Exact, without trailing zeros: 0.46 rather than 0.460000000. */
  static BigDecimal money(BigDecimal amount) {
    return amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
  }
}
