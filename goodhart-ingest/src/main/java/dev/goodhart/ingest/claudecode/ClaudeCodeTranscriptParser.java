package dev.goodhart.ingest.claudecode;

import static dev.goodhart.ingest.json.JsonRecords.bool;
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
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Reads one transcript line into a usage event when the line is an API response with {@code
 * message.usage}. Lines are independent, so the parser keeps no state. Keys: {@code message.id} +
 * {@code requestId}, grouped by {@code message.id} so that a sidechain replay under a new request
 * id is recognised as the same request; a line without a message id keys on its own place in the
 * file and is never merged.
 */
final class ClaudeCodeTranscriptParser implements RecordParser {
  static final String SOURCE = "claude";
  private static final byte[] USAGE = LineProbe.marker("\"usage\"");

  /**
   * Claude Code writes this model on messages it made up itself (errors, interruptions): no API
   * call, no tokens.
   */
  private static final String SYNTHETIC_MODEL = "<synthetic>";

  private final LogFile file;

  ClaudeCodeTranscriptParser(LogFile file) {
    this.file = file;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    if (!LineProbe.mentions(bytes, offset, length, USAGE)) {
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    Line line = new Line();
    try (JsonParser parser = JsonRecords.parser(bytes, offset, length)) {
      JsonRecords.startObject(parser);
      readLine(parser, line);
      JsonRecords.endOfRecord(parser);
    } catch (IOException e) {
      throw JsonRecords.malformed(e);
    }
    if (line.usage == null || SYNTHETIC_MODEL.equals(line.model)) {
      return;
    }
    if (line.timestamp == null) {
      throw new BadRecordException("a line with 'message.usage' has no 'timestamp'");
    }
    String key =
        line.messageId != null
            ? "m:" + line.messageId + "|r:" + (line.requestId == null ? "" : line.requestId)
            : "l:" + file.relativeName() + ":" + lineNumber;
    sink.accept(
        new UsageEvent(
            SOURCE,
            key,
            line.messageId,
            line.sidechain,
            IsoTimes.parse(line.timestamp, "timestamp"),
            line.sessionId != null ? line.sessionId : file.stem(),
            file.project(),
            line.cwd,
            line.gitBranch,
            file.machineId(),
            "anthropic",
            line.model != null ? line.model : "unknown",
            "fast".equals(line.usage.speed),
            line.usage.tokens(),
            line.costUsd));
  }

  private static void readLine(JsonParser parser, Line line)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "timestamp" -> line.timestamp = text(parser, field);
        case "sessionId" -> line.sessionId = text(parser, field);
        case "cwd" -> line.cwd = text(parser, field);
        case "gitBranch" -> line.gitBranch = text(parser, field);
        case "isSidechain" -> line.sidechain = bool(parser, field);
        case "requestId" -> line.requestId = text(parser, field);
        case "costUSD" -> line.costUsd = money(parser, field);
        case "message" -> {
          if (object(parser, field)) {
            readMessage(parser, line);
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  private static void readMessage(JsonParser parser, Line line)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "id" -> line.messageId = text(parser, "message.id");
        case "model" -> line.model = text(parser, "message.model");
        case "usage" -> {
          if (object(parser, "message.usage")) {
            line.usage = readUsage(parser);
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  private static Usage readUsage(JsonParser parser) throws IOException, BadRecordException {
    Usage usage = new Usage();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "input_tokens" -> usage.input = count(parser, "message.usage.input_tokens");
        case "output_tokens" -> usage.output = count(parser, "message.usage.output_tokens");
        case "cache_read_input_tokens" ->
            usage.cacheRead = count(parser, "message.usage.cache_read_input_tokens");
        case "cache_creation_input_tokens" ->
            usage.cacheCreation = count(parser, "message.usage.cache_creation_input_tokens");
        case "speed" -> usage.speed = text(parser, "message.usage.speed");
        case "cache_creation" -> {
          if (object(parser, "message.usage.cache_creation")) {
            readCacheCreation(parser, usage);
          }
        }
        default -> parser.skipChildren();
      }
    }
    return usage;
  }

  private static void readCacheCreation(JsonParser parser, Usage usage)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "ephemeral_5m_input_tokens" ->
            usage.ephemeral5m =
                count(parser, "message.usage.cache_creation.ephemeral_5m_input_tokens");
        case "ephemeral_1h_input_tokens" ->
            usage.ephemeral1h =
                count(parser, "message.usage.cache_creation.ephemeral_1h_input_tokens");
        default -> parser.skipChildren();
      }
    }
  }

  /** The fields of one line that matter; mutable because they arrive in any order. */
  private static final class Line {
    @Nullable String timestamp;
    @Nullable String sessionId;
    @Nullable String cwd;
    @Nullable String gitBranch;
    @Nullable String requestId;
    @Nullable String messageId;
    @Nullable String model;
    @Nullable BigDecimal costUsd;
    @Nullable Usage usage;
    boolean sidechain;
  }

  private static final class Usage {
    long input;
    long output;
    long cacheRead;
    long cacheCreation = -1;
    long ephemeral5m = -1;
    long ephemeral1h = -1;
    @Nullable String speed;

    /**
     * Splits cache writes into 5-minute and 1-hour ones. The total ({@code
     * cache_creation_input_tokens}) is what every report counts, so the split never changes it:
     * 1-hour writes as stated, the rest 5-minute.
     */
    TokenCounts tokens() throws BadRecordException {
      long oneHour = Math.max(ephemeral1h, 0);
      long fiveMinutes;
      if (cacheCreation >= 0) {
        if (oneHour > cacheCreation) {
          throw new BadRecordException(
              "message.usage.cache_creation.ephemeral_1h_input_tokens (%d) exceeds cache_creation_input_tokens (%d)"
                  .formatted(oneHour, cacheCreation));
        }
        fiveMinutes = cacheCreation - oneHour;
      } else {
        fiveMinutes = Math.max(ephemeral5m, 0);
      }
      return new TokenCounts(input, output, cacheRead, fiveMinutes, oneHour, 0);
    }
  }
}
