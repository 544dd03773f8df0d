package dev.goodhart.git.attribution;

import static java.util.Objects.requireNonNull;

/**
 * What a commit says about who wrote it: its author and committer, and its whole message (subject,
 * body and trailers).
 */
public record CommitText(
    String authorName,
    String authorEmail,
    String committerName,
    String committerEmail,
    String message) {
  public CommitText {
    requireNonNull(authorName, "authorName is null");
    requireNonNull(authorEmail, "authorEmail is null");
    requireNonNull(committerName, "committerName is null");
    requireNonNull(committerEmail, "committerEmail is null");
    requireNonNull(message, "message is null");
  }
}
