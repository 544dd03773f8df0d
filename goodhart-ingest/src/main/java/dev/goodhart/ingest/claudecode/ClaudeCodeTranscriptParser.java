package dev.goodhart.ingest.claudecode;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonScanner;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Reads one transcript line into a usage event when the line is an API response ({@code
 * "type":"assistant"}) with {@code message.usage}. Lines are independent, so the parser keeps no
 * state. Keys: {@code message.id} + {@code requestId}, grouped by {@code message.id} so that a
 * sidechain replay under a new request id is recognised as the same request; a line without a
 * message id keys on its own place in the file and is never merged.
 */
final class ClaudeCodeTranscriptParser implements RecordParser {
  static final String SOURCE = "claude";

  /** The entry type of API responses, the only entries that carry usage. */
  private static final String ASSISTANT = "assistant";

  /**
   * Claude Code writes this model on messages it made up itself (errors, interruptions): no API
   * call, no tokens.
   */
  private static final String SYNTHETIC_MODEL = "<synthetic>";

  private final LogFile file;
  private final JsonScanner json = new JsonScanner();

  ClaudeCodeTranscriptParser(LogFile file) {
    this.file = file;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    Line line = new Line();
    json.reset(bytes, offset, length).beginObject();
    if (!readLine(json, line)) {
      // A user prompt, tool result, summary or snapshot: most of the bytes, none of the usage.
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    json.endOfRecord();
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

  /**
   * Reads the fields of a line; stops and returns false as soon as its {@code type} shows that it
   * is no API response. Claude Code writes {@code type} before the message on every other entry, so
   * their content, the bulk of a transcript, is never scanned.
   */
  private static boolean readLine(JsonScanner json, Line line) throws BadRecordException {
    while (json.nextField()) {
      String field = json.field();
      switch (field) {
        case "type" -> {
          String type = json.repeatedText(field);
          if (type != null && !type.equals(ASSISTANT)) {
            return false;
          }
        }
        case "timestamp" -> line.timestamp = json.text(field);
        case "sessionId" -> line.sessionId = json.repeatedText(field);
        case "cwd" -> line.cwd = json.repeatedText(field);
        case "gitBranch" -> line.gitBranch = json.repeatedText(field);
        case "isSidechain" -> line.sidechain = json.bool(field);
        case "requestId" -> line.requestId = json.text(field);
        case "costUSD" -> line.costUsd = json.money(field);
        case "message" -> {
          if (json.object(field)) {
            readMessage(json, line);
          }
        }
        default -> json.skipValue();
      }
    }
    return true;
  }

  private static void readMessage(JsonScanner json, Line line) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "id" -> line.messageId = json.text("message.id");
        case "model" -> line.model = json.repeatedText("message.model");
        case "usage" -> {
          if (json.object("message.usage")) {
            line.usage = readUsage(json);
          }
        }
        default -> json.skipValue();
      }
    }
  }

  private static Usage readUsage(JsonScanner json) throws BadRecordException {
    Usage usage = new Usage();
    while (json.nextField()) {
      switch (json.field()) {
        case "input_tokens" -> usage.input = json.count("message.usage.input_tokens");
        case "output_tokens" -> usage.output = json.count("message.usage.output_tokens");
        case "cache_read_input_tokens" ->
            usage.cacheRead = json.count("message.usage.cache_read_input_tokens");
        case "cache_creation_input_tokens" ->
            usage.cacheCreation = json.count("message.usage.cache_creation_input_tokens");
        case "speed" -> usage.speed = json.text("message.usage.speed");
        case "cache_creation" -> {
          if (json.object("message.usage.cache_creation")) {
            readCacheCreation(json, usage);
          }
        }
        default -> json.skipValue();
      }
    }
    return usage;
  }

  private static void readCacheCreation(JsonScanner json, Usage usage) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "ephemeral_5m_input_tokens" ->
            usage.ephemeral5m =
                json.count("message.usage.cache_creation.ephemeral_5m_input_tokens");
        case "ephemeral_1h_input_tokens" ->
            usage.ephemeral1h =
                json.count("message.usage.cache_creation.ephemeral_1h_input_tokens");
        default -> json.skipValue();
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
