package dev.goodhart.ingest.zcode;

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
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of ZCode's {@code model_usage} as {@link ZCodeDatabase} selects it: one model request,
 * keyed by the row's id, dated when it started. A retried request is one row per attempt, each
 * counted: every attempt that reports tokens was processed. ZCode records no cost.
 *
 * <p>ZCode's {@code input_tokens} include the cache reads and writes, and its {@code output_tokens}
 * the reasoning ({@code computed_total_tokens} is input plus output): goodhart takes the cache out
 * of the input and keeps the reasoning inside the output. Where a row's counts can only be read the
 * other way (its total is the sum of all five, or its input is smaller than its cache, or its
 * output than its reasoning), they are read that way, as a version of ZCode that changed the
 * convention would write them.
 */
final class ZCodeUsageParser implements RecordParser {
  static final String SOURCE = "zcode";

  private final LogFile file;

  ZCodeUsageParser(LogFile file) {
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
            case "parent_session_id" -> row.parentSessionId = text(parser, field);
            case "directory" -> row.directory = text(parser, field);
            case "provider_id" -> row.provider = text(parser, field);
            case "model_id" -> row.model = text(parser, field);
            case "started_at" -> row.startedAt = EpochTimes.read(parser, field);
            case "completed_at" -> row.completedAt = EpochTimes.read(parser, field);
            case "input_tokens" -> row.input = count(parser, field);
            case "output_tokens" -> row.output = count(parser, field);
            case "reasoning_tokens" -> row.reasoning = count(parser, field);
            case "cache_read_input_tokens" -> row.cacheRead = count(parser, field);
            case "cache_creation_input_tokens" -> row.cacheWrite = count(parser, field);
            case "computed_total_tokens" -> row.total = count(parser, field);
            default -> parser.skipChildren();
          }
        });
    TokenCounts tokens = tokens(row);
    if (tokens.total() == 0) {
      return; // a request still running, or one that failed before the model answered
    }
    if (row.id == null || row.id.isBlank()) {
      throw new BadRecordException("a request with tokens has no 'id'");
    }
    String session = DatabaseRows.trimmed(row.parentSessionId);
    if (session == null) {
      session = DatabaseRows.trimmed(row.sessionId);
    }
    if (session == null) {
      throw new BadRecordException("a request with tokens has no 'session_id'");
    }
    Instant time = row.startedAt != null ? row.startedAt : row.completedAt;
    if (time == null) {
      throw new BadRecordException("a request with tokens has no 'started_at'");
    }
    String directory = DatabaseRows.trimmed(row.directory);
    String model = DatabaseRows.trimmed(row.model);
    sink.accept(
        new UsageEvent(
            file.source(),
            "m:" + row.id,
            null,
            false,
            time,
            session,
            directory,
            directory,
            null,
            file.machineId(),
            DatabaseRows.trimmed(row.provider),
            model != null ? model : "unknown",
            false,
            tokens,
            null));
  }

  /** The row's counts in goodhart's convention: input without the cache, output with reasoning. */
  static TokenCounts tokens(Row row) {
    long cache = row.cacheRead + row.cacheWrite;
    boolean apart =
        row.total > 0
            && cache + row.reasoning > 0
            && row.total == row.input + row.output + cache + row.reasoning;
    long input = !apart && row.input >= cache ? row.input - cache : row.input;
    long output = !apart && row.output >= row.reasoning ? row.output : row.output + row.reasoning;
    return new TokenCounts(input, output, row.cacheRead, row.cacheWrite, 0, row.reasoning);
  }

  static final class Row {
    @Nullable String id;
    @Nullable String sessionId;
    @Nullable String parentSessionId;
    @Nullable String directory;
    @Nullable String provider;
    @Nullable String model;
    @Nullable Instant startedAt;
    @Nullable Instant completedAt;
    long input;
    long output;
    long reasoning;
    long cacheRead;
    long cacheWrite;
    long total;
  }
}
