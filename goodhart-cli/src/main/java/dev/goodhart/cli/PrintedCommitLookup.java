package dev.goodhart.cli;

import dev.goodhart.git.Git;
import dev.goodhart.git.PrintedCommits;
import dev.goodhart.model.git.CommitTime;
import dev.goodhart.model.git.PrintedCommit;
import dev.goodhart.model.git.RepositoryRef;
import dev.goodhart.model.git.RepositoryScan;
import dev.goodhart.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Looks up in a repository the commits sessions printed, so that line provenance knows each one's
 * full sha, whether it reached the default branch and, for one that did not, its patch id; and
 * computes the patch ids of the branch commits made within {@link #WINDOW} after such a commit,
 * which is where the same change could have landed again (rebase merge, cherry-pick, amend).
 * Unresolved shas are asked again every time: a fetch may bring them.
 */
final class PrintedCommitLookup {
  /** Wider than line provenance's default window (14 days), so that a wider one finds them. */
  static final Duration WINDOW = Duration.ofDays(30);

  private PrintedCommitLookup() {}

  /**
   * Looks up what is new: printed shas never asked or not found before, and, after a scan, whether
   * the ones found reached the branch since. A report that brings nothing new costs one query.
   */
  static void refresh(Store store, RepositoryRef repository, Instant now) {
    List<String> refs = store.printedRefs().stream().filter(PrintedCommits::looksLikeSha).toList();
    Optional<RepositoryScan.Summary> scan = store.lastScan(repository.id());
    if (refs.isEmpty() || scan.isEmpty()) {
      return;
    }
    Map<String, PrintedCommit> known = new HashMap<>();
    store.printedCommits(repository.id()).forEach(commit -> known.put(commit.ref(), commit));
    List<String> ask = new ArrayList<>();
    boolean stale = false;
    for (String ref : refs) {
      PrintedCommit before = known.get(ref);
      if (before == null || !before.resolved()) {
        ask.add(ref);
      } else if (before.checkedAt().isBefore(scan.get().scannedAt())) {
        stale = true;
      }
    }
    Git git = Git.in(Path.of(repository.path()));
    Map<String, String> shas = PrintedCommits.fullShas(git, ask);
    if (shas.isEmpty() && !stale && ask.stream().allMatch(known::containsKey)) {
      return; // nothing found that was not known before, nothing to check again
    }
    List<CommitTime> branch = store.commitTimes(repository.id());
    Map<String, Instant> times = new HashMap<>();
    branch.forEach(commit -> times.put(commit.sha(), commit.committedAt()));
    Set<String> onBranch = new HashSet<>(times.keySet());
    times.putAll(
        PrintedCommits.commitTimes(
            git, shas.values().stream().filter(sha -> !onBranch.contains(sha)).toList()));
    List<PrintedCommit> changed = new ArrayList<>();
    List<String> needPatchIds = new ArrayList<>();
    for (String ref : refs) {
      PrintedCommit before = known.get(ref);
      String hit = shas.get(ref);
      if (before != null && before.resolved()) {
        boolean reached = onBranch.contains(before.sha());
        if (reached != before.onBranch() || before.checkedAt().isBefore(scan.get().scannedAt())) {
          changed.add(
              new PrintedCommit(
                  repository.id(),
                  ref,
                  before.sha(),
                  reached,
                  before.patchId(),
                  before.committedAt(),
                  now));
        }
        continue;
      }
      if (hit == null) {
        changed.add(new PrintedCommit(repository.id(), ref, null, false, null, null, now));
      } else {
        boolean reached = onBranch.contains(hit);
        changed.add(
            new PrintedCommit(repository.id(), ref, hit, reached, null, times.get(hit), now));
        if (!reached) {
          needPatchIds.add(hit);
        }
      }
    }
    Map<String, String> sideIds = PrintedCommits.patchIds(git, needPatchIds);
    changed.replaceAll(
        commit ->
            commit.sha() != null && sideIds.containsKey(commit.sha())
                ? new PrintedCommit(
                    commit.repositoryId(),
                    commit.ref(),
                    commit.sha(),
                    commit.onBranch(),
                    sideIds.get(commit.sha()),
                    commit.committedAt(),
                    commit.checkedAt())
                : commit);
    store.savePrintedCommits(changed);
    branchPatchIds(store, repository, git, branch, now);
  }

  /**
   * The patch ids of the branch commits made within the window after a commit printed off the
   * branch, those not computed yet.
   */
  private static void branchPatchIds(
      Store store, RepositoryRef repository, Git git, List<CommitTime> branch, Instant now) {
    List<Instant> sides = new ArrayList<>();
    for (PrintedCommit printed : store.printedCommits(repository.id())) {
      if (printed.resolved() && !printed.onBranch() && printed.committedAt() != null) {
        sides.add(printed.committedAt());
      }
    }
    if (sides.isEmpty()) {
      return;
    }
    Map<String, String> cached = store.patchIds(repository.id());
    List<String> missing = new ArrayList<>();
    for (CommitTime commit : branch) {
      if (commit.merge() || cached.containsKey(commit.sha())) {
        continue;
      }
      for (Instant side : sides) {
        if (!commit.committedAt().isBefore(side)
            && !commit.committedAt().isAfter(side.plus(WINDOW))) {
          missing.add(commit.sha());
          break;
        }
      }
    }
    Map<String, String> computed = PrintedCommits.patchIds(git, missing);
    // A commit with no diff has no patch id; remember that it was asked.
    missing.forEach(sha -> computed.putIfAbsent(sha, ""));
    store.savePatchIds(repository.id(), computed);
  }
}
