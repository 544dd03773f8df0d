package dev.goodhart.ingest.forge;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What an import from a forge did.
 *
 * @param pullRequests pull requests read and stored
 * @param unchanged pull requests listed as updated whose details an earlier, interrupted import had
 *     already stored
 * @param commits pull request commits stored (again, for a pull request whose list changed)
 * @param requests requests sent, retries included
 * @param notModified answers "not modified" ({@code 304}), which cost nothing of a rate limit
 * @param badRecords answers, pages and items that could not be read and were skipped
 * @param upToDate the list of pull requests had not changed since the last import
 * @param cursorAdvanced whether the next import starts where this one ended: false after a problem,
 *     so that what it skipped is asked for again
 * @param waited time spent waiting for rate limits and retries
 */
public record ForgeImportSummary(
    String repository,
    int pullRequests,
    int unchanged,
    int commits,
    int reviews,
    int reviewComments,
    int requests,
    int notModified,
    int badRecords,
    boolean upToDate,
    boolean cursorAdvanced,
    Duration waited) {
  public ForgeImportSummary {
    requireNonNull(repository, "repository is null");
    requireNonNull(waited, "waited is null");
  }
}
