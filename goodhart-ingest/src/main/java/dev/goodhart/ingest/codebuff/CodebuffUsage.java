package dev.goodhart.ingest.codebuff;

import static dev.goodhart.ingest.json.JsonRecords.count;
import static dev.goodhart.ingest.json.JsonRecords.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.model.TokenCounts;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * One usage object of a Codebuff message, in any of the shapes its providers hand back: camel case
 * in Anthropic's convention ({@code inputTokens}, {@code cacheReadInputTokens}, {@code
 * cacheCreationInputTokens}), or OpenAI's ({@code prompt_tokens} with {@code
 * prompt_tokens_details.cached_tokens}, or the AI SDK's {@code promptTokens}), whose prompt
 * includes the cached tokens. The names are those ccusage reads; Codebuff does not document them.
 */
final class CodebuffUsage {
  long input;
  long output;
  long cacheRead;
  long cacheWrite;
  long total;
  boolean promptIncludesCache;
  @Nullable String model;

  boolean hasTokens() {
    return input > 0 || output > 0 || cacheRead > 0 || cacheWrite > 0 || total > 0;
  }

  /**
   * Goodhart's counts: cached tokens out of an OpenAI-style prompt (unless they exceed it, when the
   * prompt evidently left them out), and a bare total as output, as ccusage counts it.
   */
  TokenCounts tokens() {
    if (input == 0 && output == 0 && cacheRead == 0 && cacheWrite == 0) {
      return new TokenCounts(0, total, 0, 0, 0, 0);
    }
    long uncached = promptIncludesCache && cacheRead <= input ? input - cacheRead : input;
    return new TokenCounts(uncached, output, cacheRead, cacheWrite, 0, 0);
  }

  /** Reads the usage object the parser is on (its opening brace already read). */
  static CodebuffUsage read(JsonParser parser, String path) throws IOException, BadRecordException {
    CodebuffUsage usage = new CodebuffUsage();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      String at = path + "." + field;
      switch (field) {
        case "inputTokens", "input_tokens" -> usage.input = first(usage.input, parser, at);
        case "promptTokens", "prompt_tokens" -> {
          long prompt = count(parser, at);
          if (usage.input == 0 && prompt > 0) {
            usage.input = prompt;
            usage.promptIncludesCache = true;
          }
        }
        case "outputTokens", "output_tokens", "completionTokens", "completion_tokens" ->
            usage.output = first(usage.output, parser, at);
        case "cacheReadInputTokens", "cache_read_input_tokens" ->
            usage.cacheRead = first(usage.cacheRead, parser, at);
        case "cacheCreationInputTokens",
            "cache_creation_input_tokens",
            "cacheCreationTokens",
            "cache_creation_tokens",
            "cachedTokensCreated",
            "cached_tokens_created" ->
            usage.cacheWrite = first(usage.cacheWrite, parser, at);
        case "totalTokens", "total_tokens", "total" -> usage.total = first(usage.total, parser, at);
        case "promptTokensDetails", "prompt_tokens_details" -> {
          if (value == JsonToken.START_OBJECT) {
            readDetails(parser, at, usage);
          } else if (value != JsonToken.VALUE_NULL) {
            parser.skipChildren();
          }
        }
        case "model" -> {
          String model = value == JsonToken.VALUE_STRING ? text(parser, at) : null;
          usage.model = model != null && !model.isBlank() ? model : usage.model;
          parser.skipChildren();
        }
        default -> parser.skipChildren();
      }
    }
    return usage;
  }

  private static void readDetails(JsonParser parser, String path, CodebuffUsage usage)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("cachedTokens") || field.equals("cached_tokens")) {
        usage.cacheRead = Math.max(usage.cacheRead, count(parser, path + "." + field));
      } else {
        parser.skipChildren();
      }
    }
  }

  /** The first of a field's spellings that has a count wins. */
  private static long first(long current, JsonParser parser, String path)
      throws IOException, BadRecordException {
    long value = count(parser, path);
    return current > 0 ? current : value;
  }
}
