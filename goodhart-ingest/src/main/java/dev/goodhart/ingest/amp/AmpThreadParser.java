package dev.goodhart.ingest.amp;

import static dev.goodhart.ingest.json.JsonRecords.array;
import static dev.goodhart.ingest.json.JsonRecords.count;
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
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Amp thread ({@code threads/T-<uuid>.json}), rewritten whole as the thread goes on. Amp
 * records usage twice: its usage ledger ({@code usageLedger.events}: a model, a time, input and
 * output tokens per request, and the assistant message it produced as {@code toMessageId}), and
 * each assistant message's {@code usage} (with the cache tokens the ledger lacks). Where the ledger
 * has events they are the requests, with the cache tokens of their message; a thread of current Amp
 * without a ledger is read from its messages' usage. A request that gives only a total counts it as
 * output, as ccusage does. Amp's credits are no dollars and are not read.
 */
final class AmpThreadParser implements RecordParser {
  static final String SOURCE = "amp";

  private final LogFile file;

  AmpThreadParser(LogFile file) {
    this.file = file;
  }

  /** Usage as a ledger event or a message's {@code usage} gives it. */
  private static final class Usage {
    @Nullable String id;
    @Nullable String model;
    @Nullable String timestamp;
    @Nullable String messageId;
    long input;
    long output;
    long cacheWrite;
    long cacheRead;
    long total;

    TokenCounts tokens() {
      long counted = input == 0 && output == 0 && cacheWrite == 0 && cacheRead == 0 ? total : 0;
      return TokenCounts.of(input, output + counted, cacheRead, cacheWrite);
    }
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    String threadId = null;
    List<Usage> messages = new ArrayList<>();
    List<Usage> ledger = new ArrayList<>();
    try (JsonParser parser = JsonRecords.parser(bytes, offset, length)) {
      JsonRecords.startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "id" -> threadId = text(parser, field);
          case "messages" -> {
            if (array(parser, field)) {
              readMessages(parser, messages);
            }
          }
          case "usageLedger" -> {
            if (object(parser, field)) {
              readLedger(parser, ledger);
            }
          }
          default -> parser.skipChildren();
        }
      }
      JsonRecords.endOfRecord(parser);
    } catch (IOException e) {
      throw JsonRecords.malformed(e);
    }
    String thread = threadId != null && !threadId.isBlank() ? threadId : file.stem();
    if (!ledger.isEmpty()) {
      Map<String, Usage> byMessage = new HashMap<>();
      messages.forEach(message -> byMessage.put(message.messageId, message));
      for (int i = 0; i < ledger.size(); i++) {
        Usage event = ledger.get(i);
        Usage message = event.messageId != null ? byMessage.get(event.messageId) : null;
        if (message != null) {
          event.cacheWrite = message.cacheWrite;
          event.cacheRead = message.cacheRead;
        }
        String key = thread + ":e:" + (event.id != null ? event.id : String.valueOf(i));
        emit(sink, thread, key, event, "usageLedger.events." + i);
      }
      return;
    }
    for (int i = 0; i < messages.size(); i++) {
      Usage message = messages.get(i);
      String key = thread + ":m:" + (message.messageId != null ? message.messageId : "i" + i);
      emit(sink, thread, key, message, "messages." + i);
    }
  }

  private void emit(RecordSink sink, String thread, String key, Usage usage, String where)
      throws BadRecordException {
    TokenCounts tokens = usage.tokens();
    if (tokens.total() == 0) {
      return;
    }
    if (usage.timestamp == null) {
      throw new BadRecordException("'%s' has tokens but no 'timestamp'".formatted(where));
    }
    sink.accept(
        new UsageEvent(
            file.source(),
            key,
            null,
            false,
            IsoTimes.parse(usage.timestamp, where + ".timestamp"),
            thread,
            file.project(),
            null,
            null,
            file.machineId(),
            null,
            usage.model != null && !usage.model.isBlank() ? usage.model : "unknown",
            false,
            tokens,
            null));
  }

  /** The assistant messages' usage; the other messages (and every message's content) skipped. */
  private static void readMessages(JsonParser parser, List<Usage> messages)
      throws IOException, BadRecordException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.START_OBJECT) {
        throw JsonRecords.wrongType(parser, "messages[]", "an object");
      }
      String role = null;
      Usage usage = new Usage();
      String messageTime = null;
      String messageModel = null;
      boolean hasUsage = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "role" -> role = text(parser, "messages[].role");
          case "messageId" -> usage.messageId = identifier(parser, "messages[].messageId");
          case "timestamp" -> messageTime = timestamp(parser, "messages[].timestamp");
          case "model" -> messageModel = text(parser, "messages[].model");
          case "usage" -> {
            if (object(parser, "messages[].usage")) {
              hasUsage = true;
              readMessageUsage(parser, usage);
            }
          }
          default -> parser.skipChildren();
        }
      }
      if ("assistant".equals(role) && hasUsage) {
        usage.timestamp = usage.timestamp != null ? usage.timestamp : messageTime;
        usage.model = usage.model != null ? usage.model : messageModel;
        messages.add(usage);
      }
    }
  }

  private static void readMessageUsage(JsonParser parser, Usage usage)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      String name = "messages[].usage." + field;
      switch (field) {
        case "model" -> usage.model = text(parser, name);
        case "timestamp" -> usage.timestamp = timestamp(parser, name);
        case "inputTokens" -> usage.input = count(parser, name);
        case "outputTokens" -> usage.output = count(parser, name);
        case "cacheCreationInputTokens" -> usage.cacheWrite = count(parser, name);
        case "cacheReadInputTokens" -> usage.cacheRead = count(parser, name);
        case "totalTokens" -> usage.total = count(parser, name);
        default -> parser.skipChildren();
      }
    }
  }

  private static void readLedger(JsonParser parser, List<Usage> ledger)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (!field.equals("events") || !array(parser, "usageLedger.events")) {
        parser.skipChildren();
        continue;
      }
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token != JsonToken.START_OBJECT) {
          throw JsonRecords.wrongType(parser, "usageLedger.events[]", "an object");
        }
        ledger.add(readLedgerEvent(parser));
      }
    }
  }

  private static Usage readLedgerEvent(JsonParser parser) throws IOException, BadRecordException {
    Usage event = new Usage();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      String name = "usageLedger.events[]." + field;
      switch (field) {
        case "id" -> event.id = text(parser, name);
        case "model" -> event.model = text(parser, name);
        case "timestamp" -> event.timestamp = timestamp(parser, name);
        case "toMessageId" -> event.messageId = identifier(parser, name);
        case "tokens" -> {
          if (object(parser, name)) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String kind = parser.currentName();
              parser.nextToken();
              switch (kind) {
                case "input" -> event.input = count(parser, name + ".input");
                case "output" -> event.output = count(parser, name + ".output");
                case "total" -> event.total = count(parser, name + ".total");
                default -> parser.skipChildren();
              }
            }
          }
        }
        default -> parser.skipChildren();
      }
    }
    return event;
  }

  /** A message's number, which some versions write as text. */
  private static @Nullable String identifier(JsonParser parser, String field)
      throws IOException, BadRecordException {
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return String.valueOf(count(parser, field));
    }
    return text(parser, field);
  }

  /** A time as text; Amp also writes milliseconds, taken as they are. */
  private static @Nullable String timestamp(JsonParser parser, String field)
      throws IOException, BadRecordException {
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      long millis = count(parser, field);
      if (millis > 4_102_444_800_000L) {
        throw new BadRecordException(
            "field '%s' is not a time in milliseconds: '%d'".formatted(field, millis));
      }
      return java.time.Instant.ofEpochMilli(millis).toString();
    }
    return text(parser, field);
  }
}
