package dev.goodhart.git.attribution;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of a field's value from a Jackson streaming parser, for the git-ai note metadata and
 * Agent Trace records. A value of the wrong type is malformed input, reported with the field's name
 * and the value.
 */
final class JsonFields {
  /**
   * Notes and trace records nest a handful of levels; a deeper document is damage, and refusing it
   * early keeps a hostile one from costing stack.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(100).build())
          .build();

  private static final Pattern JACKSON_SOURCE =
      Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");

  private JsonFields() {}

  static JsonParser parser(String json) throws IOException {
    return FACTORY.createParser(json);
  }

  /** A string, or null for JSON null or when the field holds nothing usable. */
  static @Nullable String text(JsonParser parser, String field, int lineOffset)
      throws IOException, MalformedAttributionDataException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    throw wrongType(parser, field, "a string", lineOffset);
  }

  /** A whole number that fits an int. */
  static int integer(JsonParser parser, String field, int lineOffset)
      throws IOException, MalformedAttributionDataException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() != JsonParser.NumberType.INT) {
      throw wrongType(parser, field, "a whole number", lineOffset);
    }
    return parser.getIntValue();
  }

  /** Requires an object (true) or null (false: nothing to read). */
  static boolean object(JsonParser parser, String field, int lineOffset)
      throws IOException, MalformedAttributionDataException {
    return opens(parser, JsonToken.START_OBJECT, field, "an object", lineOffset);
  }

  /** Requires an array (true) or null (false: nothing to read). */
  static boolean array(JsonParser parser, String field, int lineOffset)
      throws IOException, MalformedAttributionDataException {
    return opens(parser, JsonToken.START_ARRAY, field, "an array", lineOffset);
  }

  private static boolean opens(
      JsonParser parser, JsonToken expected, String field, String description, int lineOffset)
      throws IOException, MalformedAttributionDataException {
    JsonToken token = parser.currentToken();
    if (token == expected) {
      return true;
    }
    if (token == JsonToken.VALUE_NULL) {
      return false;
    }
    throw wrongType(parser, field, description, lineOffset);
  }

  static void requireObject(JsonParser parser, String field, int lineOffset)
      throws IOException, MalformedAttributionDataException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw wrongType(parser, field, "an object", lineOffset);
    }
  }

  /**
   * A field the format requires.
   *
   * @param context where the field was looked for, quoted in the message
   */
  static <T> T required(
      @Nullable T value, String field, String context, JsonParser parser, int lineOffset)
      throws MalformedAttributionDataException {
    if (value == null) {
      throw new MalformedAttributionDataException(
          "field '" + field + "' is required", context, line(parser, lineOffset));
    }
    return value;
  }

  /** After the closing brace of the document: nothing but white space may follow. */
  static void requireEnd(JsonParser parser, int lineOffset)
      throws IOException, MalformedAttributionDataException {
    JsonToken token = parser.nextToken();
    if (token != null) {
      throw new MalformedAttributionDataException(
          "text follows the end of the JSON object", parser.getText(), line(parser, lineOffset));
    }
  }

  static MalformedAttributionDataException wrongType(
      JsonParser parser, String field, String expected, int lineOffset) throws IOException {
    JsonToken token = parser.currentToken();
    String found =
        token == JsonToken.START_OBJECT
            ? "{"
            : token == JsonToken.START_ARRAY ? "[" : String.valueOf(parser.getText());
    return new MalformedAttributionDataException(
        "field '" + field + "' must be " + expected, found, line(parser, lineOffset));
  }

  /** Jackson's complaint about text that is not JSON, with the line it is on. */
  static MalformedAttributionDataException notJson(IOException e, String json, int lineOffset) {
    String reason =
        e instanceof JsonProcessingException processing
            ? processing.getOriginalMessage()
            : e.getMessage();
    int line = lineOffset;
    if (e instanceof JsonProcessingException processing && processing.getLocation() != null) {
      line = lineOffset + Math.max(1, processing.getLocation().getLineNr());
    }
    String firstLine =
        reason == null ? e.getClass().getSimpleName() : reason.lines().findFirst().orElse("");
    // Jackson names its source where the input's own line and column are what a person needs.
    String readable = JACKSON_SOURCE.matcher(firstLine).replaceAll("line $1, column $2");
    return new MalformedAttributionDataException("invalid JSON (" + readable + ")", json, line, e);
  }

  /** The input's 1-based line the parser is on. */
  static int line(JsonParser parser, int lineOffset) {
    JsonLocation location = parser.currentLocation();
    return lineOffset + Math.max(1, location.getLineNr());
  }
}
