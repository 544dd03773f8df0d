package dev.goodhart.ingest.json;

import dev.goodhart.ingest.BadRecordException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 times as agent logs write them ({@code 2026-03-01T09:00:02.000Z}). The common shape is
 * parsed by hand, because a log of a million requests spends noticeable time in {@code
 * Instant.parse}; any other shape goes through {@link OffsetDateTime#parse}.
 */
public final class IsoTimes {
  /**
   * No agent log predates the epoch its clock counts from, and a time after 2100 is damage (the
   * limit OpenCode's millisecond times have too). Outside this window a time could also overflow
   * the store's microsecond timestamps, which end in the year 294,247.
   */
  private static final Instant EARLIEST = Instant.EPOCH;

  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  private IsoTimes() {}

  public static Instant parse(String text, String field) throws BadRecordException {
    Instant time = parseAnyShape(text, field);
    if (!isPlausible(time)) {
      throw new BadRecordException(
          "field '%s' is not a plausible time (1970 to 2100): '%s'"
              .formatted(field, JsonRecords.abbreviate(text)));
    }
    return time;
  }

  /** Whether a time lies in the window of plausible log times, 1970 to 2100. */
  static boolean isPlausible(Instant time) {
    return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
  }

  private static Instant parseAnyShape(String text, String field) throws BadRecordException {
    Instant fast = parseUtc(text);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException again) {
        throw new BadRecordException(
            "field '%s' is not an ISO-8601 time: '%s'"
                .formatted(field, JsonRecords.abbreviate(text)),
            again);
      }
    }
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, or null when the text has another shape. */
  private static Instant parseUtc(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(n - 1) != 'Z'
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (s.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
        return null;
      }
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = n - 21; i < 9; i++) {
        nanos *= 10;
      }
    } else if (s.charAt(19) != 'Z') {
      return null;
    }
    if (hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    try {
      long days = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    } catch (DateTimeException e) {
      return null; // e.g. month 13: the slow path produces the message
    }
  }

  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
