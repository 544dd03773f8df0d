package dev.goodhart.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something an agent session did besides spending tokens, as its log shows it: the {@code
 * session_signal} fact. These are what link spend to outcomes: a commit the session's own tool
 * output names, the lines its edits wrote, the prompts a person typed. No prompt or code text is
 * kept: a prompt is a hash and a length (enough to see the same prompt repeated), an edit a count
 * of lines and, where the log carries the text, a hash of every line written ({@link
 * dev.goodhart.model.git.LineHash}), which is what line provenance matches against commits.
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
 * @param filePath for {@link Kind#EDIT}: the file written, absolute where the log allows (a path
 *     relative to the session's folder is resolved against it), null when the log does not say
 * @param lineHashes for {@link Kind#EDIT}: the {@link dev.goodhart.model.git.LineHash} of every
 *     line the edit wrote, in order; empty when the log carries no text (then {@code lines} is a
 *     count)
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
    int textLength,
    @Nullable String filePath,
    long[] lineHashes) {

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
    lineHashes = lineHashes.clone();
  }

  /** The same fields as the record's canonical constructor, without a file or line hashes. */
  public SessionSignal(
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
    this(
        source,
        signalKey,
        sessionId,
        machineId,
        timestamp,
        kind,
        cwd,
        gitBranch,
        repositoryUrl,
        commitRef,
        commitBranch,
        lines,
        textHash,
        textLength,
        null,
        NO_LINES);
  }

  private static final long[] NO_LINES = {};

  @Override
  public long[] lineHashes() {
    return lineHashes.clone();
  }

  /** How many line hashes the signal holds, without copying them. */
  public int lineHashCount() {
    return lineHashes.length;
  }

  /** The line hash at {@code index}, without copying the array. */
  public long lineHash(int index) {
    return lineHashes[index];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SessionSignal that
        && source.equals(that.source)
        && signalKey.equals(that.signalKey)
        && sessionId.equals(that.sessionId)
        && machineId.equals(that.machineId)
        && timestamp.equals(that.timestamp)
        && kind == that.kind
        && Objects.equals(cwd, that.cwd)
        && Objects.equals(gitBranch, that.gitBranch)
        && Objects.equals(repositoryUrl, that.repositoryUrl)
        && Objects.equals(commitRef, that.commitRef)
        && Objects.equals(commitBranch, that.commitBranch)
        && lines == that.lines
        && Objects.equals(textHash, that.textHash)
        && textLength == that.textLength
        && Objects.equals(filePath, that.filePath)
        && Arrays.equals(lineHashes, that.lineHashes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, signalKey, sessionId, kind, timestamp)
        + 31 * Arrays.hashCode(lineHashes);
  }

  @Override
  public String toString() {
    return "SessionSignal[%s %s %s %s at %s, lines=%d, file=%s, hashes=%d]"
        .formatted(
            source, sessionId, kind, signalKey, timestamp, lines, filePath, lineHashes.length);
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

  /** Lines an agent's edit wrote, when the log gives only their number. */
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

  /**
   * Lines an agent's edit wrote into a file, each as its {@link dev.goodhart.model.git.LineHash}:
   * what line provenance follows into the commits that land them.
   *
   * @param filePath the file as the log names it; a relative path is resolved against the session's
   *     folder
   */
  public static SessionSignal edit(
      Context at, String key, @Nullable String filePath, long[] lineHashes) {
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
        lineHashes.length,
        null,
        0,
        filePath == null ? null : WrittenPaths.resolve(at.cwd(), filePath),
        lineHashes);
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
      @Nullable String repositoryUrl) {

    /** The same place at another moment. */
    public Context withTimestamp(Instant at) {
      return new Context(source, sessionId, machineId, at, cwd, gitBranch, repositoryUrl);
    }
  }
}
