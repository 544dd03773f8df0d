package dev.goodhart.ingest.gemini;

import static dev.goodhart.ingest.json.JsonRecords.array;
import static dev.goodhart.ingest.json.JsonRecords.count;
import static dev.goodhart.ingest.json.JsonRecords.object;
import static dev.goodhart.ingest.json.JsonRecords.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.git.LineHash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One chat message record, read the same way from a conversation document and from a JSON lines
 * recording: its usage, and the files its tool calls wrote. Gemini CLI records a model turn's tool
 * calls in its message ({@code toolCalls: [{id, name, args, status, timestamp, result, ...}]},
 * google-gemini/gemini-cli {@code packages/core/src/services/chatRecordingTypes.ts}); a call wrote
 * lines when its status is {@code success} and it is {@code write_file} ({@code file_path}, {@code
 * content}: the whole file) or {@code replace} ({@code file_path}, {@code old_string}, {@code
 * new_string}: the lines the new text adds), the names and parameters of {@code
 * packages/core/src/tools/definitions/base-declarations.ts}.
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
    final List<ToolCall> toolCalls = new ArrayList<>(0);
  }

  /** The fields of a tool call that say what it wrote. */
  static final class ToolCall {
    @Nullable String id;
    @Nullable String name;
    @Nullable String status;
    @Nullable String timestamp;
    @Nullable String filePath;
    @Nullable String content;
    @Nullable String oldString;
    @Nullable String newString;

    /** The lines the call wrote, as {@link LineHash}es; none unless it succeeded in writing. */
    long[] written() {
      if (!"success".equals(status)) {
        return NO_LINES;
      }
      return GeminiEdits.written(
          name,
          content == null ? null : LineHash.ofText(content),
          oldString == null ? null : LineHash.ofText(oldString),
          newString == null ? null : LineHash.ofText(newString));
    }
  }

  private static final long[] NO_LINES = {};

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
      case "toolCalls" -> {
        if (array(parser, path + "toolCalls")) {
          readToolCalls(parser, path + "toolCalls", message.toolCalls);
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * Emits the files the message's tool calls wrote, each keyed by its call's id, and the message as
   * a usage event when it is a model response with token counts.
   *
   * @param cwd the session's folder when the recording names it, against which a relative path is
   *     resolved
   */
  static void emit(
      Message message,
      String sessionId,
      @Nullable String cwd,
      LogFile file,
      String fallbackKey,
      RecordSink sink)
      throws BadRecordException {
    if ("gemini".equals(message.type)) {
      emitEdits(message, sessionId, cwd, file, fallbackKey, sink);
    }
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
   * The session's folder from a recording's {@code directories}: Gemini CLI writes its workspace's
   * folders there (after {@code /dir add}, and for sub-agents), the one it started in first, and
   * resolves a tool's relative path against that one.
   */
  static @Nullable String firstDirectory(JsonParser parser, String field)
      throws IOException, BadRecordException {
    if (!array(parser, field)) {
      return null;
    }
    String first = null;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.VALUE_STRING) {
        throw JsonRecords.wrongType(parser, field + "[]", "a string");
      }
      if (first == null) {
        first = parser.getText();
      }
    }
    return first == null || first.isBlank() ? null : first;
  }

  private static void emitEdits(
      Message message,
      String sessionId,
      @Nullable String cwd,
      LogFile file,
      String fallbackKey,
      RecordSink sink)
      throws BadRecordException {
    for (int i = 0; i < message.toolCalls.size(); i++) {
      ToolCall call = message.toolCalls.get(i);
      long[] written = call.written();
      String time = call.timestamp != null ? call.timestamp : message.timestamp;
      if (written.length == 0 || time == null) {
        continue; // nothing written, or nothing to place it in time
      }
      SessionSignal.Context at =
          new SessionSignal.Context(
              SOURCE,
              sessionId,
              file.machineId(),
              IsoTimes.parse(time, "toolCalls[].timestamp"),
              cwd,
              null,
              null);
      String key = "e:" + (call.id != null ? call.id : fallbackKey + "#" + i);
      sink.signal(SessionSignal.edit(at, key, call.filePath, written));
    }
  }

  /**
   * A message's tool calls. What the recorder writes is checked; the arguments are the model's and
   * only strings are taken from them, so that an odd argument costs its call and not the message's
   * usage.
   */
  private static void readToolCalls(JsonParser parser, String path, List<ToolCall> calls)
      throws IOException, BadRecordException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.START_OBJECT) {
        throw JsonRecords.wrongType(parser, path + "[]", "an object");
      }
      ToolCall call = new ToolCall();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "id" -> call.id = text(parser, path + "[].id");
          case "name" -> call.name = text(parser, path + "[].name");
          case "status" -> call.status = text(parser, path + "[].status");
          case "timestamp" -> call.timestamp = text(parser, path + "[].timestamp");
          case "args" -> {
            if (parser.currentToken() == JsonToken.START_OBJECT) {
              readArguments(parser, call);
            } else {
              parser.skipChildren();
            }
          }
          default -> parser.skipChildren(); // result, resultDisplay: the tool's output
        }
      }
      calls.add(call);
    }
  }

  private static void readArguments(JsonParser parser, ToolCall call) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      String value = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
      switch (field) {
        case "file_path" -> call.filePath = value;
        case "content" -> call.content = value;
        case "old_string" -> call.oldString = value;
        case "new_string" -> call.newString = value;
        default -> {}
      }
      parser.skipChildren();
    }
  }

  /**
   * Gemini CLI's {@code tokens} are the API's {@code usageMetadata} under shorter names: {@code
   * input} (the prompt, cached tokens included), {@code output}, {@code cached}, {@code thoughts},
   * {@code tool}, {@code total}.
   */
  private static TokenCounts readTokens(JsonParser parser, String path)
      throws IOException, BadRecordException {
    long input = 0;
    long output = 0;
    long cached = 0;
    long thoughts = 0;
    long tool = 0;
    long total = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "input" -> input = count(parser, path + ".input");
        case "output" -> output = count(parser, path + ".output");
        case "cached" -> cached = count(parser, path + ".cached");
        case "thoughts" -> thoughts = count(parser, path + ".thoughts");
        case "tool" -> tool = count(parser, path + ".tool");
        case "total" -> total = count(parser, path + ".total");
        default -> parser.skipChildren();
      }
    }
    return GeminiTokenCounts.of(
        input,
        output,
        cached,
        thoughts,
        tool,
        total,
        GeminiTokenCounts.Thoughts.APART_FROM_CANDIDATES,
        path + ".input",
        path + ".cached");
  }
}
