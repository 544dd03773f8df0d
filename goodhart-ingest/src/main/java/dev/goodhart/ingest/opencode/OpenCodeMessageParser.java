package dev.goodhart.ingest.opencode;

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
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One message: a message file, or a row of the {@code message} table with its id and session added
 * ({@link OpenCodeDatabase}). OpenCode rewrites a message while the response streams, so it is read
 * whole whenever it changes and keyed by its message id; the store keeps the copy with the most
 * tokens, and a message both in a file and in the database (OpenCode copied its files into the
 * database when it moved to SQLite) counts once. The events carry the reading source's name: Kilo
 * writes OpenCode's messages.
 */
final class OpenCodeMessageParser implements RecordParser {
  static final String SOURCE = "opencode";

  /** Milliseconds after 2100-01-01: a creation time beyond it is damage, not a date. */
  private static final long LATEST_PLAUSIBLE_MILLIS = 4_102_444_800_000L;

  private final LogFile file;

  OpenCodeMessageParser(LogFile file) {
    this.file = file;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    Message message = new Message();
    try (JsonParser parser = JsonRecords.parser(bytes, offset, length)) {
      JsonRecords.startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "id" -> message.id = text(parser, field);
          case "sessionID" -> message.sessionId = text(parser, field);
          case "providerID" -> message.provider = text(parser, field);
          case "modelID" -> message.model = text(parser, field);
          case "cost" -> message.cost = money(parser, field);
          case "time" -> {
            if (object(parser, field)) {
              readTime(parser, message);
            }
          }
          case "path" -> {
            if (object(parser, field)) {
              readPath(parser, message);
            }
          }
          case "tokens" -> {
            if (object(parser, field)) {
              message.tokens = readTokens(parser);
            }
          }
          default -> parser.skipChildren();
        }
      }
      JsonRecords.endOfRecord(parser);
    } catch (IOException e) {
      throw JsonRecords.malformed(e);
    }
    if (message.tokens == null || message.tokens.total() == 0) {
      return; // a user message, or an assistant message that has not streamed yet
    }
    if (message.createdMillis < 0) {
      throw new BadRecordException("a message with 'tokens' has no 'time.created'");
    }
    String id = message.id != null ? message.id : file.stem();
    String folder = message.root != null ? message.root : message.cwd;
    sink.accept(
        new UsageEvent(
            file.source(),
            "m:" + id,
            null,
            false,
            Instant.ofEpochMilli(message.createdMillis),
            message.sessionId != null ? message.sessionId : parentFolder(),
            folder != null ? folder : file.project(),
            message.cwd != null ? message.cwd : folder,
            null,
            file.machineId(),
            message.provider,
            message.model != null ? message.model : "unknown",
            false,
            message.tokens,
            message.cost));
  }

  private String parentFolder() {
    var parent = file.path().getParent();
    return parent == null || parent.getFileName() == null
        ? file.stem()
        : parent.getFileName().toString();
  }

  private static void readTime(JsonParser parser, Message message)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("created")) {
        long created = count(parser, "time.created");
        if (created > LATEST_PLAUSIBLE_MILLIS) {
          throw new BadRecordException(
              "field 'time.created' is not a time in milliseconds: '%d'".formatted(created));
        }
        message.createdMillis = created;
      } else {
        parser.skipChildren();
      }
    }
  }

  /** The folder the session worked in ({@code cwd}) and its project's root ({@code root}). */
  private static void readPath(JsonParser parser, Message message)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "cwd" -> message.cwd = text(parser, "path.cwd");
        case "root" -> message.root = text(parser, "path.root");
        default -> parser.skipChildren();
      }
    }
  }

  /**
   * Reasoning is reported apart from output and billed as output, so it is added to output. A
   * message that gives only a {@code total} (some providers report nothing finer) counts it as
   * output, as ccusage does: output is the dearer rate, so the cost is not understated.
   */
  private static TokenCounts readTokens(JsonParser parser) throws IOException, BadRecordException {
    long input = 0;
    long output = 0;
    long reasoning = 0;
    long cacheRead = 0;
    long cacheWrite = 0;
    long total = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "input" -> input = count(parser, "tokens.input");
        case "output" -> output = count(parser, "tokens.output");
        case "reasoning" -> reasoning = count(parser, "tokens.reasoning");
        case "total" -> total = count(parser, "tokens.total");
        case "cache" -> {
          if (object(parser, "tokens.cache")) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String cacheField = parser.currentName();
              parser.nextToken();
              switch (cacheField) {
                case "read" -> cacheRead = count(parser, "tokens.cache.read");
                case "write" -> cacheWrite = count(parser, "tokens.cache.write");
                default -> parser.skipChildren();
              }
            }
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (input == 0 && output == 0 && reasoning == 0 && cacheRead == 0 && cacheWrite == 0) {
      output = total;
    }
    return new TokenCounts(input, output + reasoning, cacheRead, cacheWrite, 0, reasoning);
  }

  private static final class Message {
    @Nullable String id;
    @Nullable String sessionId;
    @Nullable String provider;
    @Nullable String model;
    @Nullable BigDecimal cost;
    @Nullable TokenCounts tokens;
    @Nullable String cwd;
    @Nullable String root;
    long createdMillis = -1;
  }
}
