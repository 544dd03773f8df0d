package dev.goodhart.metrics.outcome;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A pull (or merge) request as the forge reported it, what linking needs of it: the commit its
 * merge made on the base branch, and the commits it carried.
 *
 * @param repository the repository's full name ({@code owner/name})
 * @param mergeCommitSha the commit the merge made (a merge commit, a squash, the last of a rebase);
 *     null while it is not merged
 * @param commits the full shas of its commits, as the forge listed them; empty when unknown
 * @param headSha the last commit of its branch, when known
 * @param authorships its commits' authors (pseudonyms) and author times, as {@link #authorship}
 *     spells them: a rebase merge replays each commit under a new sha, keeping both
 */
public record PullRequest(
    String repository,
    int number,
    @Nullable String mergeCommitSha,
    List<String> commits,
    @Nullable String headSha,
    List<String> authorships) {
  public PullRequest {
    requireNonNull(repository, "repository is null");
    commits = List.copyOf(requireNonNull(commits, "commits is null"));
    authorships = List.copyOf(requireNonNull(authorships, "authorships is null"));
  }

  public PullRequest(
      String repository,
      int number,
      @Nullable String mergeCommitSha,
      List<String> commits,
      @Nullable String headSha) {
    this(repository, number, mergeCommitSha, commits, headSha, List.of());
  }

  /** Who wrote a commit and when, as a key: what stays the same when a rebase replays it. */
  public static String authorship(String authorId, Instant authoredAt) {
    return authorId + "@" + authoredAt.getEpochSecond();
  }
}
