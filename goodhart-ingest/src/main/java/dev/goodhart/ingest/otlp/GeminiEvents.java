package dev.goodhart.ingest.otlp;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import io.opentelemetry.proto.common.v1.AnyValue;
import org.jspecify.annotations.Nullable;

/**
 * Gemini CLI's events (FORMATS.md §3.2): {@code api_response} is a usage event, {@code user_prompt}
 * a prompt, a {@code tool_call} whose metadata counts lines the model added an edit. Gemini CLI
 * logs every response a second time as the GenAI convention's {@code
 * gen_ai.client.inference.operation.details}; that copy is ignored, so no response counts twice.
 */
final class GeminiEvents {
  private GeminiEvents() {}

  /** Adds the event's facts; false when it has none. */
  static boolean map(LogEvent event, Facts facts) throws BadRecordException {
    switch (event.name) {
      case "api_response" -> facts.add(usage(event));
      case "user_prompt" ->
          facts.add(
              Prompts.prompt(
                  event, event.sessionId("session.id"), "otel:p:" + event.idOrHash("prompt_id")));
      case "tool_call" -> {
        return edit(event, facts);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * Gemini's input ({@code promptTokenCount}) includes cached tokens; tool-use prompt tokens come
   * on top of it and are billed as input; thinking tokens are billed as output, and kept as
   * reasoning too. The same convention as the chat files' (GeminiMessages).
   */
  private static UsageEvent usage(LogEvent event) throws BadRecordException {
    OtlpAttributes attributes = event.attributes;
    long input = attributes.countOrZero("input_token_count");
    long output = attributes.countOrZero("output_token_count");
    long cached = attributes.countOrZero("cached_content_token_count");
    long thoughts = attributes.countOrZero("thoughts_token_count");
    long tool = attributes.countOrZero("tool_token_count");
    if (cached > input) {
      throw new BadRecordException(
          "attribute 'cached_content_token_count' (%d) exceeds 'input_token_count' (%d), which"
              + " includes it".formatted(cached, input));
    }
    TokenCounts tokens =
        new TokenCounts(input - cached + tool, output + thoughts, cached, 0, 0, thoughts);
    String sessionId = event.sessionId("session.id");
    String model = attributes.text("model");
    return new UsageEvent(
        event.source,
        "otel:" + key(event, sessionId, "prompt_id"),
        null,
        false,
        event.time(),
        sessionId,
        null,
        null,
        null,
        event.machineId,
        "google",
        model != null ? model : "unknown",
        false,
        tokens,
        null);
  }

  /**
   * A response, or a tool call, is its session's prompt and its time; a record lacking either is
   * keyed by its hash.
   */
  private static String key(LogEvent event, String sessionId, String... more) {
    StringBuilder key = new StringBuilder(sessionId);
    for (String name : more) {
      String part = event.attributes.text(name);
      if (part == null) {
        return event.recordHash();
      }
      key.append('|').append(part);
    }
    String at = event.attributes.ownText("event.timestamp");
    return at != null ? key.append('@').append(at).toString() : event.recordHash();
  }

  private static boolean edit(LogEvent event, Facts facts) throws BadRecordException {
    Long lines = addedLines(event);
    if (lines == null || lines == 0) {
      return false;
    }
    String sessionId = event.sessionId("session.id");
    SessionSignal.Context at = event.context(sessionId);
    facts.add(
        SessionSignal.edit(
            at, "otel:e:" + key(event, sessionId, "prompt_id", "function_name"), lines));
    return true;
  }

  /**
   * {@code metadata.model_added_lines}: flattened into a key of its own, or inside a {@code
   * metadata} key-value list or JSON string, or without the prefix.
   */
  private static @Nullable Long addedLines(LogEvent event) throws BadRecordException {
    OtlpAttributes attributes = event.attributes;
    Long flat = attributes.count("metadata.model_added_lines");
    if (flat != null) {
      return flat;
    }
    if (InnerJson.field(attributes.ownValue("metadata"), "model_added_lines")
        instanceof InnerJson.Value inner) {
      return OtlpValues.count(
          AnyValue.newBuilder().setStringValue(inner.text()).build(), "metadata.model_added_lines");
    }
    return attributes.count("model_added_lines");
  }
}
