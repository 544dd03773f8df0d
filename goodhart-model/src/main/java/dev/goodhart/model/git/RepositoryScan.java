package dev.goodhart.model.git;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One scan of a repository's branch: everything the store keeps of it, replaced as a whole by the
 * next scan. Authors are pseudonyms by the time a scan reaches the store.
 *
 * @param engineVersion the version of the line-fate rules that produced it: a scan by another
 *     version is redone even when the head has not moved
 */
public record RepositoryScan(
    RepositoryRef repository, Instant scannedAt, String engineVersion, List<CommitFact> commits) {
  public RepositoryScan {
    requireNonNull(repository, "repository is null");
    requireNonNull(scannedAt, "scannedAt is null");
    requireNonNull(engineVersion, "engineVersion is null");
    commits = List.copyOf(requireNonNull(commits, "commits is null"));
  }

  /** What a later scan needs to know about this one. */
  public record Summary(
      RepositoryRef repository, Instant scannedAt, String engineVersion, long commits) {}
}
