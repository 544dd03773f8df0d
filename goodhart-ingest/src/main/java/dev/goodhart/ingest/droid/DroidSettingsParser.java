package dev.goodhart.ingest.droid;

import static dev.goodhart.ingest.json.JsonRecords.count;
import static dev.goodhart.ingest.json.JsonRecords.object;
import static dev.goodhart.ingest.json.JsonRecords.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.util.Locale;

/**
 * One Droid session's settings file ({@code <session>.settings.json}), rewritten as the session
 * goes on: its {@code tokenUsage} is the whole session's (input, output, cache creation and reads,
 * thinking), one event keyed by the session and dated by {@code providerLockTimestamp}, when the
 * session settled on its provider. Thinking is billed as output and added to it; a session that
 * gives only {@code totalTokens} counts it as output, as ccusage does. Droid records no cost.
 */
final class DroidSettingsParser implements RecordParser {
  static final String SOURCE = "droid";

  private static final String SUFFIX = ".settings.json";

  private final LogFile file;

  DroidSettingsParser(LogFile file) {
    this.file = file;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    String model = null;
    String provider = null;
    String lockedAt = null;
    long[] usage = null;
    try (JsonParser parser = JsonRecords.parser(bytes, offset, length)) {
      JsonRecords.startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "model" -> model = text(parser, field);
          case "providerLock" -> provider = text(parser, field);
          case "providerLockTimestamp" -> lockedAt = text(parser, field);
          case "tokenUsage" -> {
            if (object(parser, field)) {
              usage = readUsage(parser);
            }
          }
          default -> parser.skipChildren();
        }
      }
      JsonRecords.endOfRecord(parser);
    } catch (IOException e) {
      throw JsonRecords.malformed(e);
    }
    if (usage == null) {
      return;
    }
    long input = usage[0];
    long output = usage[1];
    long cacheWrite = usage[2];
    long cacheRead = usage[3];
    long thinking = usage[4];
    if (input == 0 && output == 0 && cacheWrite == 0 && cacheRead == 0 && thinking == 0) {
      output = usage[5];
    }
    TokenCounts tokens =
        new TokenCounts(input, Math.addExact(output, thinking), cacheRead, cacheWrite, 0, thinking);
    if (tokens.total() == 0) {
      return;
    }
    if (lockedAt == null) {
      throw new BadRecordException("a session with tokens has no 'providerLockTimestamp'");
    }
    String session = sessionId();
    sink.accept(
        new UsageEvent(
            file.source(),
            "s:" + session,
            null,
            false,
            IsoTimes.parse(lockedAt, "providerLockTimestamp"),
            session,
            file.project(),
            null,
            null,
            file.machineId(),
            provider == null || provider.isBlank() ? null : provider.trim(),
            model == null || model.isBlank() ? "unknown" : modelId(model),
            false,
            tokens,
            null));
  }

  private String sessionId() {
    String name = file.path().getFileName().toString();
    return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : file.stem();
  }

  /**
   * Droid names a model by its id ({@code claude-sonnet-4-5-20250929}, kept as it is) or, for a
   * custom model, by a label such as {@code custom:Claude-Opus-4.5-Thinking-[Anthropic]-0}: a label
   * becomes an id the price tables know, as ccusage reads it (prefix and bracketed provider
   * dropped, lower case, dots and spaces as dashes).
   */
  static String modelId(String model) {
    String trimmed = model.trim();
    boolean label =
        trimmed.startsWith("custom:")
            || trimmed.indexOf('[') >= 0
            || trimmed.indexOf(' ') >= 0
            || !trimmed.equals(trimmed.toLowerCase(Locale.ROOT));
    if (!label) {
      return trimmed;
    }
    String name = trimmed.startsWith("custom:") ? trimmed.substring("custom:".length()) : trimmed;
    StringBuilder id = new StringBuilder();
    int depth = 0;
    for (char c : name.toCharArray()) {
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0) {
        char next = c == '.' || Character.isWhitespace(c) ? '-' : Character.toLowerCase(c);
        if (next != '-' || (!id.isEmpty() && id.charAt(id.length() - 1) != '-')) {
          id.append(next);
        }
      }
    }
    while (!id.isEmpty() && id.charAt(id.length() - 1) == '-') {
      id.setLength(id.length() - 1);
    }
    return id.isEmpty() ? "unknown" : id.toString();
  }

  /** Input, output, cache creation, cache reads, thinking and the total, in that order. */
  private static long[] readUsage(JsonParser parser) throws IOException, BadRecordException {
    long[] usage = new long[6];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      String name = "tokenUsage." + field;
      switch (field) {
        case "inputTokens" -> usage[0] = count(parser, name);
        case "outputTokens" -> usage[1] = count(parser, name);
        case "cacheCreationTokens" -> usage[2] = count(parser, name);
        case "cacheReadTokens" -> usage[3] = count(parser, name);
        case "thinkingTokens" -> usage[4] = count(parser, name);
        case "totalTokens" -> usage[5] = count(parser, name);
        default -> parser.skipChildren();
      }
    }
    return usage;
  }
}
