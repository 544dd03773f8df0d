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
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON lines chat recording: a metadata line with {@code sessionId}, message records, and {@code
 * $set} / {@code $rewindTo} updates. A rewind hides messages from the conversation but not from the
 * bill, so rewound messages stay counted.
 */
final class GeminiChatLinesParser implements RecordParser {
  private static final byte[] TOKENS = LineProbe.marker("\"tokens\"");
  private static final byte[] SESSION_ID = LineProbe.marker("\"sessionId\"");

  private final LogFile file;
  private String sessionId;

  GeminiChatLinesParser(LogFile file, String state) {
    this.file = file;
    this.sessionId = ParserState.decode(state).getOrDefault("session", file.stem());
  }

  @Override
  public String state() {
    return ParserState.encode(Map.of("session", sessionId));
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    if (!LineProbe.mentions(bytes, offset, length, TOKENS)
        && !LineProbe.mentions(bytes, offset, length, SESSION_ID)) {
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    GeminiMessages.Message message = new GeminiMessages.Message();
    @Nullable String lineSession = null;
    try (JsonParser parser = JsonRecords.parser(bytes, offset, length)) {
      JsonRecords.startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("sessionId")) {
          lineSession = text(parser, field);
        } else if (field.equals("$set") && parser.currentToken() == JsonToken.START_OBJECT) {
          lineSession = readSessionUpdate(parser, lineSession);
        } else if (!GeminiMessages.readField(parser, field, "", message)) {
          parser.skipChildren();
        }
      }
      JsonRecords.endOfRecord(parser);
    } catch (IOException e) {
      throw JsonRecords.malformed(e);
    }
    if (lineSession != null && message.type == null) {
      sessionId = lineSession;
    }
    GeminiMessages.emit(
        message, sessionId, file, "l:" + file.relativeName() + ":" + lineNumber, sink);
  }

  private static @Nullable String readSessionUpdate(JsonParser parser, @Nullable String current)
      throws IOException, BadRecordException {
    String session = current;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("sessionId")) {
        session = text(parser, "$set.sessionId");
      } else {
        parser.skipChildren();
      }
    }
    return session;
  }
}
