package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.SessionScript.Agent;
import java.util.List;

/**
 * Commit messages as the organisation's tools write them: agents' trailers (FORMATS 8.1), GitHub's
 * merge and squash messages, git's revert message, and the shell commands that commit them.
 */
final class CommitMessages {
  static final String CLAUDE_GENERATED =
      "\uD83E\uDD16 Generated with [Claude Code](https://claude.com/claude-code)";
  static final String CLAUDE_CO_AUTHOR = "Co-Authored-By: Claude <noreply@anthropic.com>";
  static final String CODEX_CO_AUTHOR = "Co-authored-by: Codex <codex@openai.com>";

  private CommitMessages() {}

  /** A commit the agent makes, marked the way the person's settings mark it. */
  static String byAgent(SessionPlan session, String subject, String body) {
    Person person = session.person;
    if (session.agent == Agent.CODEX) {
      return person.codexMark() ? subject + "\n\n" + CODEX_CO_AUTHOR + "\n" : subject + "\n";
    }
    return switch (person.claudeMark()) {
      case GENERATED_AND_CO_AUTHOR ->
          subject + "\n\n" + body + "\n\n" + CLAUDE_GENERATED + "\n\n" + CLAUDE_CO_AUTHOR + "\n";
      case CO_AUTHOR_WITH_MODEL ->
          subject
              + "\n\n"
              + body
              + "\n\nCo-Authored-By: Claude "
              + modelName(person.claudeModel())
              + " <noreply@anthropic.com>\n";
      case NONE -> subject + "\n\n" + body + "\n";
    };
  }

  /**
   * Whether a message says an agent wrote the commit, the way the organisation's agents say it
   * (trailers, the "Generated with" line), wherever it is in the message.
   */
  static boolean marksAnAgent(String message) {
    return message.contains("noreply@anthropic.com")
        || message.contains("Generated with [Claude Code]")
        || message.contains(CODEX_CO_AUTHOR);
  }

  static String byHand(String subject) {
    return subject + "\n";
  }

  static String merge(int pullRequest, String branch, String title) {
    return "Merge pull request #"
        + pullRequest
        + " from "
        + RepositoryModel.OWNER
        + "/"
        + branch
        + "\n\n"
        + title
        + "\n";
  }

  /** GitHub's squash: the title with the number, then each commit's message as a bullet. */
  static String squash(int pullRequest, String title, List<PlannedCommit> commits) {
    StringBuilder out = new StringBuilder(title).append(" (#").append(pullRequest).append(")\n");
    for (PlannedCommit commit : commits) {
      out.append("\n* ").append(commit.message.strip()).append('\n');
    }
    return out.toString();
  }

  static String revert(String subject, String sha) {
    return "Revert \"" + subject + "\"\n\nThis reverts commit " + sha + ".\n";
  }

  /** Claude Code's command: the message in double quotes, newlines and all. */
  static String claudeCommand(String message) {
    String escaped =
        message
            .strip()
            .replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("$", "\\$")
            .replace("`", "\\`");
    return "git commit -m \"" + escaped + "\"";
  }

  /** Codex's command: the message in single quotes. */
  static String codexCommand(String message) {
    return "git commit -m '" + message.strip().replace("'", "'\\''") + "'";
  }

  /** The public name of a model, as Claude Code writes it in a co-author trailer. */
  static String modelName(String model) {
    String family = model.contains("opus") ? "Opus" : model.contains("haiku") ? "Haiku" : "Sonnet";
    String version = model.replaceAll("^claude-[a-z]+-(\\d+)-(\\d)(-.*)?$", "$1.$2");
    return family + " " + version;
  }
}
