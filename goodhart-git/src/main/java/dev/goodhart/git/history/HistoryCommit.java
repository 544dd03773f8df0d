package dev.goodhart.git.history;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A commit and its changes against each of its parents, in parent order (a root commit has one
 * section, against the empty tree). Against the first parent, every changed file; against a merge's
 * other parents, only the files that also changed against the first, which are the only ones whose
 * lines the other parents can own.
 */
public record HistoryCommit(
    String sha,
    List<String> parents,
    String authorName,
    String authorEmail,
    Instant authoredAt,
    String committerName,
    String committerEmail,
    Instant committedAt,
    String message,
    List<List<FileChange>> sections) {

  public HistoryCommit {
    requireNonNull(sha, "sha is null");
    parents = List.copyOf(requireNonNull(parents, "parents is null"));
    requireNonNull(authorName, "authorName is null");
    requireNonNull(authorEmail, "authorEmail is null");
    requireNonNull(authoredAt, "authoredAt is null");
    requireNonNull(committerName, "committerName is null");
    requireNonNull(committerEmail, "committerEmail is null");
    requireNonNull(committedAt, "committedAt is null");
    requireNonNull(message, "message is null");
    sections = sections.stream().map(List::copyOf).toList();
    int expected = Math.max(1, parents.size());
    if (sections.size() != expected) {
      throw new IllegalArgumentException(
          "commit %s has %d parents but %d diff sections"
              .formatted(sha, parents.size(), sections.size()));
    }
  }

  /** The first line of the message. */
  public String subject() {
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  /** The changes against the first parent (against the empty tree for a root commit). */
  public List<FileChange> firstParentChanges() {
    return sections.getFirst();
  }
}
