package dev.goodhart.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parser's resumable state as a small JSON object of strings: stored with a file's checkpoint,
 * read back by the next import. Unknown or damaged state decodes as empty, which makes the importer
 * read the file from its start.
 */
public final class ParserState {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ParserState() {}

  public static String encode(Map<String, String> values) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.writeStartObject();
      for (Map.Entry<String, String> entry : values.entrySet()) {
        generator.writeStringField(entry.getKey(), entry.getValue());
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static Map<String, String> decode(String state) {
    Map<String, String> values = new LinkedHashMap<>();
    if (state.isEmpty()) {
      return values;
    }
    try (JsonParser parser = FACTORY.createParser(state)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Map.of();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        if (parser.nextToken() != JsonToken.VALUE_STRING) {
          return Map.of();
        }
        values.put(key, parser.getText());
      }
    } catch (IOException e) {
      return Map.of();
    }
    return values;
  }
}
