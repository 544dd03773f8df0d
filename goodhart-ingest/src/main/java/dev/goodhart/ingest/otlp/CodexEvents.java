package dev.goodhart.ingest.otlp;

import dev.goodhart.ingest.AgentWork;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import org.jspecify.annotations.Nullable;

/**
 * Codex's events (FORMATS.md §2.2): an {@code sse_event} of kind {@code response.completed} is one
 * API response's usage in OpenAI's convention (input includes cached input, output includes
 * reasoning), {@code user_prompt} a prompt, and a {@code tool_result} whose output prints git's
 * commit line a commit. The output is read for that line only and never kept.
 */
final class CodexEvents {
  private CodexEvents() {}

  /** Adds the event's facts; false when it has none. */
  static boolean map(LogEvent event, Facts facts) throws BadRecordException {
    switch (event.name) {
      case "sse_event" -> {
        UsageEvent usage = usage(event);
        if (usage == null) {
          return false;
        }
        facts.add(usage);
      }
      case "user_prompt" -> {
        String sessionId = sessionId(event);
        // Codex gives a prompt no id; one session cannot send two prompts at one instant.
        String at = event.attributes.ownText("event.timestamp");
        String key = at != null ? sessionId + "@" + at : event.recordHash();
        facts.add(Prompts.prompt(event, sessionId, "otel:p:" + key));
      }
      case "tool_result" -> {
        return commits(event, facts);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static String sessionId(LogEvent event) throws BadRecordException {
    return event.sessionId("conversation.id", "session.id");
  }

  /** The usage of a completed response; null for every other streaming event. */
  private static @Nullable UsageEvent usage(LogEvent event) throws BadRecordException {
    OtlpAttributes attributes = event.attributes;
    if (!"response.completed".equals(attributes.ownText("event.kind"))) {
      return null;
    }
    Long input = attributes.count("input_token_count");
    Long output = attributes.count("output_token_count");
    if (input == null && output == null) {
      return null; // a response the API reported no usage for
    }
    long in = input != null ? input : 0;
    long out = output != null ? output : 0;
    long cached = attributes.countOrZero("cached_token_count");
    long reasoning = attributes.countOrZero("reasoning_token_count");
    if (cached > in) {
      throw new BadRecordException(
          "attribute 'cached_token_count' (%d) exceeds 'input_token_count' (%d), which includes it"
              .formatted(cached, in));
    }
    // Reasoning is part of output in every Codex build; a record that says otherwise is kept,
    // reasoning capped.
    TokenCounts tokens = new TokenCounts(in - cached, out, cached, 0, 0, Math.min(reasoning, out));
    String sessionId = sessionId(event);
    String at = attributes.ownText("event.timestamp");
    String key =
        at != null
            ? "%s@%s|%d,%d,%d,%d".formatted(sessionId, at, in, cached, out, reasoning)
            : event.recordHash();
    String model = attributes.text("model");
    return new UsageEvent(
        event.source,
        "otel:" + key,
        null,
        false,
        event.time(),
        sessionId,
        null,
        null,
        null,
        event.machineId,
        "openai",
        model != null ? model : "unknown",
        false,
        tokens,
        null);
  }

  private static boolean commits(LogEvent event, Facts facts) throws BadRecordException {
    String output = event.attributes.ownText("output");
    if (output == null || output.length() > AgentWork.MAX_COMMIT_OUTPUT) {
      return false;
    }
    // Newer builds wrap a shell call's output as {"output": ..., "metadata": ...}.
    if (output.startsWith("{")
        && InnerJson.field(output, "output") instanceof InnerJson.Value inner) {
      output = inner.text();
    }
    var printed = AgentWork.commits(output);
    if (printed.isEmpty()) {
      return false;
    }
    SessionSignal.Context at = event.context(sessionId(event));
    String call = event.idOrHash("call_id");
    for (AgentWork.PrintedCommit commit : printed) {
      facts.add(
          SessionSignal.commit(
              at, "otel:c:" + call + ":" + commit.sha(), commit.sha(), commit.branch()));
    }
    return true;
  }
}
