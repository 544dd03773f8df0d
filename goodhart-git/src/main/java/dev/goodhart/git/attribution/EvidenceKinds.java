package dev.goodhart.git.attribution;

/**
 * The values of {@link dev.goodhart.model.git.AiEvidence#kind()}: where in a commit, or beside it,
 * a piece of evidence was found.
 */
public final class EvidenceKinds {
  /** A {@code Co-authored-by:} line naming an agent's address or bot account. */
  public static final String CO_AUTHOR_TRAILER = "co-author-trailer";

  /** The commit's author is an agent's identity. */
  public static final String AUTHOR = "author";

  /** The commit's committer is an agent's identity. */
  public static final String COMMITTER = "committer";

  /**
   * A line a tool writes into messages: {@code 🤖 Generated with [Claude Code](…)}, {@code Made
   * with [Cursor](https://cursor.com)}, {@code Made-with: Cursor}.
   */
  public static final String GENERATED_MARKER = "generated-marker";

  /**
   * A trailer or link naming an agent session: {@code Claude-Session:}, {@code Agent-Logs-Url:}.
   */
  public static final String SESSION_TRAILER = "session-trailer";

  /** A subject that begins with a tool's prefix, {@code aider: }. */
  public static final String MESSAGE_PREFIX = "message-prefix";

  /** A policy trailer a person adds: {@code Assisted-by:}, {@code Generated-by:}. */
  public static final String ASSISTED_BY_TRAILER = "assisted-by-trailer";

  /**
   * A git-ai authorship note ({@code refs/notes/ai}) attributing lines of the commit to an agent.
   */
  public static final String GIT_AI_NOTE = "git-ai-note";

  /** An Agent Trace record attributing lines of the commit to an agent. */
  public static final String AGENT_TRACE = "agent-trace";

  private EvidenceKinds() {}
}
