package dev.goodhart.ingest.otlp;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.json.JsonRecords;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Attribute values as agents send them. The same number arrives as an {@code intValue}, a {@code
 * doubleValue} or a numeric {@code stringValue} depending on the agent and its version (Claude Code
 * before v2.1.122 and Codex's Display-formatted fields send strings): every reader here accepts all
 * three.
 */
final class OtlpValues {
  private static final Pattern DECIMAL =
      Pattern.compile("-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  private static final BigDecimal MAX_COUNT = BigDecimal.valueOf(JsonRecords.MAX_COUNT);

  private OtlpValues() {}

  /** A scalar as text (numbers and booleans too); null for no value, an empty string, a list. */
  static @Nullable String text(@Nullable AnyValue value) {
    if (value == null) {
      return null;
    }
    String text =
        switch (value.getValueCase()) {
          case STRING_VALUE -> value.getStringValue();
          case INT_VALUE -> Long.toString(value.getIntValue());
          case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
          case DOUBLE_VALUE -> decimalText(value.getDoubleValue());
          default -> null;
        };
    return text == null || text.isEmpty() ? null : text;
  }

  /** A whole number from 0 to {@link JsonRecords#MAX_COUNT}; null when there is no value. */
  static @Nullable Long count(@Nullable AnyValue value, String key) throws BadRecordException {
    BigDecimal number = decimal(value, key);
    if (number == null) {
      return null;
    }
    if (number.signum() < 0) {
      throw new BadRecordException(
          "attribute '%s' must not be negative, found '%s'".formatted(key, shown(value)));
    }
    if (number.compareTo(MAX_COUNT) > 0) {
      throw new BadRecordException(
          "attribute '%s' is implausibly large: '%s'".formatted(key, shown(value)));
    }
    if (number.stripTrailingZeros().scale() > 0) {
      throw new BadRecordException(
          "attribute '%s' must be a whole number, found '%s'".formatted(key, shown(value)));
    }
    return number.longValueExact();
  }

  /**
   * A number as the exact decimal the sender wrote (a double as its shortest decimal form); null
   * when there is no value.
   */
  static @Nullable BigDecimal decimal(@Nullable AnyValue value, String key)
      throws BadRecordException {
    if (value == null) {
      return null;
    }
    switch (value.getValueCase()) {
      case INT_VALUE -> {
        return BigDecimal.valueOf(value.getIntValue());
      }
      case DOUBLE_VALUE -> {
        double number = value.getDoubleValue();
        if (!Double.isFinite(number)) {
          throw new BadRecordException(
              "attribute '%s' must be a finite number, found '%s'".formatted(key, number));
        }
        return new BigDecimal(decimalText(number));
      }
      case STRING_VALUE -> {
        String text = value.getStringValue().strip();
        if (text.isEmpty()) {
          return null;
        }
        if (text.length() > 40 || !DECIMAL.matcher(text).matches()) {
          throw new BadRecordException(
              "attribute '%s' must be a number, found '%s'".formatted(key, shown(value)));
        }
        BigDecimal number;
        try {
          number = new BigDecimal(text);
        } catch (NumberFormatException e) {
          // An exponent beyond what BigDecimal holds (1e9999999999) is no count either.
          throw new BadRecordException(
              "attribute '%s' is implausibly large: '%s'".formatted(key, shown(value)), e);
        }
        if (number.abs().compareTo(BigDecimal.TEN.pow(20)) > 0) {
          throw new BadRecordException(
              "attribute '%s' is implausibly large: '%s'".formatted(key, shown(value)));
        }
        return number;
      }
      case VALUE_NOT_SET -> {
        return null;
      }
      default ->
          throw new BadRecordException(
              "attribute '%s' must be a number, found %s"
                  .formatted(key, value.getValueCase().name().toLowerCase(java.util.Locale.ROOT)));
    }
  }

  /**
   * No agent's event predates the epoch its clock counts from, and a time after 2100 is damage (the
   * limit of every other reader's times too).
   */
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  /** OTLP's unsigned nanoseconds since the epoch, within 1970 to 2100. */
  static Instant instant(long nanos, String field) throws BadRecordException {
    Instant time =
        Instant.ofEpochSecond(
            Long.divideUnsigned(nanos, 1_000_000_000L),
            Long.remainderUnsigned(nanos, 1_000_000_000L));
    if (time.isAfter(LATEST)) {
      throw new BadRecordException(
          "'%s' is not a plausible time (1970 to 2100): '%s'"
              .formatted(field, Long.toUnsignedString(nanos)));
    }
    return time;
  }

  /** A double's shortest decimal form, without the {@code .0} of a whole number. */
  private static String decimalText(double number) {
    if (number == Math.rint(number) && Math.abs(number) < 1e15) {
      return Long.toString((long) number);
    }
    return Double.toString(number);
  }

  /** A value as an error message quotes it. */
  static String shown(@Nullable AnyValue value) {
    if (value == null) {
      return "";
    }
    String text = text(value);
    return abbreviate(text != null ? text : value.getValueCase().name());
  }

  /** At most 60 characters, on one line: enough to recognise a value in a message. */
  static String abbreviate(String text) {
    String shortened = text.length() <= 60 ? text : text.substring(0, 57) + "...";
    StringBuilder line = new StringBuilder(shortened.length());
    for (int i = 0; i < shortened.length(); i++) {
      char c = shortened.charAt(i);
      line.append(Character.isISOControl(c) ? '?' : c);
    }
    return line.toString();
  }

  /**
   * Writes a value as JSON: lists as arrays, key-value lists as objects with sorted keys (so that
   * two copies of one value write the same text), bytes as base64, non-finite doubles as strings.
   */
  static void writeJson(AnyValue value, JsonGenerator out) throws IOException {
    switch (value.getValueCase()) {
      case STRING_VALUE -> out.writeString(value.getStringValue());
      case BOOL_VALUE -> out.writeBoolean(value.getBoolValue());
      case INT_VALUE -> out.writeNumber(value.getIntValue());
      case DOUBLE_VALUE -> {
        double number = value.getDoubleValue();
        if (Double.isFinite(number)) {
          out.writeNumber(number);
        } else {
          out.writeString(Double.toString(number));
        }
      }
      case ARRAY_VALUE -> {
        out.writeStartArray();
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          writeJson(element, out);
        }
        out.writeEndArray();
      }
      case KVLIST_VALUE -> writeJson(value.getKvlistValue().getValuesList(), out);
      case BYTES_VALUE ->
          out.writeString(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
      default -> out.writeNull();
    }
  }

  /** Key-value pairs as a JSON object with sorted keys; of a repeated key, the first is kept. */
  static void writeJson(List<KeyValue> pairs, JsonGenerator out) throws IOException {
    out.writeStartObject();
    String previous = null;
    for (KeyValue pair : sorted(pairs)) {
      if (!pair.getKey().equals(previous)) {
        out.writeFieldName(pair.getKey());
        writeJson(pair.getValue(), out);
        previous = pair.getKey();
      }
    }
    out.writeEndObject();
  }

  /** Sorted by key; a stable sort, so that of a repeated key the first sent stays first. */
  static List<KeyValue> sorted(List<KeyValue> pairs) {
    List<KeyValue> sorted = new ArrayList<>(pairs);
    sorted.sort(Comparator.comparing(KeyValue::getKey));
    return sorted;
  }
}
