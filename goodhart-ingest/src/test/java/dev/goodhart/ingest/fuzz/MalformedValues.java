package dev.goodhart.ingest.fuzz;

import java.util.List;

/**
 * The values mutations put into records: every JSON type, numbers at the edges of what the parsers
 * hold, impossible times, broken escapes and bytes that are no UTF-8. All are Latin-1 strings of
 * their bytes, like the records they go into.
 */
final class MalformedValues {
  private MalformedValues() {}

  /** One value of every JSON type, including strings that look like numbers and dates. */
  static final List<String> OTHER_TYPES =
      List.of(
          "\"text\"",
          "\"42\"",
          "\"\"",
          "\"2026-03-01T09:00:00Z\"",
          "0",
          "42",
          "-7",
          "3.25",
          "{}",
          "{\"input_tokens\":5}",
          "[]",
          "[1,\"a\",null]",
          "null",
          "true",
          "false");

  /** Numbers at the edges of long, of decimals and of the parsers' own limits. */
  static final List<String> ODD_NUMBERS =
      List.of(
          "1e400",
          "-1e400",
          "1e-400",
          "-1",
          "-0",
          "0.0",
          "1.5",
          "1.0",
          "1E2",
          "1e+2",
          "2e-7",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775808",
          "-9223372036854775809",
          "18446744073709551616",
          "1000000000000000",
          "1000000000000001",
          "4102444800000",
          "4102444800001",
          "1e2147483647",
          "1e-2147483647",
          "1e2147483648",
          "1e-2147483648",
          "1e999999999999",
          "0.000000000000000000000000000001",
          "00",
          "01",
          "+1",
          ".5",
          "1.",
          "1e",
          "--1",
          "0x10",
          "NaN",
          "Infinity",
          "-Infinity");

  /** Times no log should carry, and times shaped to fall off the hand-written fast path. */
  static final List<String> BAD_TIMES =
      List.of(
              "\"2026-13-45T99:00:00Z\"",
              "\"2026-02-30T00:00:00Z\"",
              "\"2026-01-01T24:00:00Z\"",
              "\"2026-01-01T23:60:00Z\"",
              "\"2026-01-01T23:59:60Z\"",
              "\"2026-01-01T00:00:00.Z\"",
              "\"2026-01-01T00:00:00.1234567890Z\"",
              "\"2026-01-01T00:00:00\"",
              "\"2026-01-01\"",
              "\"2026-01-01T00:00:00+25:00\"",
              "\"2026-01-01T00:00:00.000+05:30\"",
              "\"2026-01-01t00:00:00z\"",
              "\"2026-01-01 00:00:00Z\"",
              "\"20260101T000000Z\"",
              "\"0000-01-01T00:00:00Z\"",
              "\"1969-12-31T23:59:59Z\"",
              "\"9999-12-31T23:59:59.999999999Z\"",
              "\"+300000-01-01T00:00:00Z\"",
              "\"+999999999-12-31T23:59:59Z\"",
              "\"-999999999-01-01T00:00:00Z\"",
              "\"+1000000000-01-01T00:00:00Z\"",
              "\"-2026-01-01T00:00:00Z\"",
              "\"2026-01-01T00:00:00Z\\u0000\"",
              "\"\\u0032026-01-01T00:00:00Z\"",
              "\"२०२६-01-01T00:00:00Z\"",
              "\"yesterday\"",
              "\"\"",
              "\" \"",
              "0",
              "1767312000000",
              "-1",
              "1.5",
              "true",
              "{}",
              "[]")
          .stream()
          .map(MalformedRecords::latin1)
          .toList();

  static final List<String> ESCAPES =
      List.of(
          "\\ud800",
          "\\udc00",
          "\\ud800\\u0041",
          "\\udbff\\udfff",
          "\\ud83d",
          "\\u0000",
          "\\uffff",
          "\\ufeff",
          "\\uZZZZ",
          "\\u12",
          "\\u",
          "\\x41",
          "\\'",
          "\\U0001F600",
          "\\",
          "\\\\\\",
          "\\/");

  /** Bytes that are not UTF-8: overlong, lone continuation, encoded surrogate, beyond U+10FFFF. */
  static final List<String> INVALID_UTF8 =
      List.of(
          MalformedRecords.bytes(0xc0, 0xaf),
          MalformedRecords.bytes(0x80),
          MalformedRecords.bytes(0xbf, 0x80),
          MalformedRecords.bytes(0xed, 0xa0, 0x80),
          MalformedRecords.bytes(0xf4, 0x90, 0x80, 0x80),
          MalformedRecords.bytes(0xf5),
          MalformedRecords.bytes(0xfe),
          MalformedRecords.bytes(0xff),
          MalformedRecords.bytes(0xe2, 0x82),
          MalformedRecords.bytes(0xf0, 0x9f, 0x98),
          MalformedRecords.bytes(0x00),
          MalformedRecords.bytes(0x01),
          MalformedRecords.bytes(0x1f),
          MalformedRecords.bytes(0x7f));
}
