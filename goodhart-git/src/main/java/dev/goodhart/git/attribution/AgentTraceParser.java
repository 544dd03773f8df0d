package dev.goodhart.git.attribution;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.git.attribution.AgentTraceRecord.Conversation;
import dev.goodhart.git.attribution.AgentTraceRecord.TracedFile;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads one Agent Trace record from its JSON text. The fields the spec requires ({@code version},
 * {@code id}, {@code timestamp}, {@code files}, a file's {@code path}, a conversation's {@code
 * ranges}, a range's lines) must be there; {@code metadata}, {@code related} and unknown fields are
 * skipped. Errors name the field by its path in the record, e.g. {@code
 * files[0].conversations[1].ranges[0].end_line}.
 */
final class AgentTraceParser {
  private final JsonParser parser;
  private final int lineOffset;
  private final AgentTraceConversations conversationReader;

  private AgentTraceParser(JsonParser parser, int lineOffset) {
    this.parser = parser;
    this.lineOffset = lineOffset;
    this.conversationReader = new AgentTraceConversations(parser, lineOffset);
  }

  /**
   * @param lineOffset how many lines of the input precede the record, for error messages
   */
  static AgentTraceRecord parse(String json, int lineOffset)
      throws MalformedAttributionDataException {
    try (JsonParser parser = JsonFields.parser(json)) {
      parser.nextToken();
      AgentTraceRecord record = new AgentTraceParser(parser, lineOffset).record(json);
      JsonFields.requireEnd(parser, lineOffset);
      return record;
    } catch (IOException e) {
      throw JsonFields.notJson(e, json, lineOffset);
    }
  }

  private AgentTraceRecord record(String json)
      throws IOException, MalformedAttributionDataException {
    requireObject("record");
    String version = null;
    String id = null;
    Instant timestamp = null;
    List<@Nullable String> vcs = List.of();
    List<@Nullable String> tool = List.of();
    List<TracedFile> files = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "version" -> version = text(field);
        case "id" -> id = text(field);
        case "timestamp" -> timestamp = timestamp(text(field));
        case "vcs" -> vcs = strings(field, "type", "revision");
        case "tool" -> tool = strings(field, "name", "version");
        case "files" -> files = files();
        default -> parser.skipChildren();
      }
    }
    return new AgentTraceRecord(
        required(version, "version", json),
        required(id, "id", json),
        required(timestamp, "timestamp", json),
        vcs.isEmpty() ? null : vcs.get(0),
        vcs.isEmpty() ? null : vcs.get(1),
        tool.isEmpty() ? null : tool.get(0),
        tool.isEmpty() ? null : tool.get(1),
        required(files, "files", json));
  }

  /** The two string fields that matter of an object ({@code vcs}, {@code tool}). */
  private List<@Nullable String> strings(String field, String first, String second)
      throws IOException, MalformedAttributionDataException {
    List<@Nullable String> values = new ArrayList<>(Arrays.asList(null, null));
    if (JsonFields.object(parser, field, lineOffset)) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals(first) || name.equals(second)) {
          values.set(name.equals(first) ? 0 : 1, text(field + "." + name));
        } else {
          parser.skipChildren();
        }
      }
    }
    return values;
  }

  private List<TracedFile> files() throws IOException, MalformedAttributionDataException {
    List<TracedFile> files = new ArrayList<>();
    if (JsonFields.array(parser, "files", lineOffset)) {
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        String where = "files[" + files.size() + "]";
        requireObject(where);
        String path = null;
        List<Conversation> conversations = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          switch (name) {
            case "path" -> path = text(where + ".path");
            case "conversations" ->
                conversations = conversationReader.conversations(where + ".conversations");
            default -> parser.skipChildren();
          }
        }
        files.add(new TracedFile(required(path, where + ".path", where), conversations));
      }
    }
    return files;
  }

  private @Nullable String text(String field)
      throws IOException, MalformedAttributionDataException {
    return JsonFields.text(parser, field, lineOffset);
  }

  private void requireObject(String field) throws IOException, MalformedAttributionDataException {
    JsonFields.requireObject(parser, field, lineOffset);
  }

  private @Nullable Instant timestamp(@Nullable String text)
      throws MalformedAttributionDataException {
    if (text == null) {
      return null;
    }
    // RFC 3339 also allows a space or a lower-case t between date and time, and a lower-case z.
    String iso = text.toUpperCase(Locale.ROOT);
    if (iso.length() > 10 && iso.charAt(10) == ' ') {
      iso = iso.substring(0, 10) + "T" + iso.substring(11);
    }
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeException e) {
      throw new MalformedAttributionDataException(
          "field 'timestamp' must be an RFC 3339 date and time",
          text,
          JsonFields.line(parser, lineOffset),
          e);
    }
  }

  private <T> T required(@Nullable T value, String field, String context)
      throws MalformedAttributionDataException {
    return JsonFields.required(value, field, context, parser, lineOffset);
  }
}
