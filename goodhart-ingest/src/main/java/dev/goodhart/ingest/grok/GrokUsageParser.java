package dev.goodhart.ingest.grok;

import static dev.goodhart.ingest.json.JsonRecords.count;
import static dev.goodhart.ingest.json.JsonRecords.text;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.DatabaseRows;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.ingest.sqlite.EpochTimes;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of Grok CLI's {@code usage_events} as {@link GrokDatabase} selects it: the usage the AI
 * SDK reported for one call (a prompt's whole turn, its tool steps summed; a title; a recap; a
 * sub-agent's task). The SDK's input includes cached input and its output includes reasoning, and
 * Grok CLI keeps neither apart: all input counts as uncached input, all output as output; a total
 * above input plus output (an older SDK's reasoning) counts as reasoning, billed as output. {@code
 * cost_micros} is Grok CLI's own price in millionths of a dollar, from its model table at input and
 * output rates (no cache discount); zero means its table did not know the model, so goodhart prices
 * the tokens.
 *
 * <p>A row is keyed by its session and row id: Grok CLI never rewrites a row, and a database made
 * anew (its ids start again at 1) holds new sessions.
 */
final class GrokUsageParser implements RecordParser {
  static final String SOURCE = "grok";
  static final String PROVIDER = "xai";

  private static final int MICROS = 6;

  private final LogFile file;

  GrokUsageParser(LogFile file) {
    this.file = file;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    Row row = new Row();
    JsonRecords.readObject(
        bytes,
        offset,
        length,
        (parser, field) -> {
          switch (field) {
            case "id" -> row.id = JsonRecords.identifier(parser, field);
            case "session_id" -> row.sessionId = text(parser, field);
            case "model" -> row.model = text(parser, field);
            case "created_at" -> row.createdAt = EpochTimes.read(parser, field);
            case "input_tokens" -> row.input = count(parser, field);
            case "output_tokens" -> row.output = count(parser, field);
            case "total_tokens" -> row.total = count(parser, field);
            case "cost_micros" -> row.costMicros = count(parser, field);
            case "cwd" -> row.cwd = text(parser, field);
            case "workspace" -> row.workspace = text(parser, field);
            default -> parser.skipChildren();
          }
        });
    long reasoning = Math.max(0, row.total - row.input - row.output);
    TokenCounts tokens = new TokenCounts(row.input, row.output + reasoning, 0, 0, 0, reasoning);
    if (tokens.total() == 0) {
      return; // Grok CLI writes no such row; a hand-made one counts nothing
    }
    if (row.id == null || row.id.isBlank()) {
      throw new BadRecordException("a usage row with tokens has no 'id'");
    }
    if (row.sessionId == null || row.sessionId.isBlank()) {
      throw new BadRecordException("a usage row with tokens has no 'session_id'");
    }
    if (row.createdAt == null) {
      throw new BadRecordException("a usage row with tokens has no 'created_at'");
    }
    String cwd = DatabaseRows.trimmed(row.cwd);
    String workspace = DatabaseRows.trimmed(row.workspace);
    sink.accept(
        new UsageEvent(
            file.source(),
            "u:" + row.sessionId + ":" + row.id,
            null,
            false,
            row.createdAt,
            row.sessionId,
            workspace != null ? workspace : cwd,
            cwd != null ? cwd : workspace,
            null,
            file.machineId(),
            PROVIDER,
            row.model != null && !row.model.isBlank() ? row.model.trim() : "unknown",
            false,
            tokens,
            cost(row.costMicros)));
  }

  /** Grok CLI's price, exactly: a whole number of millionths of a dollar. */
  private static @Nullable BigDecimal cost(long micros) throws BadRecordException {
    if (micros == 0) {
      return null;
    }
    BigDecimal dollars = BigDecimal.valueOf(micros, MICROS);
    if (!JsonRecords.isPlausibleAmount(dollars)) {
      throw new BadRecordException(
          "field 'cost_micros' is not a plausible amount: '%d' millionths of a dollar"
              .formatted(micros));
    }
    return dollars;
  }

  private static final class Row {
    @Nullable String id;
    @Nullable String sessionId;
    @Nullable String model;
    @Nullable Instant createdAt;
    @Nullable String cwd;
    @Nullable String workspace;
    long input;
    long output;
    long total;
    long costMicros;
  }
}
