package dev.goodhart.ingest.opencode;

import static dev.goodhart.ingest.json.JsonRecords.count;
import static dev.goodhart.ingest.json.JsonRecords.object;
import static dev.goodhart.ingest.json.JsonRecords.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.AgentWork;
import dev.goodhart.ingest.ApplyPatch;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.git.LineHash;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One part file ({@code storage/part/<message>/<part>.json}): a piece of a message, rewritten as it
 * streams. A tool call's part ({@code {"type":"tool", "callID", "tool", "state": {"status",
 * "input", "time"}}}, sst/opencode {@code packages/opencode/src/session/message-v2.ts}) wrote lines
 * when its status is {@code completed} and its tool is one of {@code packages/opencode/src/tool/}:
 * {@code write} ({@code filePath}, {@code content}: the whole file), {@code edit} ({@code
 * filePath}, {@code oldString}, {@code newString}: the lines the new text adds), {@code multiedit}
 * ({@code filePath} and {@code edits} of the same), or {@code patch} and {@code apply_patch}
 * ({@code patchText} in Codex's format, {@link ApplyPatch}). Edits are keyed by the call's id, and
 * a patch's by the call and the file. Parts carry no usage and no folder: a relative path (patches
 * name files relative to the session's folder) stays relative.
 */
final class OpenCodePartParser implements RecordParser {
  private static final byte[] CALL_ID = LineProbe.marker("\"callID\"");

  /** Milliseconds after 2100-01-01: a time beyond it is damage, not a date. */
  private static final long LATEST_PLAUSIBLE_MILLIS = 4_102_444_800_000L;

  private static final long[] NO_LINES = {};

  private final LogFile file;

  OpenCodePartParser(LogFile file) {
    this.file = file;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    if (!LineProbe.mentions(bytes, offset, length, CALL_ID)) {
      // Text, reasoning and step parts: most part files, and nothing of what the session wrote.
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    Part part = new Part();
    try (JsonParser parser = JsonRecords.parser(bytes, offset, length)) {
      JsonRecords.startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "sessionID" -> part.sessionId = text(parser, field);
          case "type" -> part.type = text(parser, field);
          case "callID" -> part.callId = text(parser, field);
          case "tool" -> part.tool = text(parser, field);
          case "state" -> {
            if (object(parser, field)) {
              readState(parser, part);
            }
          }
          default -> parser.skipChildren();
        }
      }
      JsonRecords.endOfRecord(parser);
    } catch (IOException e) {
      throw JsonRecords.malformed(e);
    }
    if (!"tool".equals(part.type) || !"completed".equals(part.status) || part.sessionId == null) {
      return; // a call that failed or is still running wrote nothing yet
    }
    long millis = part.endMillis >= 0 ? part.endMillis : part.startMillis;
    if (millis < 0) {
      return; // nothing to place it in time
    }
    SessionSignal.Context at =
        new SessionSignal.Context(
            file.source(),
            part.sessionId,
            file.machineId(),
            Instant.ofEpochMilli(millis),
            null,
            null,
            null);
    String call = part.callId != null ? part.callId : file.stem();
    for (Written written : written(part)) {
      String key = written.patched ? "e:" + call + ":" + written.path : "e:" + call;
      sink.signal(SessionSignal.edit(at, key, written.path, written.lineHashes));
    }
  }

  /** A file a tool call wrote lines into; a patch's files are keyed apart. */
  private record Written(@Nullable String path, long[] lineHashes, boolean patched) {}

  private static List<Written> written(Part part) {
    Input input = part.input;
    String tool = part.tool == null ? "" : part.tool;
    if (tool.equals("patch") || tool.equals("apply_patch")) {
      List<Written> files = new ArrayList<>();
      if (input.patchText != null) {
        for (ApplyPatch.WrittenFile file : ApplyPatch.written(input.patchText)) {
          files.add(new Written(file.path(), file.lineHashes(), true));
        }
      }
      return files;
    }
    long[] lines =
        switch (tool) {
          case "write" -> input.content == null ? NO_LINES : LineHash.ofText(input.content);
          case "edit" -> replaced(input.oldString, input.newString);
          case "multiedit" -> input.edits;
          default -> NO_LINES;
        };
    return lines.length == 0 ? List.of() : List.of(new Written(input.filePath, lines, false));
  }

  private static long[] replaced(@Nullable String oldString, @Nullable String newString) {
    if (newString == null) {
      return NO_LINES;
    }
    return AgentWork.replaced(
        oldString == null ? NO_LINES : LineHash.ofText(oldString), LineHash.ofText(newString));
  }

  private static void readState(JsonParser parser, Part part)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "status" -> part.status = text(parser, "state.status");
        case "input" -> {
          if (parser.currentToken() == JsonToken.START_OBJECT) {
            readInput(parser, part.input);
          } else {
            parser.skipChildren();
          }
        }
        case "time" -> {
          if (object(parser, "state.time")) {
            readTime(parser, part);
          }
        }
        default -> parser.skipChildren(); // output, metadata: the tool's result
      }
    }
  }

  /**
   * A tool's input, as the model gave it: only strings are taken, so that an odd argument costs the
   * call and nothing else.
   */
  private static void readInput(JsonParser parser, Input input) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      String value = token == JsonToken.VALUE_STRING ? parser.getText() : null;
      switch (field) {
        case "filePath" -> input.filePath = value;
        case "content" -> input.content = value;
        case "oldString" -> input.oldString = value;
        case "newString" -> input.newString = value;
        case "patchText" -> input.patchText = value;
        case "edits" -> {
          if (token == JsonToken.START_ARRAY) {
            readEdits(parser, input);
            continue;
          }
        }
        default -> {}
      }
      parser.skipChildren();
    }
  }

  /** A multiedit's edits, applied in turn to its one file. */
  private static void readEdits(JsonParser parser, Input input) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      Input edit = new Input();
      readInput(parser, edit);
      long[] written = replaced(edit.oldString, edit.newString);
      input.edits = AgentWork.concat(input.edits, written);
    }
  }

  private static void readTime(JsonParser parser, Part part)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "start" -> part.startMillis = millis(parser, "state.time.start");
        case "end" -> part.endMillis = millis(parser, "state.time.end");
        default -> parser.skipChildren();
      }
    }
  }

  private static long millis(JsonParser parser, String field)
      throws IOException, BadRecordException {
    long millis = count(parser, field);
    if (millis > LATEST_PLAUSIBLE_MILLIS) {
      throw new BadRecordException(
          "field '%s' is not a time in milliseconds: '%d'".formatted(field, millis));
    }
    return millis;
  }

  private static final class Part {
    @Nullable String sessionId;
    @Nullable String type;
    @Nullable String callId;
    @Nullable String tool;
    @Nullable String status;
    final Input input = new Input();
    long startMillis = -1;
    long endMillis = -1;
  }

  private static final class Input {
    @Nullable String filePath;
    @Nullable String content;
    @Nullable String oldString;
    @Nullable String newString;
    @Nullable String patchText;
    long[] edits = NO_LINES;
  }
}
