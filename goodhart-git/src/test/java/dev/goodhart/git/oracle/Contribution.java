package dev.goodhart.git.oracle;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * Who makes one commit, and the marks that says so in the message.
 *
 * @param footer text the agent appends before the trailers (Claude Code's "Generated with" line),
 *     or empty
 * @param trailers {@code Co-authored-by:} lines, which a squash merge gathers into its own message
 */
record Contribution(
    CommitAgent agent, Person author, Person committer, String footer, List<String> trailers) {
  Contribution {
    requireNonNull(agent, "agent is null");
    requireNonNull(author, "author is null");
    requireNonNull(committer, "committer is null");
    requireNonNull(footer, "footer is null");
    trailers = List.copyOf(trailers);
  }

  /** The same people, committing through GitHub's web interface, as merges of pull requests are. */
  Contribution viaGitHub() {
    return new Contribution(agent, author, Person.GITHUB, footer, trailers);
  }

  Signature author(Instant when) {
    return author.at(when);
  }

  Signature committer(Instant when) {
    return committer.at(when);
  }

  String message(String subject, String body) {
    StringBuilder message = new StringBuilder(subject);
    if (!body.isEmpty()) {
      message.append("\n\n").append(body);
    }
    if (!footer.isEmpty()) {
      message.append("\n\n").append(footer);
    }
    if (!trailers.isEmpty()) {
      message.append("\n\n").append(String.join("\n", trailers));
    }
    return message.append('\n').toString();
  }
}
