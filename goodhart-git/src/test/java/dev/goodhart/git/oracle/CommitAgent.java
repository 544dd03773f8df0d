package dev.goodhart.git.oracle;

/** Who wrote a generated commit, as its markers tell: a person alone, or a person with an agent. */
public enum CommitAgent {
  NONE,
  /** {@code 🤖 Generated with [Claude Code]} and {@code Co-Authored-By: Claude} in the message. */
  CLAUDE_CODE,
  /** Authored by {@code copilot-swe-agent[bot]}, the person named in a co-author trailer. */
  COPILOT,
  /** {@code Co-authored-by: Cursor <cursoragent@cursor.com>}. */
  CURSOR,
  /** The person's name with the {@code (aider)} suffix, as author and committer. */
  AIDER
}
