package dev.goodhart.ingest.gemini;

import static dev.goodhart.ingest.json.JsonRecords.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.ingest.json.ParserState;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON lines chat recording: a metadata line with {@code sessionId}, message records, and {@code
 * $set} / {@code $rewindTo} updates. A rewind hides messages from the conversation but not from the
 * bill, so rewound messages stay counted, and neither does it undo what their tools wrote. A
 * message is written again whenever it changes (its tool calls run, its tokens arrive), so the same
 * tool call's edit is read more than once under one key, and stored once.
 */
final class GeminiChatLinesParser implements RecordParser {
  private static final byte[] TOKENS = LineProbe.marker("\"tokens\"");
  private static final byte[] SESSION_ID = LineProbe.marker("\"sessionId\"");
  private static final byte[] TOOL_CALLS = LineProbe.marker("\"toolCalls\"");
  private static final byte[] DIRECTORIES = LineProbe.marker("\"directories\"");

  private final LogFile file;
  private String sessionId;
  private @Nullable String cwd;

  GeminiChatLinesParser(LogFile file, String state) {
    this.file = file;
    Map<String, String> saved = ParserState.decode(state);
    this.sessionId = saved.getOrDefault("session", file.stem());
    this.cwd = saved.get("cwd");
  }

  @Override
  public String state() {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("session", sessionId);
    if (cwd != null) {
      state.put("cwd", cwd);
    }
    return ParserState.encode(state);
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    if (!LineProbe.mentions(bytes, offset, length, TOKENS)
        && !LineProbe.mentions(bytes, offset, length, SESSION_ID)
        && !LineProbe.mentions(bytes, offset, length, TOOL_CALLS)
        && !LineProbe.mentions(bytes, offset, length, DIRECTORIES)) {
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    GeminiMessages.Message message = new GeminiMessages.Message();
    Metadata metadata = new Metadata();
    try (JsonParser parser = JsonRecords.parser(bytes, offset, length)) {
      JsonRecords.startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("sessionId")) {
          metadata.sessionId = text(parser, field);
        } else if (field.equals("directories")) {
          metadata.directory = GeminiMessages.firstDirectory(parser, field);
        } else if (field.equals("$set") && parser.currentToken() == JsonToken.START_OBJECT) {
          readUpdate(parser, metadata);
        } else if (!GeminiMessages.readField(parser, field, "", message)) {
          parser.skipChildren();
        }
      }
      JsonRecords.endOfRecord(parser);
    } catch (IOException e) {
      throw JsonRecords.malformed(e);
    }
    if (message.type == null) {
      sessionId = metadata.sessionId != null ? metadata.sessionId : sessionId;
      cwd = metadata.directory != null ? metadata.directory : cwd;
    }
    GeminiMessages.emit(
        message, sessionId, cwd, file, "l:" + file.relativeName() + ":" + lineNumber, sink);
  }

  /** What a metadata line or a {@code $set} update says of the session. */
  private static final class Metadata {
    @Nullable String sessionId;
    @Nullable String directory;
  }

  private static void readUpdate(JsonParser parser, Metadata metadata)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("sessionId")) {
        metadata.sessionId = text(parser, "$set.sessionId");
      } else if (field.equals("directories")) {
        metadata.directory = GeminiMessages.firstDirectory(parser, "$set.directories");
      } else {
        parser.skipChildren();
      }
    }
  }
}
