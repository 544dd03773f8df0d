package dev.goodhart.ingest.prices;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.json.JsonRecords;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON document as plain Java values (maps, lists, exact decimals, strings, booleans). Price
 * files are small, and prices must keep every digit the file spells, which is why numbers become
 * {@link BigDecimal}, never doubles.
 */
final class JsonValues {
  private JsonValues() {}

  static @Nullable Object read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      token = parser.nextToken();
    }
    if (token == null) {
      throw new IOException("the file is empty");
    }
    return switch (token) {
      case START_OBJECT -> {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          map.put(name, read(parser));
        }
        yield map;
      }
      case START_ARRAY -> {
        List<@Nullable Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(parser));
        }
        yield list;
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
      case VALUE_STRING -> parser.getText();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected " + token + " at " + parser.currentLocation());
    };
  }

  @SuppressWarnings("unchecked")
  static @Nullable Map<String, @Nullable Object> object(@Nullable Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, @Nullable Object>) map : null;
  }

  static @Nullable BigDecimal number(@Nullable Map<String, @Nullable Object> map, String key) {
    if (map == null) {
      return null;
    }
    // An implausible price (1e-2147483647) is no price, like a negative one: arithmetic on it
    // would overflow BigDecimal's scale.
    return map.get(key) instanceof BigDecimal number
            && number.signum() >= 0
            && JsonRecords.isPlausibleAmount(number)
        ? number
        : null;
  }
}
