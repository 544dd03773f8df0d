package dev.goodhart.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Fields whose value may be unknown: every JSON document goodhart writes spells an unknown value as
 * {@code null}, never leaves the field out, so that scripts find every field on every row.
 */
public final class JsonFields {
  private JsonFields() {}

  public static void text(JsonGenerator json, String field, @Nullable String value)
      throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeStringField(field, value);
    }
  }

  public static void number(JsonGenerator json, String field, @Nullable Integer value)
      throws IOException {
    number(json, field, value == null ? null : value.longValue());
  }

  public static void number(JsonGenerator json, String field, @Nullable Long value)
      throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }
}
