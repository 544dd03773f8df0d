package dev.goodhart.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * OTLP/JSON into OTLP's messages. OTLP/JSON is protobuf's JSON mapping with one difference: trace
 * and span ids are hex, where protobuf's {@link JsonFormat} reads every bytes field as base64 (and
 * silently reads a 32-digit hex trace id as 24 wrong bytes). So the body is first copied, field by
 * field along the message's descriptor, into the JSON that {@link JsonFormat} expects: ids turned
 * into base64, unknown fields and nulls dropped, numbers checked against their field's type. That
 * copy is also where a wrong value is found, with its field path and its line and column, which
 * {@link JsonFormat}'s own messages lack.
 */
final class OtlpJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  /**
   * Deeper than any exporter nests messages (an attribute holding lists of lists); protobuf's
   * parsers give up at 100, and this stays clear of that.
   */
  private static final int MAX_DEPTH = 64;

  /** The bytes fields OTLP/JSON writes as hex; every other bytes field is base64. */
  private static final Set<String> HEX_IDS = Set.of("trace_id", "span_id", "parent_span_id");

  private static final Pattern NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  /** How Jackson names a place in its messages: {@code [Source: ...; line: 2, column: 15]}. */
  private static final Pattern SOURCE =
      Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");

  private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS =
      new ConcurrentHashMap<>();

  private final JsonParser in;
  private final JsonGenerator out;
  private final FieldPath path = new FieldPath();

  private OtlpJson(JsonParser in, JsonGenerator out) {
    this.in = in;
    this.out = out;
  }

  /** Reads an OTLP/JSON body into the builder; an empty body is an empty request. */
  static void merge(byte[] body, Message.Builder builder) throws OtlpFormatException {
    Descriptor type = builder.getDescriptorForType();
    StringWriter copy = new StringWriter(body.length + 16);
    try (JsonParser in = FACTORY.createParser(body);
        JsonGenerator out = FACTORY.createGenerator(copy)) {
      new OtlpJson(in, out).request(type, body);
    } catch (IOException e) {
      // Reading a byte array and writing a string fail only through the parser's own checks,
      // which request() turns into OtlpFormatException.
      throw new OtlpFormatException(
          "the OTLP/JSON body could not be read: " + e.getMessage(), null, e);
    }
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(copy.toString(), builder);
    } catch (InvalidProtocolBufferException e) {
      throw new OtlpFormatException(
          "the OTLP/JSON body is no valid %s: %s".formatted(type.getName(), e.getMessage()),
          null,
          e);
    }
  }

  private void request(Descriptor type, byte[] body) throws IOException, OtlpFormatException {
    try {
      JsonToken first = in.nextToken();
      if (first == null) {
        out.writeStartObject();
        out.writeEndObject();
        return;
      }
      if (first != JsonToken.START_OBJECT) {
        throw fail(
            "must be a JSON object such as {\"%s\": [...]}"
                .formatted(type.getFields().getFirst().getJsonName()));
      }
      message(type, 0);
      if (in.nextToken() != null) {
        throw fail("must hold one JSON object, but more follows it");
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line %d, column %d".formatted(at.getLineNr(), at.getColumnNr());
      String inside = path.isEmpty() ? "" : " inside '" + path + "'";
      throw new OtlpFormatException(
          "the OTLP/JSON body is not valid JSON%s%s: %s%s"
              .formatted(
                  where,
                  inside,
                  jacksonMessage(e.getOriginalMessage()),
                  OtlpDecoder.hint(body, OtlpEncoding.JSON)),
          path.isEmpty() ? where.strip() : path + where,
          e);
    }
  }

  /** Jackson's message, with its own note of a place cut down to the line and column. */
  private static String jacksonMessage(String message) {
    return SOURCE.matcher(message).replaceAll("line $1, column $2");
  }

  private void message(Descriptor type, int depth) throws IOException, OtlpFormatException {
    if (depth > MAX_DEPTH) {
      throw fail("nests messages more than " + MAX_DEPTH + " levels deep");
    }
    out.writeStartObject();
    Set<FieldDescriptor> seen = new HashSet<>();
    Map<OneofDescriptor, String> chosen = new HashMap<>();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String name = in.currentName();
      FieldDescriptor field = fields(type).get(name);
      JsonToken value = in.nextToken();
      if (field == null) {
        in.skipChildren(); // OTLP/JSON receivers ignore fields they do not know
        continue;
      }
      if (value == JsonToken.VALUE_NULL) {
        continue; // protobuf's JSON mapping: null is the default value
      }
      path.push(name);
      if (!seen.add(field)) {
        throw fail("appears twice in one object");
      }
      OneofDescriptor oneof = field.getRealContainingOneof();
      if (oneof != null) {
        String other = chosen.putIfAbsent(oneof, name);
        if (other != null) {
          throw fail("cannot be set beside '%s' (only one of them may be)".formatted(other));
        }
      }
      out.writeFieldName(field.getJsonName());
      if (field.isRepeated()) {
        repeated(field, depth);
      } else {
        single(field, depth);
      }
      path.pop();
    }
    out.writeEndObject();
  }

  private void repeated(FieldDescriptor field, int depth) throws IOException, OtlpFormatException {
    if (in.currentToken() != JsonToken.START_ARRAY) {
      throw fail("must be an array");
    }
    out.writeStartArray();
    int index = 0;
    while (in.nextToken() != JsonToken.END_ARRAY) {
      path.index(index++);
      if (in.currentToken() == JsonToken.VALUE_NULL) {
        throw fail("must not be null (an array element)");
      }
      single(field, depth);
    }
    out.writeEndArray();
  }

  private void single(FieldDescriptor field, int depth) throws IOException, OtlpFormatException {
    switch (field.getJavaType()) {
      case MESSAGE -> {
        if (in.currentToken() != JsonToken.START_OBJECT) {
          throw fail("must be an object");
        }
        message(field.getMessageType(), depth + 1);
      }
      case INT -> out.writeNumber(integer(field).longValue());
      case LONG -> out.writeString(integer(field).toString());
      case FLOAT, DOUBLE -> real(field);
      case BOOLEAN -> bool();
      case STRING -> text();
      case BYTE_STRING -> bytes(field);
      case ENUM -> out.writeNumber(enumNumber(field.getEnumType()));
    }
  }

  /** A whole number in its field's range, given as a JSON number or as a string of one. */
  private BigInteger integer(FieldDescriptor field) throws IOException, OtlpFormatException {
    BigInteger min;
    BigInteger max;
    switch (field.getType()) {
      case UINT32, FIXED32 -> {
        min = BigInteger.ZERO;
        max = BigInteger.valueOf(0xffff_ffffL);
      }
      case UINT64, FIXED64 -> {
        min = BigInteger.ZERO;
        max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
      }
      case INT64, SINT64, SFIXED64 -> {
        min = BigInteger.valueOf(Long.MIN_VALUE);
        max = BigInteger.valueOf(Long.MAX_VALUE);
      }
      default -> {
        min = BigInteger.valueOf(Integer.MIN_VALUE);
        max = BigInteger.valueOf(Integer.MAX_VALUE);
      }
    }
    String rule = "must be a whole number from %s to %s".formatted(min, max);
    BigDecimal value = number(rule);
    if (value.compareTo(new BigDecimal(min)) < 0
        || value.compareTo(new BigDecimal(max)) > 0
        || value.stripTrailingZeros().scale() > 0) {
      throw fail(rule);
    }
    return value.toBigIntegerExact();
  }

  /** A JSON number, or a string holding one as JSON spells numbers (OTLP/JSON's 64-bit ints). */
  private BigDecimal number(String rule) throws IOException, OtlpFormatException {
    JsonToken token = in.currentToken();
    if (token != JsonToken.VALUE_NUMBER_INT
        && token != JsonToken.VALUE_NUMBER_FLOAT
        && token != JsonToken.VALUE_STRING) {
      throw fail(rule);
    }
    String text = in.getText();
    if (text.length() > 100 || !NUMBER.matcher(text).matches()) {
      throw fail(rule);
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw fail(rule); // an exponent beyond what BigDecimal holds: 1e9999999999
    }
  }

  private void real(FieldDescriptor field) throws IOException, OtlpFormatException {
    JsonToken token = in.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      String text = in.getText();
      if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
        out.writeString(text);
        return;
      }
    }
    String rule = "must be a number";
    number(rule);
    String text = in.getText();
    double value = Double.parseDouble(text);
    float limit = field.getJavaType() == FieldDescriptor.JavaType.FLOAT ? Float.MAX_VALUE : 0;
    if (Double.isInfinite(value) || (limit > 0 && Math.abs(value) > limit)) {
      throw fail("is out of range for a " + field.getType().name().toLowerCase(Locale.ROOT));
    }
    out.writeNumber(text);
  }

  private void bool() throws IOException, OtlpFormatException {
    JsonToken token = in.currentToken();
    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      out.writeBoolean(token == JsonToken.VALUE_TRUE);
    } else if (token == JsonToken.VALUE_STRING
        && (in.getText().equals("true") || in.getText().equals("false"))) {
      out.writeBoolean(in.getText().equals("true"));
    } else {
      throw fail("must be true or false");
    }
  }

  private void text() throws IOException, OtlpFormatException {
    if (!in.currentToken().isScalarValue()) {
      throw fail("must be a string");
    }
    out.writeString(in.getText());
  }

  private void bytes(FieldDescriptor field) throws IOException, OtlpFormatException {
    boolean id = HEX_IDS.contains(field.getName());
    String rule =
        id
            ? "must be a hex-encoded id such as '5b8efff798038103d269b633813fc60c'"
            : "must be base64-encoded bytes";
    if (in.currentToken() != JsonToken.VALUE_STRING) {
      throw fail(rule);
    }
    String text = in.getText();
    // Ids are hex by OTLP's rule; some old exporters sent base64, which is still read.
    byte[] value = id ? hex(text) : null;
    if (value == null) {
      value = base64(text);
    }
    if (value == null) {
      throw fail(rule);
    }
    out.writeString(Base64.getEncoder().encodeToString(value));
  }

  private static byte @Nullable [] hex(String text) {
    if (text.length() % 2 != 0) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return null;
      }
    }
    return HexFormat.of().parseHex(text);
  }

  private static byte @Nullable [] base64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      try {
        return Base64.getUrlDecoder().decode(text);
      } catch (IllegalArgumentException again) {
        return null;
      }
    }
  }

  /**
   * An enum as its number or its name ({@code AGGREGATION_TEMPORALITY_DELTA}, or just {@code
   * DELTA}); an unknown name reads as the default, as protobuf's JSON parser does when it ignores
   * unknown fields.
   */
  private int enumNumber(EnumDescriptor type) throws IOException, OtlpFormatException {
    JsonToken token = in.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return integerOfEnum();
    }
    if (token != JsonToken.VALUE_STRING) {
      throw fail("must be the number or the name of a " + type.getName());
    }
    String name = in.getText();
    EnumValueDescriptor value = type.findValueByName(name);
    if (value != null) {
      return value.getNumber();
    }
    String suffix = "_" + name.toUpperCase(Locale.ROOT);
    for (EnumValueDescriptor candidate : type.getValues()) {
      if (!name.isEmpty() && candidate.getName().endsWith(suffix)) {
        return candidate.getNumber();
      }
    }
    if (NUMBER.matcher(name).matches()) {
      return integerOfEnum();
    }
    return 0;
  }

  private int integerOfEnum() throws IOException, OtlpFormatException {
    String rule =
        "must be a whole number from %d to %d".formatted(Integer.MIN_VALUE, Integer.MAX_VALUE);
    BigDecimal value = number(rule);
    if (value.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
        || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
        || value.stripTrailingZeros().scale() > 0) {
      throw fail(rule);
    }
    return value.intValueExact();
  }

  /** A message's fields by the names OTLP/JSON may use: lowerCamelCase, or the proto names. */
  private static Map<String, FieldDescriptor> fields(Descriptor type) {
    return FIELDS.computeIfAbsent(
        type,
        t -> {
          Map<String, FieldDescriptor> byName = new HashMap<>();
          for (FieldDescriptor field : t.getFields()) {
            byName.put(field.getName(), field);
            byName.put(field.getJsonName(), field);
          }
          return Map.copyOf(byName);
        });
  }

  private OtlpFormatException fail(String rule) {
    JsonLocation at = in.currentTokenLocation();
    String where = "line %d, column %d".formatted(at.getLineNr(), at.getColumnNr());
    String subject = path.isEmpty() ? "the OTLP/JSON body" : "OTLP/JSON field '" + path + "'";
    return new OtlpFormatException(
        "%s (%s) %s, found %s".formatted(subject, where, rule, found()),
        path.isEmpty() ? where : path + " (" + where + ")",
        null);
  }

  private String found() {
    JsonToken token = in.currentToken();
    if (token == null) {
      return "the end of the body";
    }
    try {
      return switch (token) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_STRING -> "'" + OtlpValues.abbreviate(in.getText()) + "'";
        case FIELD_NAME -> "field '" + OtlpValues.abbreviate(in.currentName()) + "'";
        default -> OtlpValues.abbreviate(in.getText());
      };
    } catch (IOException e) {
      return token.toString();
    }
  }
}
