package dev.goodhart.git.attribution;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One AI session (or, in notes older than git-ai 1.4, one prompt) that a git-ai note credits with
 * lines of its commit.
 *
 * @param key the session key ({@code s_…}, without the checkpoint's {@code ::t_…}) or the legacy
 *     prompt hash, as the note's attestation writes it
 * @param agent goodhart's name for the tool ({@link AgentNames}); {@code ai} when the metadata does
 *     not describe the key
 * @param tool {@code agent_id.tool} as written, or null when absent
 * @param conversationId {@code agent_id.id}, the tool's conversation or session id, which joins the
 *     commit to usage; null when absent
 * @param model {@code agent_id.model}, or null when absent
 * @param lines how many lines of the commit the key is credited with, each line once per file
 */
public record NoteAgent(
    String key,
    String agent,
    @Nullable String tool,
    @Nullable String conversationId,
    @Nullable String model,
    long lines) {
  public NoteAgent {
    requireNonNull(key, "key is null");
    requireNonNull(agent, "agent is null");
    if (lines < 0) {
      throw new IllegalArgumentException("lines must not be negative: " + lines);
    }
  }
}
