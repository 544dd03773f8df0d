package dev.goodhart.model.git;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One scan of a repository's branch: everything the store keeps of it, replaced as a whole by the
 * next scan. Authors are pseudonyms by the time a scan reaches the store.
 *
 * @param engineVersion the version of the line-fate rules that produced it: a scan by another
 *     version is redone even when the head has not moved
 * @param linesSince commits from this moment on have their lines kept for line provenance ({@code
 *     lines}); null when none have. It is the first moment an agent wrote anything the store knows
 *     of: no earlier commit can hold an agent's line
 * @param lines the lines of those commits, per commit and file
 */
public record RepositoryScan(
    RepositoryRef repository,
    Instant scannedAt,
    String engineVersion,
    List<CommitFact> commits,
    @Nullable Instant linesSince,
    List<CommittedLines> lines) {
  public RepositoryScan {
    requireNonNull(repository, "repository is null");
    requireNonNull(scannedAt, "scannedAt is null");
    requireNonNull(engineVersion, "engineVersion is null");
    commits = List.copyOf(requireNonNull(commits, "commits is null"));
    lines = List.copyOf(requireNonNull(lines, "lines is null"));
  }

  /** A scan that kept no commit's lines. */
  public RepositoryScan(
      RepositoryRef repository, Instant scannedAt, String engineVersion, List<CommitFact> commits) {
    this(repository, scannedAt, engineVersion, commits, null, List.of());
  }

  /**
   * What a later scan needs to know about this one.
   *
   * @param linesSince the scan's {@link RepositoryScan#linesSince()}
   */
  public record Summary(
      RepositoryRef repository,
      Instant scannedAt,
      String engineVersion,
      long commits,
      @Nullable Instant linesSince) {

    public Summary(
        RepositoryRef repository, Instant scannedAt, String engineVersion, long commits) {
      this(repository, scannedAt, engineVersion, commits, null);
    }
  }
}
