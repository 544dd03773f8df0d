package dev.goodhart.git.attribution;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.git.attribution.AgentTraceRecord.Conversation;
import dev.goodhart.git.attribution.AgentTraceRecord.TracedRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a traced file's {@code conversations} for {@link AgentTraceParser}: each conversation's
 * contributor and ranges, a range's own contributor overriding its conversation's.
 */
final class AgentTraceConversations {
  private final JsonParser parser;
  private final int lineOffset;

  AgentTraceConversations(JsonParser parser, int lineOffset) {
    this.parser = parser;
    this.lineOffset = lineOffset;
  }

  List<Conversation> conversations(String field)
      throws IOException, MalformedAttributionDataException {
    List<Conversation> conversations = new ArrayList<>();
    if (JsonFields.array(parser, field, lineOffset)) {
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        String where = field + "[" + conversations.size() + "]";
        requireObject(where);
        String url = null;
        Contributor contributor = Contributor.NONE;
        List<TracedRange> ranges = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          switch (name) {
            case "url" -> url = text(where + ".url");
            case "contributor" -> contributor = contributor(where + ".contributor");
            case "ranges" -> ranges = ranges(where + ".ranges");
            default -> parser.skipChildren();
          }
        }
        ContributorType type =
            contributor.type() == null ? ContributorType.UNKNOWN : contributor.type();
        conversations.add(
            new Conversation(
                url, type, contributor.modelId(), required(ranges, where + ".ranges", where)));
      }
    }
    return conversations;
  }

  private List<TracedRange> ranges(String field)
      throws IOException, MalformedAttributionDataException {
    List<TracedRange> ranges = new ArrayList<>();
    if (JsonFields.array(parser, field, lineOffset)) {
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        String where = field + "[" + ranges.size() + "]";
        requireObject(where);
        Integer start = null;
        Integer end = null;
        String contentHash = null;
        Contributor contributor = Contributor.NONE;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          switch (name) {
            case "start_line" ->
                start = JsonFields.integer(parser, where + ".start_line", lineOffset);
            case "end_line" -> end = JsonFields.integer(parser, where + ".end_line", lineOffset);
            case "content_hash" -> contentHash = text(where + ".content_hash");
            case "contributor" -> contributor = contributor(where + ".contributor");
            default -> parser.skipChildren();
          }
        }
        int first = required(start, where + ".start_line", where);
        int last = required(end, where + ".end_line", where);
        if (first < 1 || last < first) {
          throw new MalformedAttributionDataException(
              "'" + where + "' needs 1 <= start_line <= end_line",
              first + "-" + last,
              JsonFields.line(parser, lineOffset));
        }
        ranges.add(new TracedRange(new LineRange(first, last), contentHash, contributor.type()));
      }
    }
    return ranges;
  }

  /** A {@code contributor} object; a conversation or range without one is {@link #NONE}. */
  private record Contributor(@Nullable ContributorType type, @Nullable String modelId) {
    static final Contributor NONE = new Contributor(null, null);
  }

  private Contributor contributor(String field)
      throws IOException, MalformedAttributionDataException {
    ContributorType type = null;
    String modelId = null;
    if (JsonFields.object(parser, field, lineOffset)) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals("type")) {
          String value = String.valueOf(text(field + ".type"));
          type = ContributorType.fromJson(value).orElse(null);
          if (type == null) {
            throw new MalformedAttributionDataException(
                "field '" + field + ".type' must be human, ai, mixed or unknown",
                value,
                JsonFields.line(parser, lineOffset));
          }
        } else if (name.equals("model_id")) {
          modelId = text(field + ".model_id");
        } else {
          parser.skipChildren();
        }
      }
    }
    return new Contributor(type, modelId);
  }

  private @Nullable String text(String field)
      throws IOException, MalformedAttributionDataException {
    return JsonFields.text(parser, field, lineOffset);
  }

  private void requireObject(String field) throws IOException, MalformedAttributionDataException {
    JsonFields.requireObject(parser, field, lineOffset);
  }

  private <T> T required(@Nullable T value, String field, String context)
      throws MalformedAttributionDataException {
    return JsonFields.required(value, field, context, parser, lineOffset);
  }
}
