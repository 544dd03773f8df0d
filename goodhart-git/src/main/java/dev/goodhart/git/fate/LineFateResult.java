package dev.goodhart.git.fate;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.git.CommittedLines;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lines of every commit of a walk, by sha; and, for the commits followed line by line, every
 * own line with its hash and fate (per commit in walk order, and file).
 */
public record LineFateResult(Map<String, CommitLines> commits, List<CommittedLines> lines) {
  public LineFateResult {
    commits = Map.copyOf(requireNonNull(commits, "commits is null"));
    lines = List.copyOf(requireNonNull(lines, "lines is null"));
  }

  public LineFateResult(Map<String, CommitLines> commits) {
    this(commits, List.of());
  }

  public Optional<CommitLines> of(String sha) {
    return Optional.ofNullable(commits.get(sha));
  }
}
