package dev.goodhart.git.attribution;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.git.AiEvidence;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether and by which agent a commit was written, with the evidence for it.
 *
 * @param aiAgent the agent's name ({@code claude-code}, {@code copilot}, {@code cursor}, {@code
 *     aider}, {@code codex}, {@code gemini}, {@code opencode}, {@code devin}, or {@code ai} when
 *     the evidence names no tool), or null when nothing points to an agent
 * @param evidence every piece found, strongest first
 * @param sessionIds agent session ids or session URLs the commit names (e.g. {@code
 *     Claude-Session:} trailers), for joining commits to usage
 */
public record Attribution(
    @Nullable String aiAgent, List<AiEvidence> evidence, List<String> sessionIds) {
  public static final Attribution NONE = new Attribution(null, List.of(), List.of());

  public Attribution {
    evidence = List.copyOf(requireNonNull(evidence, "evidence is null"));
    sessionIds = List.copyOf(requireNonNull(sessionIds, "sessionIds is null"));
  }
}
