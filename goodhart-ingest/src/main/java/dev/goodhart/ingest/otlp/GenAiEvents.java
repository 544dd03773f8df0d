package dev.goodhart.ingest.otlp;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import org.jspecify.annotations.Nullable;

/**
 * The GenAI semantic conventions' inference event ({@code
 * gen_ai.client.inference.operation.details}, FORMATS.md §7) from services other than the agents
 * read above, which log their own usage events besides it. Input includes cache reads and writes
 * (the conventions say it SHOULD); the names deprecated in v1.28 and v1.37 are read too.
 */
final class GenAiEvents {
  static final String INFERENCE = "gen_ai.client.inference.operation.details";

  private GenAiEvents() {}

  /** Adds the event's usage; false when it is another event or reports no tokens. */
  static boolean map(LogEvent event, Facts facts) throws BadRecordException {
    if (!event.name.equals(INFERENCE)) {
      return false;
    }
    UsageEvent usage = usage(event);
    if (usage == null) {
      return false;
    }
    facts.add(usage);
    return true;
  }

  private static @Nullable UsageEvent usage(LogEvent event) throws BadRecordException {
    OtlpAttributes attributes = event.attributes;
    Long input = first(attributes, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens");
    Long output = first(attributes, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens");
    if (input == null && output == null) {
      return null;
    }
    long in = input != null ? input : 0;
    long out = output != null ? output : 0;
    long cacheRead = attributes.countOrZero("gen_ai.usage.cache_read.input_tokens");
    long cacheWrite = attributes.countOrZero("gen_ai.usage.cache_creation.input_tokens");
    long reasoning = attributes.countOrZero("gen_ai.usage.reasoning.output_tokens");
    if (cacheRead + cacheWrite > in) {
      throw new BadRecordException(
          ("cache reads (%d) and writes (%d) exceed 'gen_ai.usage.input_tokens' (%d), which"
                  + " includes them")
              .formatted(cacheRead, cacheWrite, in));
    }
    TokenCounts tokens =
        new TokenCounts(
            in - cacheRead - cacheWrite, out, cacheRead, cacheWrite, 0, Math.min(reasoning, out));
    String sessionId = event.sessionId("gen_ai.conversation.id", "session.id");
    String model = attributes.text("gen_ai.response.model", "gen_ai.request.model");
    return new UsageEvent(
        event.source,
        "otel:" + event.idOrHash("gen_ai.response.id"),
        null,
        false,
        event.time(),
        sessionId,
        null,
        null,
        null,
        event.machineId,
        attributes.text("gen_ai.provider.name", "gen_ai.system"),
        model != null ? model : "unknown",
        false,
        tokens,
        null);
  }

  private static @Nullable Long first(OtlpAttributes attributes, String current, String old)
      throws BadRecordException {
    Long value = attributes.count(current);
    return value != null ? value : attributes.count(old);
  }
}
