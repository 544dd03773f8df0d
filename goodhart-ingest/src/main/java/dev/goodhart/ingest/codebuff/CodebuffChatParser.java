package dev.goodhart.ingest.codebuff;

import static dev.goodhart.ingest.json.JsonRecords.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.EpochTimes;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A Codebuff chat ({@code chat-messages.json}): one JSON array of messages, rewritten as the chat
 * goes on, so read whole whenever it changes. An assistant message ({@code variant} {@code ai} or
 * {@code agent}, or {@code role} {@code assistant}) carries its request's usage in {@code
 * metadata.usage}, else {@code metadata.codebuff.usage}, else on the last assistant entry of the
 * run state it keeps ({@code metadata.runState.sessionState.mainAgentState.messageHistory[]
 * .providerOptions}); the first of these that has tokens counts. A message is keyed by its {@code
 * id}, so that the same chat found under two channels counts once; without one, by its place in its
 * chat.
 */
final class CodebuffChatParser implements RecordParser {
  static final String SOURCE = "codebuff";

  private final LogFile file;
  private final String sessionId;
  private final @Nullable Instant chatStarted;

  CodebuffChatParser(LogFile file, String sessionId, @Nullable Instant chatStarted) {
    this.file = file;
    this.sessionId = sessionId;
    this.chatStarted = chatStarted;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    try (JsonParser parser = JsonRecords.parser(bytes, offset, length)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_ARRAY) {
        throw new BadRecordException(
            "expected the chat's messages as a JSON array, found "
                + (first == null
                    ? "nothing"
                    : first.asString() != null ? "'" + first.asString() + "'" : first.name()));
      }
      int index = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        String path = "[" + index + "]";
        if (token != JsonToken.START_OBJECT) {
          throw JsonRecords.wrongType(parser, path, "an object");
        }
        Message message = readMessage(parser, path);
        emit(message, index, path, sink);
        index++;
      }
      JsonRecords.endOfRecord(parser);
    } catch (IOException e) {
      throw JsonRecords.malformed(e);
    }
  }

  private void emit(Message message, int index, String path, RecordSink sink)
      throws BadRecordException {
    if (!message.isAssistant()) {
      return;
    }
    CodebuffUsage usage = message.usage();
    if (usage == null || usage.tokens().total() == 0) {
      return;
    }
    Instant time =
        message.time != null
            ? message.time
            : message.metadataTime != null ? message.metadataTime : chatStarted;
    if (time == null) {
      throw new BadRecordException(
          "assistant message %s has usage but no 'timestamp' or 'createdAt', and its chat's folder is no time"
              .formatted(path));
    }
    String model = message.model != null ? message.model : usage.model;
    String key =
        message.id != null && !message.id.isBlank()
            ? "m:" + message.id
            : "c:" + sessionId + "#" + index;
    sink.accept(
        new UsageEvent(
            SOURCE,
            key,
            null,
            false,
            time,
            sessionId,
            file.project(),
            null,
            null,
            file.machineId(),
            null,
            model != null ? model : "unknown",
            false,
            usage.tokens(),
            null));
  }

  private static Message readMessage(JsonParser parser, String path)
      throws IOException, BadRecordException {
    Message message = new Message();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      String at = path + "." + field;
      switch (field) {
        case "id" -> message.id = value == JsonToken.VALUE_STRING ? text(parser, at) : skip(parser);
        case "variant" -> message.variant = text(parser, at);
        case "role" -> message.role = text(parser, at);
        case "timestamp", "createdAt" -> {
          Instant time = time(parser, at);
          message.time = message.time != null ? message.time : time;
        }
        case "metadata" -> {
          if (JsonRecords.object(parser, at)) {
            readMetadata(parser, at, message);
          }
        }
        default -> parser.skipChildren();
      }
    }
    return message;
  }

  private static void readMetadata(JsonParser parser, String path, Message message)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      String at = path + "." + field;
      switch (field) {
        case "model" -> {
          String model = value == JsonToken.VALUE_STRING ? text(parser, at) : skip(parser);
          message.model = model != null && !model.isBlank() ? model : message.model;
        }
        case "timestamp" -> message.metadataTime = time(parser, at);
        case "usage" -> {
          if (JsonRecords.object(parser, at)) {
            message.usage = CodebuffUsage.read(parser, at);
          }
        }
        case "codebuff" -> {
          if (JsonRecords.object(parser, at)) {
            message.codebuffUsage = readCodebuff(parser, at);
          }
        }
        case "runState" -> {
          if (JsonRecords.object(parser, at)) {
            message.runStateUsage = RunState.lastAssistantUsage(parser, at);
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  /** {@code {usage, model}}: the usage Codebuff's own backend reported. */
  static @Nullable CodebuffUsage readCodebuff(JsonParser parser, String path)
      throws IOException, BadRecordException {
    CodebuffUsage usage = null;
    String model = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("usage") && JsonRecords.object(parser, path + ".usage")) {
        usage = CodebuffUsage.read(parser, path + ".usage");
      } else if (field.equals("model") && value == JsonToken.VALUE_STRING) {
        model = text(parser, path + ".model");
      } else {
        parser.skipChildren();
      }
    }
    if (usage != null && usage.model == null) {
      usage.model = model;
    }
    return usage;
  }

  /** An ISO-8601 text, or seconds or milliseconds since the epoch; null for null. */
  private static @Nullable Instant time(JsonParser parser, String path)
      throws IOException, BadRecordException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return IsoTimes.parse(parser.getText(), path);
    }
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      BigDecimal value;
      try {
        value = parser.getDecimalValue();
      } catch (NumberFormatException | ArithmeticException e) {
        throw new BadRecordException(
            "field '%s' is not a plausible time: '%s'".formatted(path, parser.getText()), e);
      }
      if (value.signum() < 0) {
        throw new BadRecordException(
            "field '%s' is not a plausible time (1970 to 2100): '%s'".formatted(path, value));
      }
      return EpochTimes.ofSecondsOrMillis(value, path);
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    throw JsonRecords.wrongType(parser, path, "a time");
  }

  private static @Nullable String skip(JsonParser parser) throws IOException {
    parser.skipChildren();
    return null;
  }

  private static final class Message {
    @Nullable String id;
    @Nullable String variant;
    @Nullable String role;
    @Nullable Instant time;
    @Nullable Instant metadataTime;
    @Nullable String model;
    @Nullable CodebuffUsage usage;
    @Nullable CodebuffUsage codebuffUsage;
    @Nullable CodebuffUsage runStateUsage;

    boolean isAssistant() {
      String kind = variant != null ? variant : role;
      return "ai".equals(kind) || "agent".equals(kind) || "assistant".equals(kind);
    }

    @Nullable CodebuffUsage usage() {
      for (CodebuffUsage candidate : new CodebuffUsage[] {usage, codebuffUsage, runStateUsage}) {
        if (candidate != null && candidate.hasTokens()) {
          return candidate;
        }
      }
      return null;
    }
  }
}
