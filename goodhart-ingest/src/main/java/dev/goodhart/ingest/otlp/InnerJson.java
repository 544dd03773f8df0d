package dev.goodhart.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A field of a JSON document that an agent sent as an attribute's string (Claude Code's {@code
 * tool_parameters}, Codex's shell {@code output}), or of a key-value list sent in its place.
 */
final class InnerJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private InnerJson() {}

  /** What the document's top-level field holds, whatever a parse error after it. */
  sealed interface Found {}

  /** The document has the field, as text (a number or boolean as it is spelled). */
  record Value(String text) implements Found {}

  /** The document is an object without the field (or with a null, an object or an array). */
  record Absent() implements Found {}

  /** The text is no JSON object, or breaks off before the field is found. */
  record NotJson() implements Found {}

  static Found field(@Nullable AnyValue value, String name) {
    if (value == null) {
      return new Absent();
    }
    if (value.hasKvlistValue()) {
      for (KeyValue pair : value.getKvlistValue().getValuesList()) {
        if (pair.getKey().equals(name)) {
          String text = OtlpValues.text(pair.getValue());
          return text != null ? new Value(text) : new Absent();
        }
      }
      return new Absent();
    }
    return value.hasStringValue() ? field(value.getStringValue(), name) : new NotJson();
  }

  static Found field(String document, String name) {
    try (JsonParser parser = FACTORY.createParser(document)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new NotJson();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean wanted = parser.currentName().equals(name);
        JsonToken token = parser.nextToken();
        if (wanted && token.isScalarValue() && token != JsonToken.VALUE_NULL) {
          return new Value(parser.getText());
        }
        parser.skipChildren();
      }
      return new Absent();
    } catch (IOException e) {
      return new NotJson(); // truncated by the agent's length limit, or no JSON at all
    }
  }
}
