package dev.goodhart.git.attribution;

/**
 * How firmly an identity (a name and an address) points to an agent, and so how sure goodhart is
 * when it finds that identity as a commit's author, its committer or a co-author.
 *
 * <p>A committer counts a little less than an author, because bots also commit what people wrote (a
 * rebase, a merge queue); a co-author line counts less again, because anyone can type one.
 */
enum IdentityStrength {
  /** A GitHub bot account an agent commits as: {@code copilot-swe-agent[bot]}. */
  BOT_ACCOUNT(1.0, 0.95, 0.9),
  /** The address a tool writes and no person uses: {@code noreply@anthropic.com}. */
  TOOL_ADDRESS(0.95, 0.9, 0.9),
  /** Aider's {@code (aider)} name suffix on the author or committer. */
  TOOL_NAME_SUFFIX(0.9, 0.9, 0.6),
  /**
   * An address that probably belongs to a tool without a documented one: {@code
   * noreply@openai.com}.
   */
  LIKELY_ADDRESS(0.6, 0.6, 0.6),
  /** A name that probably is a tool without a documented address: {@code Codex}, {@code Gemini}. */
  LIKELY_NAME(0.5, 0.5, 0.5);

  private final double asAuthor;
  private final double asCommitter;
  private final double asCoAuthor;

  IdentityStrength(double asAuthor, double asCommitter, double asCoAuthor) {
    this.asAuthor = asAuthor;
    this.asCommitter = asCommitter;
    this.asCoAuthor = asCoAuthor;
  }

  double asAuthor() {
    return asAuthor;
  }

  double asCommitter() {
    return asCommitter;
  }

  double asCoAuthor() {
    return asCoAuthor;
  }
}
