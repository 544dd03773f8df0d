package dev.goodhart.ingest.goose;

import static dev.goodhart.ingest.json.JsonRecords.count;
import static dev.goodhart.ingest.json.JsonRecords.money;
import static dev.goodhart.ingest.json.JsonRecords.object;
import static dev.goodhart.ingest.json.JsonRecords.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.ingest.sqlite.EpochTimes;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of Goose's {@code sessions} table as {@link GooseSource} selects it: a whole session's
 * tokens, one event keyed by the session, dated when the session began. The {@code accumulated_*}
 * columns count every request of the session, the plain ones only the latest; the first that is
 * positive wins. Goose records no cache tokens here; a total above input plus output is counted as
 * reasoning, billed as output (as ccusage does). {@code accumulated_cost}, where the version of
 * Goose has it, is the session's cost as Goose computed it.
 */
final class GooseSessionParser implements RecordParser {
  static final String SOURCE = "goose";

  private final LogFile file;

  GooseSessionParser(LogFile file) {
    this.file = file;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    Session session = new Session();
    try (JsonParser parser = JsonRecords.parser(bytes, offset, length)) {
      JsonRecords.startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "id" -> session.id = text(parser, field);
          case "working_dir" -> session.workingDir = text(parser, field);
          case "created_at" -> session.createdAt = EpochTimes.read(parser, field);
          case "provider_name" -> session.provider = text(parser, field);
          case "model_config_json" -> {
            if (object(parser, field)) {
              session.model = modelName(parser);
            }
          }
          case "input_tokens" -> session.input = count(parser, field);
          case "output_tokens" -> session.output = count(parser, field);
          case "total_tokens" -> session.total = count(parser, field);
          case "accumulated_input_tokens" -> session.accumulatedInput = count(parser, field);
          case "accumulated_output_tokens" -> session.accumulatedOutput = count(parser, field);
          case "accumulated_total_tokens" -> session.accumulatedTotal = count(parser, field);
          case "accumulated_cost" -> session.cost = money(parser, field);
          default -> parser.skipChildren();
        }
      }
      JsonRecords.endOfRecord(parser);
    } catch (IOException e) {
      throw JsonRecords.malformed(e);
    }
    long input = session.accumulatedInput > 0 ? session.accumulatedInput : session.input;
    long output = session.accumulatedOutput > 0 ? session.accumulatedOutput : session.output;
    long total = session.accumulatedTotal > 0 ? session.accumulatedTotal : session.total;
    if (input == 0 && output == 0 && total == 0) {
      return; // a session that made no request yet
    }
    if (session.id == null || session.id.isBlank()) {
      throw new BadRecordException("a session with tokens has no 'id'");
    }
    if (session.createdAt == null) {
      throw new BadRecordException("a session with tokens has no 'created_at'");
    }
    long reasoning = Math.max(0, total - input - output);
    sink.accept(
        new UsageEvent(
            file.source(),
            "s:" + session.id,
            null,
            false,
            session.createdAt,
            session.id,
            session.workingDir,
            session.workingDir,
            null,
            file.machineId(),
            blankToNull(session.provider),
            session.model != null && !session.model.isBlank() ? session.model.trim() : "unknown",
            false,
            new TokenCounts(input, output + reasoning, 0, 0, 0, reasoning),
            session.cost != null && session.cost.signum() > 0 ? session.cost : null));
  }

  private static @Nullable String modelName(JsonParser parser)
      throws IOException, BadRecordException {
    String model = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("model_name")) {
        model = text(parser, "model_config_json.model_name");
      } else {
        parser.skipChildren();
      }
    }
    return model;
  }

  private static @Nullable String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  private static final class Session {
    @Nullable String id;
    @Nullable String workingDir;
    @Nullable Instant createdAt;
    @Nullable String provider;
    @Nullable String model;
    @Nullable BigDecimal cost;
    long input;
    long output;
    long total;
    long accumulatedInput;
    long accumulatedOutput;
    long accumulatedTotal;
  }
}
