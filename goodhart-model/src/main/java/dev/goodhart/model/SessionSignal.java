package dev.goodhart.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something an agent session did besides spending tokens, as its log shows it: the {@code
 * session_signal} fact. These are what link spend to outcomes: a commit the session's own tool
 * output names, the lines its edits wrote, the prompts a person typed. No prompt or code text is
 * kept: a prompt is a hash and a length (enough to see the same prompt repeated), an edit a count
 * of lines.
 *
 * @param source the registered name of the source that read it
 * @param signalKey the source's key for it (a tool call id, a message id, else a place in the
 *     file): the same signal read twice is stored once
 * @param commitRef for {@link Kind#COMMIT}: the (usually abbreviated) sha the tool output printed
 * @param commitBranch for {@link Kind#COMMIT}: the branch git printed with it, if any
 * @param repositoryUrl the remote the session's log names (Codex records it), for logs read on
 *     another machine than the repository
 * @param lines for {@link Kind#EDIT}: the lines the edit wrote
 * @param textHash for {@link Kind#PROMPT}: a hash of the normalised prompt text
 * @param textLength for {@link Kind#PROMPT}: the prompt's length in characters
 */
public record SessionSignal(
    String source,
    String signalKey,
    String sessionId,
    String machineId,
    Instant timestamp,
    Kind kind,
    @Nullable String cwd,
    @Nullable String gitBranch,
    @Nullable String repositoryUrl,
    @Nullable String commitRef,
    @Nullable String commitBranch,
    long lines,
    @Nullable String textHash,
    int textLength) {

  /** What the session did. */
  public enum Kind {
    /** A person's prompt. */
    PROMPT,
    /** A commit the session made, as its tool output printed it. */
    COMMIT,
    /** Lines the agent wrote into a file. */
    EDIT
  }

  public SessionSignal {
    requireNonNull(source, "source is null");
    requireNonNull(signalKey, "signalKey is null");
    requireNonNull(sessionId, "sessionId is null");
    requireNonNull(machineId, "machineId is null");
    requireNonNull(timestamp, "timestamp is null");
    requireNonNull(kind, "kind is null");
    if (kind == Kind.COMMIT && commitRef == null) {
      throw new IllegalArgumentException("a commit signal needs its commit's sha");
    }
    if (lines < 0 || textLength < 0) {
      throw new IllegalArgumentException("lines and textLength must not be negative");
    }
  }

  /** The commit a session's tool output printed. */
  public static SessionSignal commit(
      Context at, String key, String commitRef, @Nullable String commitBranch) {
    return new SessionSignal(
        at.source(),
        key,
        at.sessionId(),
        at.machineId(),
        at.timestamp(),
        Kind.COMMIT,
        at.cwd(),
        at.gitBranch(),
        at.repositoryUrl(),
        commitRef,
        commitBranch,
        0,
        null,
        0);
  }

  /** Lines an agent's edit wrote. */
  public static SessionSignal edit(Context at, String key, long lines) {
    return new SessionSignal(
        at.source(),
        key,
        at.sessionId(),
        at.machineId(),
        at.timestamp(),
        Kind.EDIT,
        at.cwd(),
        at.gitBranch(),
        at.repositoryUrl(),
        null,
        null,
        lines,
        null,
        0);
  }

  /** A person's prompt, as a hash of its normalised text and its length. */
  public static SessionSignal prompt(Context at, String key, String text) {
    return new SessionSignal(
        at.source(),
        key,
        at.sessionId(),
        at.machineId(),
        at.timestamp(),
        Kind.PROMPT,
        at.cwd(),
        at.gitBranch(),
        at.repositoryUrl(),
        null,
        null,
        0,
        promptHash(text),
        text.length());
  }

  /**
   * A hash that two prompts share when they differ only in case and white space: a person who
   * pastes the same request again is repeating it.
   */
  public static String promptHash(String text) {
    StringBuilder normalised = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = !normalised.isEmpty();
      } else {
        if (space) {
          normalised.append(' ');
          space = false;
        }
        normalised.append(Character.toLowerCase(c));
      }
    }
    Hashes.Hash128 hash = Hashes.murmur3(normalised.toString());
    return String.format("%016x%016x", hash.high(), hash.low());
  }

  /** Where and when in a session a signal was read: what every signal of one log line shares. */
  public record Context(
      String source,
      String sessionId,
      String machineId,
      Instant timestamp,
      @Nullable String cwd,
      @Nullable String gitBranch,
      @Nullable String repositoryUrl) {}
}
