package dev.goodhart.ingest.copilot;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.json.EpochTimes;
import dev.goodhart.ingest.json.JsonScanner;
import dev.goodhart.model.TokenCounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One line of an OpenTelemetry file export as the OpenTelemetry JavaScript SDK serialises it: a
 * span ({@code traceId}, {@code spanId}, {@code name}, {@code startTime} and {@code endTime} as
 * {@code [seconds, nanoseconds]}, {@code attributes}) or a log record ({@code hrTime}, {@code
 * spanContext}, {@code attributes}, {@code body}). Only what usage needs is read: the GenAI
 * conventions' attributes (FORMATS.md §7) and Copilot's session attributes.
 */
final class CopilotRecord {
  /** How the record reports usage, from most to least specific. */
  enum Kind {
    /** A {@code chat} span: one model request. */
    CHAT_SPAN,
    /** A {@code gen_ai.client.inference.operation.details} log record: the same request again. */
    INFERENCE_LOG,
    /** A {@code copilot_chat.agent.turn} log record: a turn's requests summed. */
    AGENT_TURN_LOG,
    /** An {@code invoke_agent} span: the whole agent run's requests summed. */
    AGENT_SPAN,
    OTHER
  }

  @Nullable String type;
  @Nullable String name;
  @Nullable String body;
  @Nullable String traceId;
  @Nullable String spanId;
  @Nullable Instant time;

  /**
   * Whether the record has a span's fields: its own trace and span ids, start or end, kind or
   * duration (a log record has its span's ids in {@code spanContext}).
   */
  boolean isSpanShaped;

  final Map<String, String> attributes = new HashMap<>();

  Kind kind() {
    boolean span = type != null ? type.equals("span") : isSpanShaped && name != null;
    String operation = attributes.get("gen_ai.operation.name");
    if (span) {
      if ("chat".equals(operation) || (name != null && name.startsWith("chat "))) {
        return Kind.CHAT_SPAN;
      }
      if ("invoke_agent".equals(operation) || (name != null && name.startsWith("invoke_agent "))) {
        return Kind.AGENT_SPAN;
      }
      return Kind.OTHER;
    }
    String event = attributes.get("event.name");
    if ("gen_ai.client.inference.operation.details".equals(event)
        || (body != null && body.startsWith("GenAI inference:"))) {
      return Kind.INFERENCE_LOG;
    }
    if ("copilot_chat.agent.turn".equals(event)
        || (body != null && body.startsWith("copilot_chat.agent.turn"))) {
      return Kind.AGENT_TURN_LOG;
    }
    return Kind.OTHER;
  }

  /** The first attribute of {@code names} that is set and not blank. */
  @Nullable String attribute(String... names) {
    for (String attribute : names) {
      String value = attributes.get(attribute);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  /**
   * The usage in the conventions' terms: input includes cache reads and writes, output includes
   * reasoning. An emitter whose cache counts exceed its input evidently left them out of it, and
   * its input is taken as it is. A record that gives only a total counts it as output, as ccusage
   * does.
   */
  TokenCounts tokens() throws BadRecordException {
    long input = count("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens");
    long output = count("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens");
    long cacheRead = count("gen_ai.usage.cache_read.input_tokens");
    long cacheWrite =
        count("gen_ai.usage.cache_write.input_tokens", "gen_ai.usage.cache_creation.input_tokens");
    long reasoning = count("gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens");
    long total = count("gen_ai.usage.total_tokens", "gen_ai.usage.total.token_count");
    if (input == 0 && output == 0 && cacheRead == 0 && cacheWrite == 0) {
      return new TokenCounts(0, total, 0, 0, 0, 0);
    }
    long uncached = cacheRead + cacheWrite <= input ? input - cacheRead - cacheWrite : input;
    return new TokenCounts(uncached, output, cacheRead, cacheWrite, 0, Math.min(reasoning, output));
  }

  private long count(String... names) throws BadRecordException {
    for (String attribute : names) {
      String value = attributes.get(attribute);
      if (value == null) {
        continue;
      }
      long count = parseCount(attribute, value);
      if (count > 0) {
        return count;
      }
    }
    return 0;
  }

  private static long parseCount(String attribute, String value) throws BadRecordException {
    String digits = value.strip();
    boolean valid = !digits.isEmpty() && digits.length() <= 18;
    for (int i = 0; valid && i < digits.length(); i++) {
      valid = Character.isDigit(digits.charAt(i)) && digits.charAt(i) < 128;
    }
    if (!valid) {
      throw new BadRecordException(
          "attribute '%s' must be a whole number from 0 up, found '%s'"
              .formatted(attribute, abbreviate(value)));
    }
    long count = Long.parseLong(digits);
    if (count > dev.goodhart.ingest.json.JsonRecords.MAX_COUNT) {
      throw new BadRecordException(
          "attribute '%s' is implausibly large: '%d'".formatted(attribute, count));
    }
    return count;
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  /** Reads {@code [seconds, nanoseconds]}, the SDK's high-resolution time. */
  static Instant hrTime(JsonScanner json, String field) throws BadRecordException {
    if (!json.array(field)) {
      throw new BadRecordException(
          "field '%s' must be [seconds, nanoseconds], found null".formatted(field));
    }
    long[] parts = new long[2];
    int count = 0;
    while (json.nextElement()) {
      long value = json.count(field + "[]");
      if (count < 2) {
        parts[count] = value;
      }
      count++;
    }
    if (count != 2 || parts[1] >= 1_000_000_000L) {
      throw new BadRecordException(
          "field '%s' must be [seconds, nanoseconds below 10^9]".formatted(field));
    }
    return EpochTimes.ofSeconds(
        BigDecimal.valueOf(parts[0]).add(BigDecimal.valueOf(parts[1], 9)), field);
  }

  /** Nanoseconds since the epoch, as a number or a string of digits. */
  static Instant unixNanos(BigDecimal nanos, String field) throws BadRecordException {
    return EpochTimes.ofSeconds(nanos.movePointLeft(9), field);
  }
}
