package dev.goodhart.metrics.outcome;

import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.PrintedCommit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a repository says about commits that reached its default branch under another sha than the
 * one a session printed: the printed commits it holds off the branch, the patch ids of its branch
 * commits, and its merged pull requests with their commits.
 */
final class RepositoryEvidence {
  static final RepositoryEvidence NONE =
      new RepositoryEvidence(List.of(), Map.of(), List.of(), Map.of());

  private final Map<String, PrintedCommit> printedByRef = new HashMap<>();
  private final TreeMap<String, PrintedCommit> printedBySha = new TreeMap<>();
  private final Map<String, List<String>> branchShasByPatchId = new HashMap<>();
  private final TreeMap<String, PullRequest> pullRequestByCommit = new TreeMap<>();
  private final Map<String, Integer> pullRequestOfBranchCommit = new HashMap<>();
  private final Map<String, Integer> pullRequestByAuthorship = new HashMap<>();

  /**
   * @param branchCommits the commits of the scanned branch, by sha
   */
  RepositoryEvidence(
      List<PrintedCommit> printed,
      Map<String, String> patchIds,
      List<PullRequest> pullRequests,
      Map<String, CommitFact> branchCommits) {
    for (PrintedCommit commit : printed) {
      printedByRef.put(commit.ref().toLowerCase(Locale.ROOT), commit);
      if (commit.sha() != null) {
        printedBySha.put(commit.sha(), commit);
      }
    }
    patchIds.forEach(
        (sha, id) -> {
          if (!id.isEmpty() && branchCommits.containsKey(sha)) {
            branchShasByPatchId.computeIfAbsent(id, k -> new ArrayList<>()).add(sha);
          }
        });
    for (PullRequest pullRequest : pullRequests) {
      for (String sha : pullRequest.commits()) {
        pullRequestByCommit.put(sha.toLowerCase(Locale.ROOT), pullRequest);
      }
      if (pullRequest.headSha() != null) {
        pullRequestByCommit.putIfAbsent(
            pullRequest.headSha().toLowerCase(Locale.ROOT), pullRequest);
      }
      String merge = pullRequest.mergeCommitSha();
      if (merge != null && branchCommits.containsKey(merge)) {
        pullRequest
            .authorships()
            .forEach(key -> pullRequestByAuthorship.putIfAbsent(key, pullRequest.number()));
        pullRequestOfBranchCommit.put(merge, pullRequest.number());
        for (String sha : pullRequest.commits()) {
          if (branchCommits.containsKey(sha)) {
            pullRequestOfBranchCommit.putIfAbsent(sha, pullRequest.number());
          }
        }
      }
    }
  }

  /** The printed commit as this repository resolved it, by the sha as printed. */
  Optional<PrintedCommit> printed(String ref) {
    return Optional.ofNullable(printedByRef.get(ref.toLowerCase(Locale.ROOT)));
  }

  /**
   * The branch commits with the same patch id as {@code side}, made after it and within {@code
   * window}: the same change, landed again (a rebase merge, a cherry-pick, an amend).
   */
  List<String> rewrittenAs(PrintedCommit side, Duration window, Map<String, CommitFact> branch) {
    if (side.patchId() == null || side.patchId().isEmpty() || side.committedAt() == null) {
      return List.of();
    }
    Instant from = side.committedAt();
    List<String> found = new ArrayList<>();
    for (String sha : branchShasByPatchId.getOrDefault(side.patchId(), List.of())) {
      Instant at = branch.get(sha).committedAt();
      if (!at.isBefore(from) && !at.isAfter(from.plus(window))) {
        found.add(sha);
      }
    }
    return found;
  }

  /**
   * The merged pull request that carried a commit, found by its full sha or, when the repository no
   * longer holds the commit, by the abbreviation a session printed.
   */
  Optional<PullRequest> pullRequestOf(String sha) {
    String key = sha.toLowerCase(Locale.ROOT);
    PullRequest exact = pullRequestByCommit.get(key);
    if (exact != null) {
      return Optional.of(exact);
    }
    if (key.length() < ScannedRepository.MIN_ABBREVIATION) {
      return Optional.empty();
    }
    String first = pullRequestByCommit.ceilingKey(key);
    if (first == null || !first.startsWith(key)) {
      return Optional.empty();
    }
    String next = pullRequestByCommit.higherKey(first);
    PullRequest found = pullRequestByCommit.get(first);
    if (next != null && next.startsWith(key) && pullRequestByCommit.get(next) != found) {
      return Optional.empty();
    }
    return Optional.of(found);
  }

  /**
   * The pull request a branch commit came in by, as the forge says: its merge, one of its commits,
   * or a commit a rebase merge replayed (the same author at the same author time).
   */
  @Nullable Integer pullRequestNumber(CommitFact commit) {
    Integer number = pullRequestOfBranchCommit.get(commit.sha());
    return number != null
        ? number
        : pullRequestByAuthorship.get(
            PullRequest.authorship(commit.authorEmail(), commit.authoredAt()));
  }

  /** Every printed commit the repository resolved, for sessions whose printed sha is in it. */
  Collection<PrintedCommit> printedCommits() {
    return printedBySha.values();
  }
}
