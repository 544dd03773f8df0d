package dev.goodhart.metrics.usage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as ccusage writes them: UTC with milliseconds, {@code 2026-03-01T09:00:00.000Z}. */
public final class Instants {
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Instants() {}

  public static String format(Instant instant) {
    return MILLIS.format(instant);
  }
}
