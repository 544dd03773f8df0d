package dev.goodhart.ingest.gemini;

import static dev.goodhart.ingest.json.JsonRecords.count;
import static dev.goodhart.ingest.json.JsonRecords.object;
import static dev.goodhart.ingest.json.JsonRecords.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * One chat message record, read the same way from a conversation document and from a JSON lines
 * recording.
 */
final class GeminiMessages {
  static final String SOURCE = "gemini";

  private GeminiMessages() {}

  /** The fields of a message that matter; a record that is not a message leaves them empty. */
  static final class Message {
    @Nullable String id;
    @Nullable String timestamp;
    @Nullable String type;
    @Nullable String model;
    @Nullable TokenCounts tokens;
  }

  /** Reads one field of a message record; returns false when the field is not part of a message. */
  static boolean readField(JsonParser parser, String field, String path, Message message)
      throws IOException, BadRecordException {
    switch (field) {
      case "id" -> message.id = text(parser, path + "id");
      case "timestamp" -> message.timestamp = text(parser, path + "timestamp");
      case "type" -> message.type = text(parser, path + "type");
      case "model" -> message.model = text(parser, path + "model");
      case "tokens" -> {
        if (object(parser, path + "tokens")) {
          message.tokens = readTokens(parser, path + "tokens");
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Emits the message as a usage event when it is a model response with token counts. */
  static void emit(
      Message message, String sessionId, LogFile file, String fallbackKey, RecordSink sink)
      throws BadRecordException {
    if (!"gemini".equals(message.type) || message.tokens == null || message.tokens.total() == 0) {
      return;
    }
    if (message.timestamp == null) {
      throw new BadRecordException("a gemini message with 'tokens' has no 'timestamp'");
    }
    String key = sessionId + "|" + (message.id != null ? "m:" + message.id : fallbackKey);
    sink.accept(
        new UsageEvent(
            SOURCE,
            key,
            null,
            false,
            IsoTimes.parse(message.timestamp, "timestamp"),
            sessionId,
            file.project(),
            null,
            null,
            file.machineId(),
            "google",
            message.model != null ? message.model : "unknown",
            false,
            message.tokens,
            null));
  }

  /**
   * Gemini's {@code input} (promptTokenCount) includes cached tokens; tool-use prompt tokens come
   * on top of it and are billed as input; thinking tokens are billed as output.
   */
  private static TokenCounts readTokens(JsonParser parser, String path)
      throws IOException, BadRecordException {
    long input = 0;
    long output = 0;
    long cached = 0;
    long thoughts = 0;
    long tool = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "input" -> input = count(parser, path + ".input");
        case "output" -> output = count(parser, path + ".output");
        case "cached" -> cached = count(parser, path + ".cached");
        case "thoughts" -> thoughts = count(parser, path + ".thoughts");
        case "tool" -> tool = count(parser, path + ".tool");
        default -> parser.skipChildren();
      }
    }
    if (cached > input) {
      throw new BadRecordException(
          "field '%s.cached' (%d) exceeds '%s.input' (%d)".formatted(path, cached, path, input));
    }
    return new TokenCounts(
        Math.addExact(input - cached, tool),
        Math.addExact(output, thoughts),
        cached,
        0,
        0,
        thoughts);
  }
}
