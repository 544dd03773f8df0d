package dev.goodhart.model.git;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A commit a session's tool output printed ({@code [branch 1a2b3c4] subject}), looked up in a
 * scanned repository: often abbreviated, it resolves to a full sha if the repository has the
 * commit, on the default branch or off it (a feature branch, a commit an amend or a rebase
 * replaced, which git keeps until it collects garbage).
 *
 * @param ref the sha as printed
 * @param sha the full sha, null while the repository has no such commit
 * @param onBranch whether the commit is reachable from the scanned default branch
 * @param patchId for a commit off the branch, its {@code git patch-id --stable}: the same change
 *     made again (a rebase, a cherry-pick, an amend of the message) has the same one
 * @param committedAt the commit's time, when it resolved
 * @param checkedAt when the repository was last asked
 */
public record PrintedCommit(
    String repositoryId,
    String ref,
    @Nullable String sha,
    boolean onBranch,
    @Nullable String patchId,
    @Nullable Instant committedAt,
    Instant checkedAt) {
  public PrintedCommit {
    requireNonNull(repositoryId, "repositoryId is null");
    requireNonNull(ref, "ref is null");
    requireNonNull(checkedAt, "checkedAt is null");
  }

  public boolean resolved() {
    return sha != null;
  }
}
