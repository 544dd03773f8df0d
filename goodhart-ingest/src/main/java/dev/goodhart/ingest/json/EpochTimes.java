package dev.goodhart.ingest.json;

import dev.goodhart.ingest.BadRecordException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Times written as numbers since the epoch: milliseconds (pi's and OpenClaw's messages), seconds
 * with a fraction (Kimi CLI's wire records), or either (Codebuff). Held to the window {@link
 * IsoTimes} holds text times to, 1970 to 2100, so that a damaged number never becomes a date.
 */
public final class EpochTimes {
  /**
   * Below this a number is seconds, above it milliseconds: 10^11 seconds is the year 5138, 10^11
   * milliseconds is March 1973, so no plausible time is ambiguous.
   */
  private static final BigDecimal SECONDS_BELOW = BigDecimal.valueOf(100_000_000_000L);

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  /** 2100-01-01T00:00:00Z: checked before the nanoseconds of a later time overflow a long. */
  private static final BigDecimal LATEST_SECONDS = BigDecimal.valueOf(4_102_444_800L);

  private EpochTimes() {}

  public static Instant ofMillis(long millis, String field) throws BadRecordException {
    return plausible(Instant.ofEpochMilli(millis), field, Long.toString(millis));
  }

  /** Seconds with an exact fraction, to the nanosecond. */
  public static Instant ofSeconds(BigDecimal seconds, String field) throws BadRecordException {
    requireModest(seconds, field);
    if (seconds.signum() < 0 || seconds.compareTo(LATEST_SECONDS) > 0) {
      throw implausible(field, seconds.toPlainString());
    }
    BigDecimal nanos = seconds.setScale(9, RoundingMode.DOWN).movePointRight(9);
    long total = nanos.longValueExact();
    return plausible(
        Instant.ofEpochSecond(total / 1_000_000_000L, total % 1_000_000_000L),
        field,
        seconds.toPlainString());
  }

  /** A number that is seconds when below 10^11 and milliseconds from there. */
  public static Instant ofSecondsOrMillis(BigDecimal value, String field)
      throws BadRecordException {
    requireModest(value, field);
    if (value.compareTo(SECONDS_BELOW) < 0) {
      return ofSeconds(value, field);
    }
    BigDecimal seconds = value.divide(THOUSAND);
    if (seconds.compareTo(SECONDS_BELOW) >= 0) {
      throw implausible(field, value.toPlainString());
    }
    return ofSeconds(seconds, field);
  }

  /**
   * Rejects a number no time is written as ({@code 1e2147483648}, 40 fraction digits) before any
   * arithmetic: comparing or scaling such a decimal overflows BigDecimal's own exponent.
   */
  public static void requireModest(BigDecimal value, String field) throws BadRecordException {
    long integerDigits = (long) value.precision() - value.scale();
    if (integerDigits > 30 || value.scale() > 30) {
      throw implausible(field, value.toString());
    }
  }

  private static Instant plausible(Instant time, String field, String text)
      throws BadRecordException {
    if (!IsoTimes.isPlausible(time)) {
      throw implausible(field, text);
    }
    return time;
  }

  private static BadRecordException implausible(String field, String text) {
    return new BadRecordException(
        "field '%s' is not a plausible time (1970 to 2100): '%s'"
            .formatted(field, JsonRecords.abbreviate(text)));
  }
}
