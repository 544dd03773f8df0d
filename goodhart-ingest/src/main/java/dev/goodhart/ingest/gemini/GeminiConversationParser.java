package dev.goodhart.ingest.gemini;

import static dev.goodhart.ingest.json.JsonRecords.array;
import static dev.goodhart.ingest.json.JsonRecords.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.JsonRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole conversation document: {@code {sessionId, projectHash, directories, messages: [...]}}.
 * The document is rewritten on every message, so it is read whole each time it changes; message and
 * tool call ids keep the events and edits idempotent.
 */
final class GeminiConversationParser implements RecordParser {
  private final LogFile file;

  GeminiConversationParser(LogFile file) {
    this.file = file;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    String sessionId = null;
    String cwd = null;
    List<GeminiMessages.Message> messages = new ArrayList<>();
    try (JsonParser parser = JsonRecords.parser(bytes, offset, length)) {
      JsonRecords.startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "sessionId" -> sessionId = text(parser, field);
          case "directories" -> cwd = GeminiMessages.firstDirectory(parser, field);
          case "messages" -> {
            if (array(parser, field)) {
              readMessages(parser, messages);
            }
          }
          default -> parser.skipChildren();
        }
      }
      JsonRecords.endOfRecord(parser);
    } catch (IOException e) {
      throw JsonRecords.malformed(e);
    }
    String session = sessionId != null ? sessionId : file.stem();
    for (int i = 0; i < messages.size(); i++) {
      GeminiMessages.emit(
          messages.get(i), session, cwd, file, "i:" + file.relativeName() + ":" + i, sink);
    }
  }

  private static void readMessages(JsonParser parser, List<GeminiMessages.Message> messages)
      throws IOException, BadRecordException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.START_OBJECT) {
        throw JsonRecords.wrongType(parser, "messages[" + messages.size() + "]", "an object");
      }
      GeminiMessages.Message message = new GeminiMessages.Message();
      String path = "messages[" + messages.size() + "].";
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (!GeminiMessages.readField(parser, field, path, message)) {
          parser.skipChildren();
        }
      }
      messages.add(message);
    }
  }
}
