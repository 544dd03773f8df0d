package dev.goodhart.ingest.sqlite;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonRecords;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The times agents keep in their databases: seconds or milliseconds since the epoch (a whole or
 * fractional number), or text, ISO-8601 or SQLite's own {@code CURRENT_TIMESTAMP} shape {@code
 * 2026-05-01 01:02:03} (UTC).
 */
public final class EpochTimes {
  /** Below this a number is seconds: as milliseconds it would fall before 1973. */
  private static final BigDecimal MILLISECONDS_FROM = BigDecimal.valueOf(100_000_000_000L);

  private static final BigDecimal LATEST_MILLIS = BigDecimal.valueOf(4_102_444_800_000L);

  private EpochTimes() {}

  /** The time at the parser's current value: a number, a text, or null for JSON null. */
  public static @Nullable Instant read(JsonParser parser, String field)
      throws IOException, BadRecordException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      BigDecimal number;
      try {
        number = parser.getDecimalValue();
      } catch (NumberFormatException e) {
        throw new BadRecordException(
            "field '%s' is not a plausible time: '%s'".formatted(field, parser.getText()), e);
      }
      return ofNumber(number, field);
    }
    String text = JsonRecords.text(parser, field);
    return text == null ? null : ofText(text, field);
  }

  public static Instant ofNumber(BigDecimal number, String field) throws BadRecordException {
    BigDecimal millis;
    try {
      millis = number.compareTo(MILLISECONDS_FROM) < 0 ? number.movePointRight(3) : number;
    } catch (ArithmeticException e) {
      millis = BigDecimal.ZERO; // an exponent no time has
    }
    if (millis.signum() <= 0 || millis.compareTo(LATEST_MILLIS) > 0) {
      throw new BadRecordException(
          "field '%s' is not a plausible time (1970 to 2100): '%s'"
              .formatted(field, number.toString()));
    }
    return Instant.ofEpochMilli(millis.longValue());
  }

  public static Instant ofText(String text, String field) throws BadRecordException {
    String trimmed = text.trim();
    if (trimmed.length() == 19 && (trimmed.charAt(10) == ' ' || trimmed.charAt(10) == 'T')) {
      trimmed = trimmed.substring(0, 10) + "T" + trimmed.substring(11) + "Z";
    } else if (trimmed.length() == 10) {
      trimmed = trimmed + "T00:00:00Z";
    } else if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
      return ofNumber(new BigDecimal(trimmed), field);
    }
    return IsoTimes.parse(trimmed, field);
  }
}
