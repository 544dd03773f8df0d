package dev.goodhart.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.goodhart.ingest.BadRecordException;
import java.io.IOException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads from a Jackson streaming parser positioned on a field's value. Every mismatch becomes
 * a {@link BadRecordException} that names the field and quotes the value, so a user can find the
 * record.
 */
public final class JsonRecords {
  /**
   * The longest record goodhart reads; longer lines are reported and skipped without being held in
   * memory.
   */
  public static final int MAX_RECORD_BYTES = 64 << 20;

  /**
   * No request reads or writes a quadrillion tokens; a larger count is damage, and rejecting it
   * keeps every sum of a few counts far from overflow.
   */
  public static final long MAX_COUNT = 1_000_000_000_000_000L;

  /**
   * No request costs a billion dollars, no price is that high, and no amount needs more than 50
   * decimals. A value beyond these limits is damage, and rejecting it keeps arithmetic on amounts
   * (the store's rounding to 18 decimals, prices per million tokens) cheap and within range.
   */
  private static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(1_000_000_000);

  private static final int MAX_AMOUNT_DECIMALS = 50;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(MAX_RECORD_BYTES)
                  .maxDocumentLength(MAX_RECORD_BYTES + 1L)
                  .maxNestingDepth(500)
                  .maxNumberLength(100)
                  .build())
          .build();

  private JsonRecords() {}

  /** A parser over one record; the caller closes it. */
  public static JsonParser parser(byte[] bytes, int offset, int length) throws BadRecordException {
    requireNoLeadingNul(bytes, offset, length);
    try {
      return FACTORY.createParser(bytes, offset, length);
    } catch (IOException e) {
      throw new BadRecordException("cannot open the record as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A NUL byte is no part of any JSON text, but among the first four it makes Jackson read the
   * record as UTF-16 or UTF-32, and its complaint then counts bytes from the start of the buffer,
   * not of the record. What puts NULs there is a crash that left a file zero-filled.
   */
  private static void requireNoLeadingNul(byte[] bytes, int offset, int length)
      throws BadRecordException {
    for (int i = offset; i < offset + Math.min(length, 4); i++) {
      if (bytes[i] == 0) {
        throw new BadRecordException(
            "not UTF-8 JSON: byte %d of the record is NUL (zero-filled by a crash, or UTF-16)"
                .formatted(i - offset + 1));
      }
    }
  }

  /** Reads one field of a record; the parser stands on its value, which the reader consumes. */
  @FunctionalInterface
  public interface FieldReader {
    void read(JsonParser parser, String field) throws IOException, BadRecordException;
  }

  /**
   * Reads a record that is one JSON object, handing each of its fields to {@code reader} in order;
   * anything after the object, or JSON that does not parse, is a bad record.
   */
  public static void readObject(byte[] bytes, int offset, int length, FieldReader reader)
      throws BadRecordException {
    try (JsonParser parser = parser(bytes, offset, length)) {
      startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        reader.read(parser, field);
      }
      endOfRecord(parser);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** Moves to the record's first token, which must open an object. */
  public static void startObject(JsonParser parser) throws IOException, BadRecordException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.START_OBJECT) {
      throw new BadRecordException("expected a JSON object, found " + describe(token, parser));
    }
  }

  /** After the record's closing brace: nothing but white space may follow. */
  public static void endOfRecord(JsonParser parser) throws IOException, BadRecordException {
    JsonToken token = parser.nextToken();
    if (token != null) {
      throw new BadRecordException(
          "unexpected " + describe(token, parser) + " after the end of the JSON object");
    }
  }

  /**
   * Turns Jackson's complaint about malformed JSON into a bad record that says where in the line it
   * is.
   */
  public static BadRecordException malformed(IOException e) {
    String message =
        e instanceof com.fasterxml.jackson.core.JsonProcessingException json
            ? json.getOriginalMessage()
            : e.getMessage();
    if (message == null) {
      message = e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    if (newline > 0) {
      message = message.substring(0, newline);
    }
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json
        && json.getLocation() != null) {
      long column = json.getLocation().getColumnNr();
      if (column > 0) {
        message = message + " (column " + column + ")";
      }
    }
    return new BadRecordException("invalid JSON: " + message, e);
  }

  /** A string value, or null for JSON null; any other type is a bad record. */
  public static @Nullable String text(JsonParser parser, String field)
      throws IOException, BadRecordException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    throw wrongType(parser, field, "a string");
  }

  /**
   * An identifier: a string, or a whole number as its digits (a database row's integer id); null
   * for JSON null.
   */
  public static @Nullable String identifier(JsonParser parser, String field)
      throws IOException, BadRecordException {
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return parser.getText();
    }
    if (parser.currentToken() == JsonToken.VALUE_STRING
        || parser.currentToken() == JsonToken.VALUE_NULL) {
      return text(parser, field);
    }
    throw wrongType(parser, field, "a string or a whole number");
  }

  /** A count: a whole number from 0 up; null for JSON null. */
  public static long count(JsonParser parser, String field) throws IOException, BadRecordException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (token != JsonToken.VALUE_NUMBER_INT) {
      throw wrongType(parser, field, "a whole number");
    }
    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw new BadRecordException(
          "field '%s' is too large: '%s'".formatted(field, parser.getText()));
    }
    long value = parser.getLongValue();
    if (value < 0) {
      throw new BadRecordException(
          "field '%s' must not be negative, found '%d'".formatted(field, value));
    }
    if (value > MAX_COUNT) {
      throw new BadRecordException("field '%s' is implausibly large: '%d'".formatted(field, value));
    }
    return value;
  }

  /** A boolean; null counts as false. */
  public static boolean bool(JsonParser parser, String field)
      throws IOException, BadRecordException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL) {
      return false;
    }
    throw wrongType(parser, field, "true or false");
  }

  /**
   * An amount of money as the exact decimal the JSON text spells, never through a double; null for
   * JSON null.
   */
  public static @Nullable BigDecimal money(JsonParser parser, String field)
      throws IOException, BadRecordException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw wrongType(parser, field, "a number");
    }
    BigDecimal value;
    try {
      value = parser.getDecimalValue();
    } catch (NumberFormatException e) {
      // An exponent beyond what BigDecimal holds (1e999999999999) is no amount either.
      throw new BadRecordException(
          "field '%s' is not a plausible amount: '%s'".formatted(field, parser.getText()), e);
    }
    if (value.signum() < 0) {
      throw new BadRecordException(
          "field '%s' must not be negative, found '%s'".formatted(field, value));
    }
    if (!isPlausibleAmount(value)) {
      throw new BadRecordException(
          "field '%s' is not a plausible amount: '%s'".formatted(field, parser.getText()));
    }
    return value;
  }

  /** Whether a non-negative amount of money is below a billion and has at most 50 decimals. */
  public static boolean isPlausibleAmount(BigDecimal value) {
    return value.compareTo(MAX_AMOUNT) < 0
        && value.stripTrailingZeros().scale() <= MAX_AMOUNT_DECIMALS;
  }

  /** Requires an object (returns true) or null (returns false, nothing to read). */
  public static boolean object(JsonParser parser, String field)
      throws BadRecordException, IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      return true;
    }
    if (token == JsonToken.VALUE_NULL) {
      return false;
    }
    throw wrongType(parser, field, "an object");
  }

  /** Requires an array (returns true) or null (returns false). */
  public static boolean array(JsonParser parser, String field)
      throws BadRecordException, IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_ARRAY) {
      return true;
    }
    if (token == JsonToken.VALUE_NULL) {
      return false;
    }
    throw wrongType(parser, field, "an array");
  }

  public static BadRecordException wrongType(JsonParser parser, String field, String expected)
      throws IOException {
    return new BadRecordException(
        "field '%s' must be %s, found %s"
            .formatted(field, expected, describe(parser.currentToken(), parser)));
  }

  private static String describe(@Nullable JsonToken token, JsonParser parser) throws IOException {
    if (token == null) {
      return "the end of the record";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "'\"" + abbreviate(parser.getText()) + "\"'";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL ->
          "'" + abbreviate(parser.getText()) + "'";
      default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
    };
  }

  static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
