package dev.goodhart.git.fate;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** The lines of every commit of a walk, by sha. */
public record LineFateResult(Map<String, CommitLines> commits) {
  public LineFateResult {
    commits = Map.copyOf(requireNonNull(commits, "commits is null"));
  }

  public Optional<CommitLines> of(String sha) {
    return Optional.ofNullable(commits.get(sha));
  }
}
