package dev.goodhart.ingest.otlp;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Claude Code's events (FORMATS.md §1.4): {@code api_request} is a usage event in Anthropic's token
 * convention, {@code user_prompt} a prompt, and a {@code tool_result} whose {@code tool_parameters}
 * name a {@code git_commit_id} (sent with {@code OTEL_LOG_TOOL_DETAILS=1}) a commit. Tool
 * parameters are read for that id only and never kept.
 */
final class ClaudeCodeEvents {
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

  /** A commit id in parameters that were cut off after it, as Claude Code's length limit does. */
  private static final Pattern COMMIT_ID =
      Pattern.compile("\"git_commit_id\"\\s*:\\s*\"([^\"]*)\"");

  private ClaudeCodeEvents() {}

  /** Adds the event's facts; false when it has none. */
  static boolean map(LogEvent event, Facts facts) throws BadRecordException {
    switch (event.name) {
      case "api_request" -> facts.add(usage(event));
      case "user_prompt" ->
          facts.add(
              Prompts.prompt(
                  event,
                  event.sessionId("session.id"),
                  "otel:p:" + event.idOrHash("prompt.id", "message.uuid")));
      case "tool_result" -> {
        return commit(event, facts);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static UsageEvent usage(LogEvent event) throws BadRecordException {
    OtlpAttributes attributes = event.attributes;
    String sessionId = event.sessionId("session.id");
    TokenCounts tokens =
        TokenCounts.of(
            attributes.countOrZero("input_tokens"),
            attributes.countOrZero("output_tokens"),
            attributes.countOrZero("cache_read_tokens"),
            attributes.countOrZero("cache_creation_tokens"));
    String key = attributes.text("request_id", "client_request_id");
    if (key == null) {
      String sequence = attributes.text("event.sequence");
      key = sequence != null ? sessionId + "#" + sequence : event.recordHash();
    }
    String model = attributes.text("model");
    String speed = attributes.text("speed");
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
        "anthropic",
        model != null ? model : "unknown",
        speed != null && speed.toLowerCase(Locale.ROOT).equals("fast"),
        tokens,
        cost(attributes));
  }

  /** {@code cost_usd_micros} (exact, since 2026-07), else the {@code cost_usd} float. */
  private static @Nullable BigDecimal cost(OtlpAttributes attributes) throws BadRecordException {
    Long micros = attributes.count("cost_usd_micros");
    BigDecimal cost =
        micros != null ? BigDecimal.valueOf(micros, 6) : attributes.decimal("cost_usd");
    if (cost == null) {
      return null;
    }
    if (cost.signum() < 0 || !JsonRecords.isPlausibleAmount(cost)) {
      throw new BadRecordException(
          "attribute '%s' is not a plausible cost in dollars: '%s'"
              .formatted(micros != null ? "cost_usd_micros" : "cost_usd", cost.toPlainString()));
    }
    return cost;
  }

  private static boolean commit(LogEvent event, Facts facts) throws BadRecordException {
    String sha = commitId(event);
    if (sha == null) {
      return false;
    }
    if (!SHA.matcher(sha).matches()) {
      throw new BadRecordException(
          "the 'git_commit_id' of attribute 'tool_parameters' is no commit sha: '%s'"
              .formatted(OtlpValues.abbreviate(sha)));
    }
    SessionSignal.Context at = event.context(event.sessionId("session.id"));
    facts.add(
        SessionSignal.commit(
            at, "otel:c:" + event.idOrHash("tool_use_id"), sha.toLowerCase(Locale.ROOT), null));
    return true;
  }

  private static @Nullable String commitId(LogEvent event) {
    InnerJson.Found found =
        InnerJson.field(event.attributes.ownValue("tool_parameters"), "git_commit_id");
    return switch (found) {
      case InnerJson.Value value -> value.text();
      case InnerJson.Absent absent -> null;
      case InnerJson.NotJson notJson -> {
        String text = event.attributes.ownText("tool_parameters");
        Matcher matcher = COMMIT_ID.matcher(text != null ? text : "");
        yield matcher.find() ? matcher.group(1) : null;
      }
    };
  }
}
