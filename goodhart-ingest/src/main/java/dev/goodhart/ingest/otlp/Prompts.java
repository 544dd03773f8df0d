package dev.goodhart.ingest.otlp;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.model.SessionSignal;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A person's prompt as a signal. Agents send the text only when the organisation opted in (Claude
 * Code's {@code OTEL_LOG_USER_PROMPTS}, Codex's {@code log_user_prompt}; Gemini CLI by default);
 * otherwise a redaction marker or nothing, and always the length. The text itself is never kept: a
 * hash of it, as {@link SessionSignal#prompt} makes, and its length.
 */
final class Prompts {
  /** Claude Code sends {@code <REDACTED>}, Codex {@code [REDACTED]}. */
  private static final Pattern REDACTED =
      Pattern.compile("[<\\[]?redacted[>\\]]?", Pattern.CASE_INSENSITIVE);

  private Prompts() {}

  static SessionSignal prompt(LogEvent event, String sessionId, String key)
      throws BadRecordException {
    SessionSignal.Context at = event.context(sessionId);
    Long sent = event.attributes.count("prompt_length");
    if (sent != null && sent > Integer.MAX_VALUE) {
      throw new BadRecordException(
          "attribute 'prompt_length' is implausibly large: '%d'".formatted(sent));
    }
    String text = text(event.attributes.ownText("prompt"));
    // The length the agent measured wins: it is of the whole prompt, the text may be truncated.
    int length = sent != null ? sent.intValue() : text != null ? text.length() : 0;
    return new SessionSignal(
        at.source(),
        key,
        at.sessionId(),
        at.machineId(),
        at.timestamp(),
        SessionSignal.Kind.PROMPT,
        null,
        null,
        null,
        null,
        null,
        0,
        text != null ? SessionSignal.promptHash(text) : null,
        length);
  }

  /** The prompt's text, or null when the agent sent none or only a redaction marker. */
  private static @Nullable String text(@Nullable String prompt) {
    if (prompt == null || prompt.isBlank() || REDACTED.matcher(prompt.strip()).matches()) {
      return null;
    }
    return prompt;
  }
}
