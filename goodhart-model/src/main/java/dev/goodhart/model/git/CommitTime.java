package dev.goodhart.model.git;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * When a scanned commit was made, and whether it merges: what a lookup of commits by time needs.
 */
public record CommitTime(String sha, Instant committedAt, boolean merge) {
  public CommitTime {
    requireNonNull(sha, "sha is null");
    requireNonNull(committedAt, "committedAt is null");
  }
}
