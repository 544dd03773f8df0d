package dev.goodhart.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What {@link LargeRepository} made: its commits by kind, and its head.
 *
 * @param aiCommits commits with an agent's mark (co-author trailer, agent author, name suffix)
 * @param deletions text files deleted, on the main line or on a branch
 * @param reAdds deleted files added back at their old path
 * @param linesAtHead lines of the text files at the head: what {@code git blame} attributes
 */
record RepositoryShape(
    int commits,
    int merges,
    int aiCommits,
    int renames,
    int deletions,
    int reAdds,
    int binaryChanges,
    int textFilesAtHead,
    int binaryFilesAtHead,
    long linesAtHead,
    Instant firstCommit,
    Instant lastCommit) {

  String describe(Path repository) {
    return ("%s: %,d commits (%,d merges, %,d with an AI agent's mark) from %s to %s;"
            + " %,d renames, %,d deletions, %,d re-adds, %,d binary changes;"
            + " at HEAD %,d text files (%,d lines) and %,d binary files")
        .formatted(
            repository,
            commits,
            merges,
            aiCommits,
            LocalDate.ofInstant(firstCommit, ZoneOffset.UTC),
            LocalDate.ofInstant(lastCommit, ZoneOffset.UTC),
            renames,
            deletions,
            reAdds,
            binaryChanges,
            textFilesAtHead,
            linesAtHead,
            binaryFilesAtHead);
  }

  /** The counts as the generator goes. */
  static final class Tally {
    int merges;
    int aiCommits;
    int renames;
    int deletions;
    int reAdds;
    int binaryChanges;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    void seen(long committedAt) {
      first = Math.min(first, committedAt);
      last = Math.max(last, committedAt);
    }

    RepositoryShape shape(int commits, int textFiles, int binaryFiles, long lines) {
      return new RepositoryShape(
          commits,
          merges,
          aiCommits,
          renames,
          deletions,
          reAdds,
          binaryChanges,
          textFiles,
          binaryFiles,
          lines,
          Instant.ofEpochSecond(first),
          Instant.ofEpochSecond(last));
    }
  }
}
