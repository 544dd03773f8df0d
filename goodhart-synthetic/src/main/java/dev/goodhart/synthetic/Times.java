package dev.goodhart.synthetic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps the way the agents write them: UTC with milliseconds, always three digits. */
final class Times {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FILE_NAME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_FOLDERS =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private Times() {}

  static String iso(Instant at) {
    return ISO_MILLIS.format(at);
  }

  static String fileName(Instant at) {
    return FILE_NAME.format(at);
  }

  /** A rollout's file name time: the machine's local time. */
  static String fileName(Instant at, ZoneOffset zone) {
    return FILE_NAME.withZone(zone).format(at);
  }

  static String dayFolders(Instant at) {
    return DAY_FOLDERS.format(at);
  }

  static String dayFolders(Instant at, ZoneOffset zone) {
    return DAY_FOLDERS.withZone(zone).format(at);
  }
}
