package dev.goodhart.model.git;

import static java.util.Objects.requireNonNull;

/**
 * What one agent session's lines became in one commit, as line provenance found it: how many of the
 * commit's own lines are the session's, how many of those carry information, how many entered the
 * default branch, are at its head, and were there 30 days after the commit (or are there now, while
 * those 30 days have not passed).
 *
 * @param session the session's key (its source and id)
 */
public record LineCredit(
    String session,
    String repositoryId,
    String sha,
    int lines,
    int informative,
    int shipped,
    int aliveAtHead,
    int alive30d) {
  public LineCredit {
    requireNonNull(session, "session is null");
    requireNonNull(repositoryId, "repositoryId is null");
    requireNonNull(sha, "sha is null");
  }
}
